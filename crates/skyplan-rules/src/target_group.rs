//! LB015 and LB020: target group settings and targets Elastic Load
//! Balancing refuses.

use skyplan_diagnostics::{Diagnostic, Rule, Span};
use skyplan_model::TargetGroup;
use skyplan_spec::{HealthCheckSpec, StickinessSpec};

use crate::Checker;

/// The smallest default health check timeout of any target group (an
/// application group's; network groups' are 6 and 10 s): an interval of
/// this or less is refused when the timeout is left to AWS.
const SMALLEST_DEFAULT_TIMEOUT: u64 = 5;
/// The prefix of the load balancer's own cookies (AWSALB, AWSALBAPP,
/// AWSALBTG).
const RESERVED_COOKIE_PREFIX: &str = "AWSALB";

pub(crate) fn check(c: &mut Checker) {
    for tg in &c.model.target_groups {
        let web = matches!(tg.protocol.value.as_str(), "HTTP" | "HTTPS");
        if let Some(h) = &tg.health_check {
            interval(c, tg, h);
            if let Some(m) = &h.matcher {
                let highest = if web { 499 } else { 599 };
                if !matcher_ok(&m.value, highest) {
                    let why = format!(
                        "`matcher: {}` is not a status code, a list of codes or a range within 200-{highest}",
                        m.value
                    );
                    refused(
                        c,
                        tg,
                        why,
                        m.span,
                        "not a matcher",
                        "write `200`, `200,302` or `200-299`",
                    );
                }
            }
        }
        if let Some(s) = &tg.stickiness {
            stickiness(c, tg, s, web);
        }
        targets(c, tg);
    }
    auto_scaled_ip_groups(c);
}

/// LB020: targets of the other type, and addresses AWS cannot register.
fn targets(c: &mut Checker, tg: &TargetGroup) {
    let ip = tg.target_type.as_ref().is_some_and(|t| t.value == "ip");
    let wrong = match (ip, tg.targets.first(), tg.ip_targets.first()) {
        (true, Some(t), _) => Some((
            t.span,
            "instances in an `ip` group",
            "list addresses in `ip_targets`, or make it `target_type: instance`",
        )),
        (false, _, Some(t)) => Some((
            t.span,
            "addresses in an `instance` group",
            "set `target_type: ip`, or list instances in `targets`",
        )),
        _ => None,
    };
    if let Some((span, what, fix)) = wrong {
        let summary = format!("{}: {what}", tg.common.address);
        push(
            c,
            Rule::IpTargets,
            tg,
            summary,
            (span, "the other type"),
            fix,
        );
    }
    let vpc = &c.model.vpcs[tg.vpc.id];
    for t in &tg.ip_targets {
        let Some(address) = t.address else {
            let why = format!(
                "{}: `{}` is not an IPv4 address",
                tg.common.address, t.written.value
            );
            let at = (t.written.span, "expected a.b.c.d");
            push(
                c,
                Rule::IpTargets,
                tg,
                why,
                at,
                "write an IPv4 address: 10.0.1.20",
            );
            continue;
        };
        let routable = vpc
            .blocks()
            .chain(skyplan_cidr::private_ranges())
            .any(|b| b.contains(&address));
        if !routable {
            let why = format!(
                "{}: {address} is publicly routable and outside {}",
                tg.common.address, vpc.common.address
            );
            let fix = "register an address of the VPC, or of 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10 reached over a peering, VPN or Direct Connect";
            let at = (t.written.span, "publicly routable");
            push(c, Rule::IpTargets, tg, why, at, fix);
        }
    }
}

/// LB020: an auto scaling group registers instance ids, so only with
/// `instance` groups.
fn auto_scaled_ip_groups(c: &mut Checker) {
    let m = c.model;
    for g in &m.auto_scaling_groups {
        for r in &g.target_groups {
            let tg = &m.target_groups[r.id];
            if tg.target_type.as_ref().is_some_and(|t| t.value == "ip") {
                let why = format!(
                    "{} registers its instances with {}, an `ip` group",
                    g.common.address, tg.common.address
                );
                let fix = "give the auto scaling group an `instance` target group";
                push(c, Rule::IpTargets, tg, why, (r.span, "an ip group"), fix);
            }
        }
    }
}

/// The interval must be greater than the timeout, the default one too.
fn interval(c: &mut Checker, tg: &TargetGroup, h: &HealthCheckSpec) {
    let Some(interval) = &h.interval else { return };
    let (timeout, said) = match &h.timeout {
        Some(t) => (t.value, format!("its timeout of {} s", t.value)),
        None => (
            SMALLEST_DEFAULT_TIMEOUT,
            format!("AWS's default timeout (at least {SMALLEST_DEFAULT_TIMEOUT} s)"),
        ),
    };
    if interval.value > timeout {
        return;
    }
    refused(
        c,
        tg,
        format!(
            "its health check interval of {} s is not greater than {said}",
            interval.value
        ),
        interval.span,
        "not greater than the timeout",
        "make the interval longer than the timeout (`interval: 10, timeout: 5`)",
    );
}

/// Whether `matcher` is codes (`200,302`) or ranges (`200-299`) within
/// 200-`highest`.
fn matcher_ok(matcher: &str, highest: u16) -> bool {
    let code = |s: &str| {
        s.parse::<u16>()
            .ok()
            .filter(|n| (200..=highest).contains(n))
    };
    matcher.split(',').all(|part| match part.split_once('-') {
        Some((from, to)) => matches!((code(from), code(to)), (Some(a), Some(b)) if a < b),
        None => code(part).is_some(),
    })
}

fn stickiness(c: &mut Checker, tg: &TargetGroup, s: &StickinessSpec, web: bool) {
    let kind = s.stickiness_type.value.as_str();
    let cookie = kind != "source_ip";
    if cookie != web {
        let why = format!("`{kind}` stickiness with protocol {}", tg.protocol.value);
        let fix = if web {
            "use `lb_cookie` or `app_cookie` for an HTTP or HTTPS group"
        } else {
            "use `source_ip` for a TCP, UDP or TCP_UDP group"
        };
        refused(
            c,
            tg,
            why,
            s.stickiness_type.span,
            "not this protocol's",
            fix,
        );
    }
    match (&s.cookie_name, kind) {
        (None, "app_cookie") => refused(
            c,
            tg,
            "`app_cookie` stickiness without its `cookie_name`".to_string(),
            s.span,
            "no cookie_name",
            "name the application's cookie: `cookie_name: SESSION`",
        ),
        (Some(n), "app_cookie") if n.value.starts_with(RESERVED_COOKIE_PREFIX) => refused(
            c,
            tg,
            format!(
                "the cookie `{}` starts with {RESERVED_COOKIE_PREFIX}",
                n.value
            ),
            n.span,
            "the load balancer's own cookies",
            "name the application's own cookie",
        ),
        (Some(n), _) if kind != "app_cookie" => refused(
            c,
            tg,
            format!("a `cookie_name` on `{kind}` stickiness"),
            n.span,
            "only for app_cookie",
            "remove `cookie_name`, or make the type `app_cookie`",
        ),
        _ => {}
    }
    if let (Some(d), false) = (&s.duration, cookie) {
        refused(
            c,
            tg,
            "a `duration` on `source_ip` stickiness".to_string(),
            d.span,
            "cookie stickiness only",
            "remove `duration`",
        );
    }
}

/// LB015: `tg` has a setting AWS refuses.
fn refused(c: &mut Checker, tg: &TargetGroup, why: String, at: Span, label: &str, fix: &str) {
    let summary = format!("{}: {why}", tg.common.address);
    push(c, Rule::TargetGroupSettings, tg, summary, (at, label), fix);
}

fn push(
    c: &mut Checker,
    rule: Rule,
    tg: &TargetGroup,
    summary: String,
    (at, label): (Span, &str),
    fix: &str,
) {
    c.push(
        Diagnostic::new(rule, summary)
            .detail("Elastic Load Balancing refuses it (ValidationError)")
            .resource(&tg.common.address)
            .at(at, label)
            .help(fix),
    );
}

#[cfg(test)]
mod tests {
    use super::matcher_ok;

    #[test]
    fn matchers_are_codes_lists_or_ranges_within_the_limit() {
        for ok in ["200", "200,302", "200-299", "200-499", "200,300-399"] {
            assert!(matcher_ok(ok, 499), "{ok}");
        }
        for bad in [
            "", "199", "500", "200-", "299-200", "200,,302", "2xx", "200-500",
        ] {
            assert!(!matcher_ok(bad, 499), "{bad}");
        }
        assert!(matcher_ok("200-599", 599));
    }
}
