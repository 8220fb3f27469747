//! NA001-NA005: network ACL entries. Entries of one ACL are compared with
//! each other (shadowing, return traffic); AWS caps them at 20 per
//! direction (40 with a raised quota), so those loops are bounded.

use std::collections::{HashMap, HashSet};

use skyplan_cidr::IpNet;
use skyplan_diagnostics::{Diagnostic, Rule, Span};
use skyplan_model::{Model, NaclEntry, NetworkAcl, VpcId, ids};
use skyplan_spec::Kind;

use skyplan_facts::quotas::{ENTRIES_PER_NETWORK_ACL, NETWORK_ACLS_PER_VPC};

use crate::Checker;
use crate::gateway::has_internet_route;
use crate::protocol::{NACL_ENTRY, Protocol, Traffic, TrafficFields, validate};
use crate::quota::over_quota_by;

const MAX_ENTRIES: usize = ENTRIES_PER_NETWORK_ACL.limit;
/// Beyond this many entries the pairwise checks are skipped (NA003 already
/// reports the list as too long).
const PAIRWISE_LIMIT: usize = 200;

/// A valid entry, ready for comparison.
struct Valid<'a> {
    entry: &'a NaclEntry,
    traffic: Traffic,
    net: IpNet,
}

pub(crate) fn check(c: &mut Checker) {
    let m = c.model;
    let public = PublicAcls::of(m);
    // Declared ACLs and the default ACLs VPCs take over.
    for acl in m.entry_acls() {
        foreign_subnets(c, acl);
        let ingress = direction(c, acl, "ingress", &acl.ingress);
        let egress = direction(c, acl, "egress", &acl.egress);
        return_traffic(c, acl, &ingress, &egress, "inbound", "outbound");
        return_traffic(c, acl, &egress, &ingress, "outbound", "inbound");
        if public.reached(acl) {
            open_to_internet(c, acl, &ingress, acl.ingress.len());
        }
    }
    over_quota_by(
        c,
        NETWORK_ACLS_PER_VPC,
        m.network_acls.iter().map(|a| (a.vpc.id, &a.common)),
        |v| m.vpcs[v].common.address.clone(),
    );
}

fn foreign_subnets(c: &mut Checker, acl: &NetworkAcl) {
    let m = c.model;
    for s in &acl.subnets {
        let subnet = &m.subnets[s.id];
        if subnet.vpc.id == acl.vpc.id {
            continue;
        }
        c.push(
            Diagnostic::new(
                Rule::NaclForeignSubnet,
                format!(
                    "{} (in {}) lists {} of {}",
                    acl.common.address,
                    m.vpcs[acl.vpc.id].common.address,
                    subnet.common.address,
                    m.vpcs[subnet.vpc.id].common.address
                ),
            )
            .detail("a network ACL can only be associated with subnets of its own VPC")
            .resource(&acl.common.address)
            .resource(&subnet.common.address)
            .at(s.span, "subnet of another VPC")
            .help("associate the subnet with a network ACL of its own VPC"),
        );
    }
}

/// The first entry, in rule order, that decides `port` (tcp; `None`: all
/// traffic) for a packet from anywhere on the internet: one whose block is
/// the whole address space of its family.
fn decides_for_internet<'a>(valid: &'a [Valid<'a>], port: Option<u16>) -> Option<&'a Valid<'a>> {
    valid.iter().find(|v| {
        let matches_traffic = match port {
            Some(p) => v.traffic.allows_port(p),
            None => v.traffic.protocol == Protocol::All,
        };
        matches_traffic && v.net.prefix_len() == 0
    })
}

/// An entry for return traffic: the ephemeral ports up to 65535 (1024-,
/// 32768- or 49152-65535), as AWS's recommended rules write it. It spans
/// 3389 but is there for replies, not for RDP.
fn is_reply_range(v: &Valid) -> bool {
    v.traffic
        .ports
        .is_some_and(|(lo, hi)| lo >= 1024 && hi == 65535)
}

/// Which ACLs guard a subnet the internet can reach (one whose route table
/// sends something to an internet gateway). An allow-all ACL in front of
/// private subnets is AWS's own default ACL, which works and is no finding.
struct PublicAcls<'m> {
    m: &'m Model,
    /// Whether the model is whole enough to conclude "no internet path".
    known: bool,
    /// VPCs with an internet-routed subnet that no declared ACL lists (the
    /// VPC's default ACL guards it).
    default_reached: HashSet<VpcId>,
}

impl<'m> PublicAcls<'m> {
    fn of(m: &'m Model) -> PublicAcls<'m> {
        let known = m.complete(&[Kind::Subnet, Kind::RouteTable, Kind::NetworkAcl]);
        let default_reached = ids(&m.subnets)
            .filter(|&s| m.subnet_network_acl[s].is_none() && has_internet_route(m, s))
            .map(|s| m.subnet_vpc(s))
            .collect();
        PublicAcls {
            m,
            known,
            default_reached,
        }
    }

    /// A declared ACL by its subnets; a taken-over default ACL (which lists
    /// none) by the subnets no declared ACL lists.
    fn reached(&self, acl: &NetworkAcl) -> bool {
        if !self.known {
            return true;
        }
        if acl.subnets.is_empty() {
            return self.default_reached.contains(&acl.vpc.id);
        }
        acl.subnets.iter().any(|s| has_internet_route(self.m, s.id))
    }
}

/// NA010: SSH, RDP or all traffic allowed in from the whole internet.
fn open_to_internet(c: &mut Checker, acl: &NetworkAcl, ingress: &[Valid], written: usize) {
    // An entry that failed validation may be the deny that would decide.
    if ingress.len() < written {
        return;
    }
    // One finding per deciding entry: an all-traffic entry decides both ports.
    let mut reported: Vec<i64> = Vec::new();
    for (port, what) in [
        (Some(22), "SSH (22)"),
        (Some(3389), "RDP (3389)"),
        (None, "all traffic"),
    ] {
        let Some(v) = decides_for_internet(ingress, port) else {
            continue;
        };
        if !v.entry.allow || is_reply_range(v) || reported.contains(&v.entry.rule.value) {
            continue;
        }
        reported.push(v.entry.rule.value);
        let what = if v.traffic.protocol == Protocol::All {
            "all traffic"
        } else {
            what
        };
        c.push(
            Diagnostic::new(
                Rule::NaclOpenToInternet,
                format!(
                    "{} allows {what} in from {} (rule {})",
                    acl.common.address, v.net, v.entry.rule.value
                ),
            )
            .detail("only security groups are left between the internet and every instance in the ACL's subnets")
            .resource(&acl.common.address)
            .at(v.entry.span, "open to the internet")
            .help("allow admin ports only from your office or VPN ranges, and deny them from 0.0.0.0/0 and ::/0 first"),
        );
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
                rules: &NACL_ENTRY,
                protocol: &entry.protocol,
                ports: entry.ports.as_ref(),
                parsed: &entry.traffic,
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
    // AWS counts IPv4 and IPv6 entries on their own: 20 + 20.
    for (family, ipv6) in [("IPv4", false), ("IPv6", true)] {
        let of_family: Vec<&NaclEntry> = entries
            .iter()
            .filter(|e| e.cidr.text.value.contains(':') == ipv6)
            .collect();
        if of_family.len() > MAX_ENTRIES {
            c.push(
                Diagnostic::new(
                    Rule::NaclTooManyEntries,
                    format!(
                        "{address} has {} {family} {name} entries; the default quota is {MAX_ENTRIES} per IP version",
                        of_family.len()
                    ),
                )
                .detail("AWS refuses the next entry (NetworkAclEntryLimitExceeded)")
                .resource(address)
                .at(of_family[MAX_ENTRIES].span, "over the quota")
                .help("merge entries, or raise the quota (at most 40)"),
            );
        }
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

use skyplan_model::traffic::CLIENT_EPHEMERAL_PORTS as REPLY_PORTS;

fn nets_overlap(a: IpNet, b: IpNet) -> bool {
    net_covers(a, b) || net_covers(b, a)
}

/// The first range of reply ports towards `client` that the entries of
/// `back`, evaluated in rule order with the first match deciding, do not
/// allow. An allow counts only when it covers every client address; a deny
/// counts when it touches any of them.
fn reply_gap(back: &[Valid], protocol: Protocol, client: IpNet) -> Option<(u16, u16)> {
    // Reply ports not decided yet, as disjoint sorted ranges.
    let mut open = vec![REPLY_PORTS];
    for b in back {
        let same_protocol = b.traffic.protocol == Protocol::All || b.traffic.protocol == protocol;
        let applies = if b.entry.allow {
            net_covers(b.net, client)
        } else {
            nets_overlap(b.net, client)
        };
        if !same_protocol || !applies {
            continue;
        }
        let (lo, hi) = b.traffic.ports.unwrap_or((0, 65535));
        let mut next = Vec::with_capacity(open.len() + 1);
        for (a, z) in open {
            let (cut_lo, cut_hi) = (a.max(lo), z.min(hi));
            if cut_lo > cut_hi {
                next.push((a, z));
                continue;
            }
            if !b.entry.allow {
                return Some((cut_lo, cut_hi));
            }
            if a < cut_lo {
                next.push((a, cut_lo - 1));
            }
            if cut_hi < z {
                next.push((cut_hi + 1, z));
            }
        }
        open = next;
        if open.is_empty() {
            return None;
        }
    }
    open.first().copied()
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
    // Inbound service traffic comes from the client; outbound goes to it.
    let (towards, replies_towards) = if dir == "inbound" {
        ("from", "to")
    } else {
        ("to", "from")
    };
    for v in from
        .iter()
        .filter(|v| v.entry.allow && v.traffic.is_port_protocol())
    {
        let Some((lo, hi)) = v.traffic.ports else {
            continue;
        };
        // An entry that itself spans the reply ports is a reply rule.
        if lo <= REPLY_PORTS.0 && hi >= REPLY_PORTS.1 {
            continue;
        }
        let Some((gap_lo, gap_hi)) = reply_gap(back, v.traffic.protocol, v.net) else {
            continue;
        };
        let proto = &v.entry.protocol.value;
        let ports = if lo == hi {
            lo.to_string()
        } else {
            format!("{lo}-{hi}")
        };
        c.push(
            Diagnostic::new(
                Rule::NaclMissingReturnTraffic,
                format!(
                    "{} allows {dir} {proto} {ports} {towards} {} but no {other} {proto} {gap_lo}-{gap_hi} for the replies",
                    acl.common.address, v.net
                ),
            )
            .detail(format!(
                "network ACLs are stateless: replies {replies_towards} {} on ephemeral ports {}-{} need their own allow, before any deny that matches them",
                v.net, REPLY_PORTS.0, REPLY_PORTS.1
            ))
            .resource(&acl.common.address)
            .at(v.entry.span, "replies have no allow")
            .help(format!(
                "add an {other} allow for {proto} 1024-65535 (or at least {}-{}) {replies_towards} {}",
                REPLY_PORTS.0, REPLY_PORTS.1, v.net
            )),
        );
    }
}
