//! `target_group`: its kind-table entry (`SCHEMA`), its declaration and their decoder.

use super::prelude::*;

/// A target group's health check.
pub const HEALTH_CHECK: &[Attr] = &[
    attr(
        "protocol",
        AttrType::Choice(&["HTTP", "HTTPS", "TCP"]),
        "The protocol of the check (the group's when absent).",
    ),
    default(
        attr(
            "port",
            AttrType::Ports,
            "A port, or `traffic-port`: the port the targets receive traffic on.",
        ),
        "traffic-port",
    ),
    attr(
        "path",
        AttrType::String,
        "HTTP(S) checks: the path asked for.",
    ),
];

pub(crate) const SCHEMA: KindSchema = KindSchema {
    kind: Kind::TargetGroup,
    doc: "A target group: the instances a load balancer's listeners forward to, and how their health is checked. The resource name is the AWS name: at most 32 letters, digits and hyphens.",
    id_prefix: "arn:aws:elasticloadbalancing",
    attributes: &[
        force_new(required(attr(
            "vpc",
            AttrType::Reference(Kind::Vpc),
            "Its VPC, the load balancer's.",
        ))),
        force_new(required(attr(
            "protocol",
            AttrType::Choice(LB_PROTOCOLS),
            "HTTP or HTTPS behind an application load balancer; TCP, UDP, TLS or TCP_UDP behind a network one.",
        ))),
        force_new(required(attr(
            "port",
            AttrType::Integer { min: 1, max: 65535 },
            "The port the targets receive traffic on.",
        ))),
        force_new(default(
            attr(
                "target_type",
                AttrType::Choice(&["instance"]),
                "What the targets are.",
            ),
            "instance",
        )),
        attr(
            "targets",
            AttrType::References(Kind::Instance),
            "Instances (`app[1]` for one copy, a name with `count` for every copy); auto scaling groups register theirs with `target_groups`.",
        ),
        attr(
            "health_check",
            AttrType::Object(HEALTH_CHECK),
            "How targets are checked.",
        ),
    ],
    computed: &[],
};

/// A target group (see `TARGET_GROUP`).
#[derive(Debug, Clone, PartialEq)]
pub struct TargetGroupSpec {
    pub vpc: Sp<String>,
    pub protocol: Sp<String>,
    pub port: Sp<i64>,
    pub target_type: Option<Sp<String>>,
    /// Instance names: `app[1]` for one copy, a name with `count` for every
    /// copy.
    pub targets: Vec<Sp<String>>,
    pub health_check: Option<HealthCheckSpec>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct HealthCheckSpec {
    pub span: Span,
    pub protocol: Option<Sp<String>>,
    /// A port number, or `traffic-port` (the default).
    pub port: Option<Sp<String>>,
    pub path: Option<Sp<String>>,
}

pub(crate) fn decode(d: &mut Decoder, f: &Fields) -> Option<TargetGroupSpec> {
    let attrs = Kind::TargetGroup.schema().attributes;
    let vpc = f.req_name(d, "vpc");
    let protocol = f.req_choice(d, "protocol", LB_PROTOCOLS);
    let port = req_ranged(d, f, "port", attrs);
    let health_check = f.node("health_check").and_then(|node| {
        let span = d.span(node);
        let h = d.fields(node, &keys_of(HEALTH_CHECK), "health_check", span)?;
        let port = h.scalar_text(d, "port").and_then(|p| {
            let ok = p.value == "traffic-port" || p.value.parse::<u16>().is_ok_and(|n| n >= 1);
            if ok {
                return Some(p);
            }
            d.report(
                Diagnostic::new(
                    Rule::InvalidValue,
                    format!("`port: {}` is not a health check port", p.value),
                )
                .at(p.span, "not a port")
                .help("write a port 1-65535, or `traffic-port` (the targets' port)"),
            );
            None
        });
        let path = h.str(d, "path").and_then(|p| {
            if p.value.starts_with('/') && p.value.len() <= 1024 {
                return Some(p);
            }
            d.report(
                Diagnostic::new(
                    Rule::InvalidValue,
                    "a health check `path` starts with `/` and has at most 1024 characters",
                )
                .at(p.span, "not a path")
                .help("write it from the root: `/health`"),
            );
            None
        });
        Some(HealthCheckSpec {
            span,
            protocol: h.choice(d, "protocol", choices(HEALTH_CHECK, "protocol")),
            port,
            path,
        })
    });
    Some(TargetGroupSpec {
        target_type: f.choice(d, "target_type", choices(attrs, "target_type")),
        targets: f.names(d, "targets"),
        health_check,
        vpc: vpc?,
        protocol: protocol?,
        port: port?,
    })
}
