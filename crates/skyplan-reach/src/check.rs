//! What `validate` and `lint` learn from reachability: every expectation
//! that does not hold (RC001), every instance the whole internet reaches
//! on an administration or database port (RC002), and traffic a transit
//! gateway inspects one way only (TW013).

use skyplan_diagnostics::{Diagnostic, Rule};
use skyplan_model::traffic::{ADMIN_PORTS, DATABASE_PORTS};
use skyplan_model::{Expectation, Model};
use skyplan_spec::suggest::closest;

use crate::addresses::Addresses;
use crate::engine::reach;
use crate::exposure::{Exposure, exposure};
use crate::hop::{Check, Hop, Outcome, Verdict};
use crate::query::{Endpoint, Protocol, Query};
use skyplan_state::{Exposed, ExposedProtocol};

/// Which reachability findings a run asks for: each costs a walk of many
/// paths, so a run that reports neither pays for neither.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Wanted {
    /// RC001 and RC003: the stack's expectations.
    pub expectations: bool,
    /// RC002: what the whole internet reaches.
    pub exposure: bool,
    /// TW013: inspection one way only.
    pub symmetry: bool,
}

/// What [`check`] found.
#[derive(Debug, Default)]
pub struct Reachability {
    pub diagnostics: Vec<Diagnostic>,
    /// Everything the internet reaches, sorted, when exposure was wanted:
    /// what an apply records in the state and the next plan compares with.
    pub exposure: Option<Vec<Exposed>>,
}

/// The findings of a stack whose other checks found no error (a verdict on
/// a network with a broken resource would be invented).
pub fn check(m: &Model, wanted: Wanted) -> Reachability {
    let mut out = Vec::new();
    // When the plan refuses the stack (its errors are reported by `plan`),
    // there are no addresses and so no verdicts.
    if wanted.expectations
        && !m.expectations.is_empty()
        && let Ok(addresses) = Addresses::after_apply(m, None)
    {
        for e in &m.expectations {
            out.extend(expectation(m, &addresses, e));
        }
    }
    if wanted.symmetry {
        crate::symmetry::check(m, &mut out);
    }
    let mut exposure = None;
    if wanted.exposure {
        let (found, record) = internet_exposed(m);
        out.extend(found);
        exposure = Some(record);
    }
    Reachability {
        diagnostics: out,
        exposure,
    }
}

/// The record of an exposure, sorted.
fn record(exposed: &[Exposure]) -> Vec<Exposed> {
    let mut record: Vec<Exposed> = exposed
        .iter()
        .flat_map(|x| {
            x.open.iter().map(|o| Exposed {
                address: x.address.clone(),
                protocol: match o.protocol {
                    Protocol::Tcp => ExposedProtocol::Tcp,
                    Protocol::Udp => ExposedProtocol::Udp,
                    Protocol::Icmp => ExposedProtocol::Icmp,
                },
                from_port: o.ports.0,
                to_port: o.ports.1,
            })
        })
        .collect();
    record.sort_unstable();
    record.dedup();
    record
}

fn is_address(resource: &str) -> bool {
    resource.contains('.') && !resource.contains(' ')
}

fn endpoints(
    m: &Model,
    e: &Expectation,
    side: &skyplan_spec::Sp<String>,
) -> Result<Vec<Endpoint>, Box<Diagnostic>> {
    Endpoint::parse_all(m, &side.value).map_err(|err| {
        let names: Vec<String> = m
            .instance_groups
            .iter()
            .map(|g| g.common.name.value.clone())
            .chain(m.load_balancers.iter().map(|l| l.common.address.clone()))
            .chain(m.auto_scaling_groups.iter().map(|g| g.common.address.clone()))
            .chain(["internet".to_string()])
            .collect();
        let hint = closest(&side.value, names.iter().map(String::as_str)).map_or_else(
            || "name an instance, `load_balancer.NAME`, `auto_scaling_group.NAME`, `internet`, or a public IPv4 address or block".to_string(),
            |s| format!("did you mean `{s}`?"),
        );
        Box::new(
            Diagnostic::new(Rule::UnknownReference, format!("{}: {}", e.address, err.0))
                .resource(&e.address)
                .at(side.span, "not an endpoint")
                .help(hint),
        )
    })
}

fn expectation(m: &Model, a: &Addresses, e: &Expectation) -> Option<Diagnostic> {
    let (from, to) = match (endpoints(m, e, &e.from), endpoints(m, e, &e.to)) {
        (Ok(f), Ok(t)) => (f, t),
        (Err(d), _) | (_, Err(d)) => return Some(*d),
    };
    let protocol = e
        .protocol
        .as_ref()
        .and_then(|p| Protocol::parse(&p.value))
        .unwrap_or(Protocol::Tcp);
    let port = e.port.as_ref().map_or(0, |p| p.value);
    for f in &from {
        for t in &to {
            let query = Query {
                from: *f,
                to: *t,
                protocol,
                port,
            };
            let v = reach(m, a, &query);
            // A path skyplan does not evaluate yet is no verdict: failing it
            // would cry wolf, passing it would vouch for what was not looked
            // at. Say which hop is not evaluated.
            if v.outcome() == Outcome::Unknown {
                return Some(not_evaluated(m, e, &query, &v));
            }
            if v.reachable != e.reachable.value {
                return Some(failed(m, e, &query, &v));
            }
            if let Some(via) = &e.via
                && let Some(d) = not_via(m, e, via, &query, &v)
            {
                return Some(d);
            }
        }
    }
    None
}

/// RC001 for a reachable path that does not go through `via`: an
/// instance (any copy of a counted one), named as `reach` names it.
fn not_via(
    m: &Model,
    e: &Expectation,
    via: &skyplan_spec::Sp<String>,
    q: &Query,
    v: &Verdict,
) -> Option<Diagnostic> {
    let hosts = match Endpoint::parse_all(m, &via.value) {
        Ok(hosts) => hosts,
        Err(err) => {
            return Some(
                Diagnostic::new(Rule::UnknownReference, format!("{}: {}", e.address, err.0))
                    .resource(&e.address)
                    .at(via.span, "not an instance")
                    .help("name the instance the path must go through"),
            );
        }
    };
    let names: Vec<String> = hosts.iter().map(|h| h.address(m)).collect();
    if v.forward.iter().any(|h| names.contains(&h.resource)) {
        return None;
    }
    let (from, to) = (q.from.address(m), q.to.address(m));
    Some(
        Diagnostic::new(
            Rule::ExpectationFailed,
            format!(
                "{}: {from} reaches {to} on {}, but not through {}",
                e.address,
                traffic_text(q),
                via.value
            ),
        )
        .resource(&e.address)
        .at(via.span, "expects the path through it")
        .help("route the traffic through it (`skyplan reach` shows the path taken)"),
    )
}

fn traffic_text(q: &Query) -> String {
    match q.protocol {
        Protocol::Icmp => "icmp echo".into(),
        Protocol::Tcp | Protocol::Udp => format!("{} {}", q.protocol.as_str(), q.port),
    }
}

/// The hop that lets traffic through, for a path that should be blocked:
/// the destination's group rule, else the source's, else the last hop.
fn deciding_allow(v: &Verdict) -> Option<&Hop> {
    let hops = || v.forward.iter().chain(&v.reply);
    hops()
        .rfind(|h| h.check == Check::SecurityGroupIngress)
        .or_else(|| hops().rfind(|h| h.check == Check::SecurityGroupEgress))
        .or_else(|| v.forward.last())
}

fn not_evaluated(m: &Model, e: &Expectation, q: &Query, v: &Verdict) -> Diagnostic {
    let (from, to) = (q.from.address(m), q.to.address(m));
    let hop = v.blocked_at();
    let what = hop.map_or_else(String::new, |h| format!(": {} ({})", h.resource, h.rule));
    let mut d = Diagnostic::new(
        Rule::ExpectationNotEvaluated,
        format!(
            "{}: skyplan does not evaluate the path from {from} to {to} on {}{what}",
            e.address,
            traffic_text(q)
        ),
    )
    .detail("the expectation can neither pass nor fail")
    .resource(&e.address)
    .at(e.reachable.span, "not evaluated")
    .help("ask about a path skyplan evaluates (the target instance itself), or silence this on its line with a reason");
    if let Some(h) = hop {
        if is_address(&h.resource) {
            d = d.resource(&h.resource);
        }
        if let Some(span) = h.span {
            d = d.related(span, "the hop skyplan does not evaluate");
        }
    }
    d
}

fn failed(m: &Model, e: &Expectation, q: &Query, v: &Verdict) -> Diagnostic {
    let (from, to) = (q.from.address(m), q.to.address(m));
    let traffic = traffic_text(q);
    let (message, hop, label, help) = if e.reachable.value {
        let hop = v.blocked_at();
        let at = hop.map_or_else(String::new, |h| {
            format!(": blocked at {} ({})", h.resource, h.rule)
        });
        (
            format!("{}: {from} cannot reach {to} on {traffic}{at}", e.address),
            hop,
            "expects reachable",
            v.fix.clone(),
        )
    } else {
        let hop = deciding_allow(v);
        let via = hop.map_or_else(String::new, |h| {
            format!(", allowed by {} ({})", h.resource, h.rule)
        });
        let help = hop.map(|h| {
            format!(
                "to block it, tighten {}; `skyplan reach` shows every hop",
                h.resource
            )
        });
        (
            format!("{}: {from} can reach {to} on {traffic}{via}", e.address),
            hop,
            "expects blocked",
            help,
        )
    };
    let mut d = Diagnostic::new(Rule::ExpectationFailed, message)
        .resource(&e.address)
        .at(e.reachable.span, label);
    if let Some(h) = hop {
        if is_address(&h.resource) {
            d = d.resource(h.resource.clone());
        }
        if let Some(span) = h.span {
            d = d.related(span, "the rule that decides it");
        }
    }
    match help {
        Some(h) => d.help(h),
        None => d,
    }
}

/// Instances the whole internet reaches on an administration or database
/// port, through every hop.
fn internet_exposed(m: &Model) -> (Vec<Diagnostic>, Vec<Exposed>) {
    // The addresses an apply from nothing gives (one pass, never refused).
    let a = Addresses::after_apply(m, None).unwrap_or_else(|_| Addresses::unknown(m));
    let mut out = Vec::new();
    let exposed = exposure(m, &a);
    let record = record(&exposed);
    for x in exposed {
        // Hosts only: a load balancer's listeners are meant to be open.
        let Endpoint::Host(host) = x.endpoint else {
            continue;
        };
        let instance = &x.address;
        for o in x.open.iter().filter(|o| o.protocol == Protocol::Tcp) {
            let named = ADMIN_PORTS.iter().chain(&DATABASE_PORTS);
            for (port, name) in named.filter(|(p, _)| o.ports.0 <= *p && *p <= o.ports.1) {
                let path: Vec<&str> = o
                    .path
                    .forward
                    .iter()
                    .map(|h| h.resource.as_str())
                    .filter(|r| r != instance)
                    .collect();
                let rule = o
                    .path
                    .forward
                    .iter()
                    .find(|h| h.check == Check::SecurityGroupIngress);
                let except = o
                    .path
                    .except_text()
                    .map_or_else(String::new, |e| format!(" (all of it except {e})"));
                let mut d = Diagnostic::new(
                    Rule::InternetExposed,
                    format!(
                        "{instance} is reachable from the whole internet{except} on {name} (tcp {port}), through {}",
                        path.join(", ")
                    ),
                )
                .resource(instance);
                let mut span = host.span(m);
                if let Some(h) = rule {
                    if is_address(&h.resource) {
                        d = d.resource(h.resource.clone());
                    }
                    span = h.span.unwrap_or(span);
                }
                d = d.at(span, format!("{name} open to 0.0.0.0/0"));
                out.push(d.help(format!(
                    "open {name} only to the blocks that need it (an office, a VPN), or reach {instance} through a bastion or Session Manager"
                )));
            }
        }
    }
    (out, record)
}
