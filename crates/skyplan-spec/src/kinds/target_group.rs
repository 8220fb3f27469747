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
        interval: uint(5, 300) "Seconds between two checks of a target (AWS's default: 30).",
        timeout: uint(2, 120)
            "Seconds without an answer that fail a check; less than `interval` (AWS's default: 5 for HTTP and HTTPS groups; for network groups 6 for HTTP checks, 10 for TCP and HTTPS ones).",
        healthy_threshold: uint(2, 10)
            "Passed checks in a row that make a target healthy (AWS's default: 5).",
        unhealthy_threshold: uint(2, 10)
            "Failed checks in a row that make a target unhealthy (AWS's default: 2).",
        matcher: str(String)
            "HTTP(S) checks: the status codes of a healthy answer, `200`, `200,302` or `200-299`; within 200-499 for HTTP and HTTPS groups, 200-599 for network ones (AWS's default: 200; network groups 200-399).",
    }
}

block! {
    /// One address of an `ip` target group.
    IpTargetSpec in pub IP_TARGET, read ip_target as "an IP target" {
        address: req_str(Ipv4) "An IPv4 address (an instance's, a container's, a server's on premises).",
        port: uint(1, 65535) "The port it receives traffic on (the group's when absent).",
    }
}

block! {
    /// A target group's `stickiness:`: which target a client's requests keep going to.
    StickinessSpec in pub STICKINESS, read stickiness_settings as "stickiness" {
        stickiness_type as "type": req_choice("lb_cookie", "app_cookie", "source_ip")
            "`lb_cookie` (a cookie of the load balancer's) or `app_cookie` (the application's) for HTTP and HTTPS groups; `source_ip` for TCP, UDP and TCP_UDP groups.",
        duration: uint(1, 604800)
            "Cookie stickiness: seconds a client stays with its target (AWS's default: 86400, a day).",
        cookie_name: str(String)
            "`app_cookie`: the application's cookie (not starting with AWSALB, AWSALBAPP or AWSALBTG, which are the load balancer's).",
    }
}

/// AWS's health check settings where a spec leaves them out
/// (`CreateTargetGroup`, Elastic Load Balancing API reference), by the
/// group's protocol and the check's. A value equal to its default is AWS's
/// choice as much as a value left out: the plan and the importer keep
/// neither, so writing the default never plans a change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HealthCheckDefaults {
    pub interval: u64,
    pub timeout: u64,
    pub healthy_threshold: u64,
    pub unhealthy_threshold: u64,
    pub matcher: &'static str,
}

impl HealthCheckDefaults {
    /// The protocol of a check that gives none: the group's for HTTP and
    /// HTTPS groups, TCP for network ones.
    pub fn protocol(group_protocol: &str) -> &str {
        if matches!(group_protocol, "HTTP" | "HTTPS") {
            group_protocol
        } else {
            "TCP"
        }
    }

    /// The path an HTTP or HTTPS check asks for when it gives none.
    pub const PATH: &'static str = "/";

    pub fn of(group_protocol: &str, check_protocol: &str) -> HealthCheckDefaults {
        let web_group = matches!(group_protocol, "HTTP" | "HTTPS");
        HealthCheckDefaults {
            interval: 30,
            timeout: match (web_group, check_protocol) {
                (true, _) => 5,
                (false, "HTTP") => 6,
                (false, _) => 10,
            },
            healthy_threshold: 5,
            unhealthy_threshold: 2,
            matcher: if web_group { "200" } else { "200-399" },
        }
    }
}

/// AWS's deregistration delay, in seconds.
pub const DEFAULT_DEREGISTRATION_DELAY: u64 = 300;
/// AWS's cookie stickiness duration, in seconds (a day).
pub const DEFAULT_COOKIE_DURATION: u64 = 86400;

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
        target_type: choice("instance", "ip") force_new = "instance"
            "What the targets are: instances (`targets`) or IPv4 addresses (`ip_targets`).",
        targets: names(Instance)
            "Instances (`app[1]` for one copy, a name with `count` for every copy); auto scaling groups register theirs with `target_groups`.",
        ip_targets: blocks(ip_target: IpTargetSpec, IP_TARGET)
            "`target_type: ip`: the addresses registered, in the VPC or (over a peering, VPN or Direct Connect) in 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10.",
        health_check: with(health_check: Option<HealthCheckSpec>, Object(HEALTH_CHECK))
            "How targets are checked.",
        deregistration_delay: uint(0, 3600)
            "Seconds a deregistering target keeps its open connections (AWS's default: 300).",
        stickiness: with(stickiness: Option<StickinessSpec>, Object(STICKINESS))
            "Keep a client's requests on one target (off when absent).",
    }
}

/// `key:`: how a client keeps its target.
fn stickiness(d: &mut Decoder, f: &Fields, key: &str) -> Option<StickinessSpec> {
    stickiness_settings(d, f.node(key)?)
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
