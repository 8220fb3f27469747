//! `target_group`: its kind-table entry (`SCHEMA`), its declaration and their decoder.

use super::prelude::*;

block! {
    /// A target group's `health_check:`.
    HealthCheckSpec in pub HEALTH_CHECK, read check as "health_check" {
        protocol: choice("HTTP", "HTTPS", "TCP")
            "The protocol of the check (the group's when absent).",
        port: with(check_port: Option<Sp<String>>, Ports) = "traffic-port"
            "A port, or `traffic-port`: the port the targets receive traffic on.",
        path: with(check_path: Option<Sp<String>>, String) "HTTP(S) checks: the path asked for.",
    }
}

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

/// `key:`: how targets are checked.
fn health_check(d: &mut Decoder, f: &Fields, key: &str) -> Option<HealthCheckSpec> {
    check(d, f.node(key)?)
}

/// `key:` of a health check: a port, or `traffic-port`.
fn check_port(d: &mut Decoder, f: &Fields, key: &str) -> Option<Sp<String>> {
    let p = f.scalar_text(d, key)?;
    let ok = p.value == "traffic-port" || p.value.parse::<u16>().is_ok_and(|n| n >= 1);
    if ok {
        return Some(p);
    }
    d.report(
        Diagnostic::new(
            Rule::InvalidValue,
            format!("`{key}: {}` is not a health check port", p.value),
        )
        .at(p.span, "not a port")
        .help("write a port 1-65535, or `traffic-port` (the targets' port)"),
    );
    None
}

/// `key:` of a health check: a path from the root.
fn check_path(d: &mut Decoder, f: &Fields, key: &str) -> Option<Sp<String>> {
    let p = f.str(d, key)?;
    if p.value.starts_with('/') && p.value.len() <= 1024 {
        return Some(p);
    }
    d.report(
        Diagnostic::new(
            Rule::InvalidValue,
            format!("a health check `{key}` starts with `/` and has at most 1024 characters"),
        )
        .at(p.span, "not a path")
        .help("write it from the root: `/health`"),
    );
    None
}
