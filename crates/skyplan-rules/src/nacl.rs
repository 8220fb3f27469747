//! NA001-NA005: network ACL entries. Entries of one ACL are compared with
//! each other (shadowing, return traffic); AWS caps them at 20 per
//! direction (40 with a raised quota), so those loops are bounded.

use std::collections::HashMap;

use skyplan_cidr::IpNet;
use skyplan_diagnostics::{Diagnostic, Rule, Span};
use skyplan_model::{NaclEntry, NetworkAcl};

use crate::Checker;
use crate::protocol::{Protocol, Traffic, TrafficFields, validate};

const MAX_ENTRIES: usize = 20;
/// Beyond this many entries the pairwise checks are skipped (NA003 already
/// reports the list as too long).
const PAIRWISE_LIMIT: usize = 200;
const EPHEMERAL: (u16, u16) = (1024, 65535);

/// A valid entry, ready for comparison.
struct Valid<'a> {
    entry: &'a NaclEntry,
    traffic: Traffic,
    net: IpNet,
}

pub(crate) fn check(c: &mut Checker) {
    for acl in &c.model.network_acls {
        let ingress = direction(c, acl, "ingress", &acl.ingress);
        let egress = direction(c, acl, "egress", &acl.egress);
        return_traffic(c, acl, &ingress, &egress, "inbound", "outbound");
        return_traffic(c, acl, &egress, &ingress, "outbound", "inbound");
    }
}

/// Checks one direction; returns its valid entries in evaluation order.
fn direction<'a>(
    c: &mut Checker,
    acl: &NetworkAcl,
    name: &str,
    entries: &'a [NaclEntry],
) -> Vec<Valid<'a>> {
    let address = &acl.common.address;
    let mut numbers: HashMap<i64, Span> = HashMap::new();
    let mut valid = Vec::new();
    for entry in entries {
        let n = entry.rule.value;
        if !(1..=32766).contains(&n) {
            c.push(
                Diagnostic::new(
                    Rule::NaclRuleNumberRange,
                    format!("{name} rule number {n} of {address} is outside 1-32766"),
                )
                .detail("32767 is the implicit deny-all; AWS refuses other numbers")
                .resource(address)
                .at(entry.rule.span, "out of range")
                .help("use a number from 1 to 32766, leaving gaps of 10 or 100"),
            );
        } else if let Some(first) = numbers.get(&n) {
            c.push(
                Diagnostic::new(
                    Rule::NaclDuplicateRuleNumber,
                    format!("{address} has two {name} entries numbered {n}"),
                )
                .detail("AWS refuses the second (NetworkAclEntryAlreadyExists)")
                .resource(address)
                .at(entry.rule.span, "number already used")
                .related(*first, "first entry")
                .help("renumber one of them"),
            );
        } else {
            numbers.insert(n, entry.rule.span);
        }
        let traffic = validate(
            c,
            address,
            TrafficFields {
                protocol: &entry.protocol,
                ports: entry.ports.as_ref(),
                icmp_type: entry.icmp_type.as_ref(),
                icmp_code: entry.icmp_code.as_ref(),
            },
        );
        if let (Some(traffic), Some(net)) = (traffic, entry.cidr.ok()) {
            valid.push(Valid {
                entry,
                traffic,
                net,
            });
        }
    }
    if entries.len() > MAX_ENTRIES {
        c.push(
            Diagnostic::new(
                Rule::NaclTooManyEntries,
                format!(
                    "{address} has {} {name} entries; the default quota is {MAX_ENTRIES}",
                    entries.len()
                ),
            )
            .detail("AWS refuses the next entry (NetworkAclEntryLimitExceeded)")
            .resource(address)
            .at(entries[MAX_ENTRIES].span, "over the quota")
            .help("merge entries, or raise the quota (at most 40)"),
        );
    }
    valid.sort_by_key(|v| v.entry.rule.value);
    if valid.len() <= PAIRWISE_LIMIT {
        shadowed(c, acl, name, &valid);
    }
    valid
}

fn net_covers(outer: IpNet, inner: IpNet) -> bool {
    match (outer, inner) {
        (IpNet::V4(o), IpNet::V4(i)) => o.contains(&i),
        (IpNet::V6(o), IpNet::V6(i)) => o.contains(&i),
        _ => false,
    }
}

fn shadowed(c: &mut Checker, acl: &NetworkAcl, name: &str, valid: &[Valid]) {
    for (k, later) in valid.iter().enumerate() {
        let earlier = valid[..k].iter().find(|e| {
            e.entry.rule.value < later.entry.rule.value
                && e.traffic.covers(later.traffic)
                && net_covers(e.net, later.net)
        });
        if let Some(e) = earlier {
            let verb = if e.entry.allow { "allows" } else { "denies" };
            c.push(
                Diagnostic::new(
                    Rule::NaclShadowedEntry,
                    format!(
                        "{name} rule {} of {} can never match: rule {} already {verb} all of its traffic",
                        later.entry.rule.value, acl.common.address, e.entry.rule.value
                    ),
                )
                .detail("entries are evaluated in ascending rule order and the first match decides")
                .resource(&acl.common.address)
                .at(later.entry.span, "never matches")
                .related(e.entry.span, "covering entry")
                .help("give the more specific entry the lower rule number"),
            );
        }
    }
}

/// Allowed service traffic in one direction needs an allow for the replies
/// on ephemeral ports in the other.
fn return_traffic(
    c: &mut Checker,
    acl: &NetworkAcl,
    from: &[Valid],
    back: &[Valid],
    dir: &str,
    other: &str,
) {
    if from.len() > PAIRWISE_LIMIT || back.len() > PAIRWISE_LIMIT {
        return;
    }
    for v in from
        .iter()
        .filter(|v| v.entry.allow && v.traffic.is_port_protocol())
    {
        let Some((lo, hi)) = v.traffic.ports else {
            continue;
        };
        // An entry that itself spans the ephemeral range is a reply rule.
        if lo <= 32768 && hi == 65535 {
            continue;
        }
        let replies = Traffic {
            protocol: v.traffic.protocol,
            ports: Some(EPHEMERAL),
            icmp: None,
        };
        let answered = back.iter().any(|b| {
            b.entry.allow
                && (b.traffic.protocol == Protocol::All || b.traffic.covers(replies))
                && net_covers(b.net, v.net)
        });
        if !answered {
            let proto = &v.entry.protocol.value;
            c.push(
                Diagnostic::new(
                    Rule::NaclMissingReturnTraffic,
                    format!(
                        "{} allows {dir} {proto} {lo}-{hi} from {} but no {other} {proto} 1024-65535 for the replies",
                        acl.common.address, v.net
                    ),
                )
                .detail("network ACLs are stateless: replies are dropped without their own allow")
                .resource(&acl.common.address)
                .at(v.entry.span, "replies have no allow")
                .help(format!("add an {other} allow for {proto} 1024-65535 to {}", v.net)),
            );
        }
    }
}
