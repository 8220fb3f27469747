//! LB012-LB013: what a load balancer's listeners and their rules do with a
//! request.

use std::collections::HashMap;

use skyplan_diagnostics::{Diagnostic, Rule, Span};
use skyplan_model::{Listener, ListenerAction, LoadBalancer};
use skyplan_spec::{FixedResponseSpec, LoadBalancerType, RedirectSpec};

use crate::Checker;

/// The longest fixed response body AWS takes.
const MAX_BODY: usize = 1024;
/// The longest redirect host or path AWS takes.
const MAX_PART: usize = 128;

/// The most condition values AWS takes in one rule.
const MAX_CONDITION_VALUES: usize = 5;

pub(crate) fn check(c: &mut Checker) {
    for lb in &c.model.load_balancers {
        for l in &lb.listeners {
            listener(c, lb, l);
            rules(c, lb, l);
        }
    }
}

/// LB012 on a listener's rules: an application load balancer's only,
/// priorities unique, conditions given and within AWS's limits, one
/// action each (checked as the listener's own).
fn rules(c: &mut Checker, lb: &LoadBalancer, l: &Listener) {
    let address = &lb.common.address;
    let refused = |summary: String, at: Span, label: &str, help: &str| {
        Diagnostic::new(Rule::ListenerAction, summary)
            .detail("AWS refuses it (CreateRule)")
            .resource(address)
            .at(at, label)
            .help(help)
    };
    let port = l.port.value;
    if lb.lb_type.value == LoadBalancerType::Network
        && let Some(first) = l.rules.first()
    {
        c.push(refused(
            format!("the listener of {address} on port {port} has rules, which a network load balancer cannot"),
            first.span,
            "application load balancers only",
            "remove the rules, or make it an application load balancer",
        ));
        return;
    }
    let mut seen: HashMap<i64, Span> = HashMap::new();
    for r in &l.rules {
        let priority = r.priority.value;
        if let Some(first) = seen.insert(priority, r.priority.span) {
            c.push(
                refused(
                    format!("two rules of the listener of {address} on port {port} have priority {priority}"),
                    r.priority.span,
                    "second rule of the priority",
                    "give each rule its own priority",
                )
                .related(first, "first rule"),
            );
        }
        let values = r.hosts.len() + r.paths.len();
        if values == 0 {
            c.push(refused(
                format!(
                    "rule {priority} of the listener of {address} on port {port} has no condition"
                ),
                r.span,
                "no `hosts` or `paths`",
                "give it `hosts` or `paths` (the listener's own action takes everything else)",
            ));
        } else if values > MAX_CONDITION_VALUES {
            c.push(refused(
                format!("rule {priority} of the listener of {address} on port {port} has {values} condition values"),
                r.span,
                "more than 5 condition values",
                "split it into rules of at most 5 values",
            ));
        }
        for pattern in r.hosts.iter().chain(&r.paths) {
            if pattern.value.is_empty() || pattern.value.chars().count() > 128 {
                c.push(refused(
                    format!(
                        "rule {priority} of {address} has a pattern of {} characters",
                        pattern.value.chars().count()
                    ),
                    pattern.span,
                    "not 1-128 characters",
                    "use a pattern of 1 to 128 characters",
                ));
            }
        }
        match r.action() {
            None => c.push(refused(
                format!(
                    "rule {priority} of the listener of {address} on port {port} has {} actions",
                    r.actions.len()
                ),
                r.span,
                "not exactly one action",
                "keep one of `target_group`, `redirect`, `fixed_response`",
            )),
            Some(ListenerAction::Redirect(x)) => redirect(c, lb, l, x),
            Some(ListenerAction::FixedResponse(f)) => fixed_response(c, lb, f),
            Some(ListenerAction::Forward(_)) => {}
        }
    }
}

fn listener(c: &mut Checker, lb: &LoadBalancer, l: &Listener) {
    let address = &lb.common.address;
    let refused = |summary: String, at: Span, label: &str, help: &str| {
        Diagnostic::new(Rule::ListenerAction, summary)
            .detail("AWS refuses it (CreateListener)")
            .resource(address)
            .at(at, label)
            .help(help)
    };
    let port = l.port.value;
    let Some(action) = l.action() else {
        let written: Vec<&str> = l.actions.iter().map(ListenerAction::key).collect();
        let summary = if written.is_empty() {
            format!("the listener of {address} on port {port} has no action")
        } else {
            format!(
                "the listener of {address} on port {port} has {} actions: {}",
                written.len(),
                written.join(", ")
            )
        };
        c.push(refused(
            summary,
            l.span,
            "not exactly one action",
            "keep one of `target_group`, `redirect`, `fixed_response`",
        ));
        return;
    };
    let answers = match action {
        ListenerAction::Forward(_) => return,
        ListenerAction::Redirect(r) => {
            redirect(c, lb, l, r);
            "a redirect"
        }
        ListenerAction::FixedResponse(f) => {
            fixed_response(c, lb, f);
            "a fixed response"
        }
    };
    if lb.lb_type.value == LoadBalancerType::Network {
        c.push(refused(
            format!("the listener of {address} on port {port} answers with {answers}, which a network load balancer cannot"),
            action.span(),
            "application load balancers only",
            "forward to a target group, or make it an application load balancer",
        ));
    }
}

/// LB012 on a redirect's parts, and LB013 on one that changes nothing.
fn redirect(c: &mut Checker, lb: &LoadBalancer, l: &Listener, r: &RedirectSpec) {
    let address = &lb.common.address;
    let mut refuse = |summary: String, at: Span, help: &str| {
        c.push(
            Diagnostic::new(Rule::ListenerAction, summary)
                .detail("AWS refuses the redirect (RedirectActionConfig)")
                .resource(address)
                .at(at, "not a redirect AWS takes")
                .help(help),
        );
    };
    let at = |part: &Option<skyplan_spec::Sp<String>>| part.as_ref().map_or(r.span, |p| p.span);
    let (protocol, port, host, path) = (r.protocol(), r.port(), r.host(), r.path());
    if l.protocol.value == "HTTPS" && protocol == "HTTP" {
        refuse(
            format!("{address} redirects HTTPS to HTTP on port {}", l.port.value),
            at(&r.protocol),
            "redirect HTTP to HTTPS, never back",
        );
    }
    if port != "#{port}" && !port.parse::<u16>().is_ok_and(|p| p >= 1) {
        refuse(
            format!("{address} redirects to port `{port}`"),
            at(&r.port),
            "give a port from 1 to 65535, or `#{port}`",
        );
    }
    if host.is_empty() || host.chars().count() > MAX_PART {
        refuse(
            format!(
                "{address} redirects to a host of {} characters",
                host.chars().count()
            ),
            at(&r.host),
            "give a host of 1 to 128 characters",
        );
    }
    if !path.starts_with('/') || path.chars().count() > MAX_PART {
        refuse(
            format!("{address} redirects to path `{}`", path.escape_debug()),
            at(&r.path),
            "give an absolute path of at most 128 characters, starting with `/`",
        );
    }
    let same_protocol = protocol == "#{protocol}" || protocol == l.protocol.value;
    let same_port = port == "#{port}" || port == l.port.value.to_string();
    if same_protocol && same_port && host == "#{host}" && path == "/#{path}" {
        c.push(
            Diagnostic::new(
                Rule::ListenerRedirectLoop,
                format!(
                    "the listener of {address} on port {} redirects to the URL it was asked for",
                    l.port.value
                ),
            )
            .detail("the client is redirected to the same URL again and again")
            .resource(address)
            .at(r.span, "changes none of protocol, host, port, path")
            .help(
                "redirect to another protocol, port, host or path (`protocol: HTTPS, port: 443`)",
            ),
        );
    }
}

/// LB012 on a fixed response's status and body.
fn fixed_response(c: &mut Checker, lb: &LoadBalancer, f: &FixedResponseSpec) {
    let address = &lb.common.address;
    let status = f.status.value;
    if !matches!(status / 100, 2 | 4 | 5) {
        c.push(
            Diagnostic::new(
                Rule::ListenerAction,
                format!("{address} answers with a fixed response of status {status}"),
            )
            .detail("AWS refuses it: a fixed response's status is a 2XX, 4XX or 5XX code")
            .resource(address)
            .at(f.status.span, "not 2XX, 4XX or 5XX")
            .help("use `redirect` for a 3XX answer"),
        );
    }
    if let Some(body) = f
        .body
        .as_ref()
        .filter(|b| b.value.chars().count() > MAX_BODY)
    {
        c.push(
            Diagnostic::new(
                Rule::ListenerAction,
                format!(
                    "{address} answers with a fixed response body of {} characters",
                    body.value.chars().count()
                ),
            )
            .detail("AWS refuses a fixed response body over 1,024 characters")
            .resource(address)
            .at(body.span, "too long")
            .help("shorten it, or serve the page from a target"),
        );
    }
}
