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
    attributes: ATTRIBUTES,
    computed: &[],
};

declaration! {
    /// A target group (see `SCHEMA`).
    TargetGroupSpec {
        vpc: req_name(Vpc) force_new "Its VPC, the load balancer's.",
        protocol: req_choice(LB_PROTOCOLS) force_new
            "HTTP or HTTPS behind an application load balancer; TCP, UDP, TLS or TCP_UDP behind a network one.",
        port: req_ranged(1, 65535) force_new "The port the targets receive traffic on.",
        target_type: choice("instance") force_new = "instance" "What the targets are.",
        targets: names(Instance)
            "Instances (`app[1]` for one copy, a name with `count` for every copy); auto scaling groups register theirs with `target_groups`.",
        health_check: with(health_check: Option<HealthCheckSpec>, Object(HEALTH_CHECK))
            "How targets are checked.",
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct HealthCheckSpec {
    pub span: Span,
    pub protocol: Option<Sp<String>>,
    /// A port number, or `traffic-port` (the default).
    pub port: Option<Sp<String>>,
    pub path: Option<Sp<String>>,
}

/// `key:`: how targets are checked.
fn health_check(d: &mut Decoder, f: &Fields, key: &str) -> Option<HealthCheckSpec> {
    let node = f.node(key)?;
    let span = d.span(node);
    let h = d.fields(node, &keys_of(HEALTH_CHECK), key, span)?;
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
}
