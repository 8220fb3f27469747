//! SG001-SG015: security groups, their rules and their use by instances.

use std::collections::{HashMap, HashSet};

use skyplan_cidr::IpNet;
use skyplan_diagnostics::{Diagnostic, Rule, Span};
use skyplan_model::{
    AddressFamily, Model, PerId, PrefixListId, SecurityGroup, SecurityGroupId, SgRule, VpcId,
    with_ids,
};
use skyplan_spec::Kind;

use skyplan_facts::quotas::{
    DESCRIPTION_CHARS, RULES_PER_SECURITY_GROUP, SECURITY_GROUPS_PER_INTERFACE,
    SECURITY_GROUPS_PER_REGION,
};
use skyplan_spec::Sp;

use crate::Checker;
use crate::protocol::{Protocol, SECURITY_GROUP_RULE, Traffic, TrafficFields, validate};
use crate::quota::over_quota_by;

/// Default quotas.
const MAX_RULES_PER_DIRECTION: usize = RULES_PER_SECURITY_GROUP.limit;
const MAX_GROUPS_PER_INSTANCE: usize = SECURITY_GROUPS_PER_INTERFACE.limit;
use skyplan_model::traffic::{ADMIN_PORTS, DATABASE_PORTS};

/// One source or destination of a rule, for duplicate detection.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Peer {
    Cidr(IpNet),
    Group(SecurityGroupId),
    SelfGroup,
    PrefixList(PrefixListId),
}

pub(crate) fn check(c: &mut Checker) {
    let m = c.model;
    // Peered VPC pairs, and whether the two are in one region (only then
    // may rules name the peer's groups).
    let region = |v: VpcId| m.vpcs[v].region.as_ref().map(|r| r.value.as_str());
    let peered: HashMap<(VpcId, VpcId), bool> = m
        .vpc_peerings
        .iter()
        .map(|p| {
            let key = (p.vpc.id.min(p.peer_vpc.id), p.vpc.id.max(p.peer_vpc.id));
            (key, region(p.vpc.id) == region(p.peer_vpc.id))
        })
        .collect();
    for sg in &m.security_groups {
        name_and_descriptions(c, sg);
    }
    for sg in m.default_security_groups.iter().map(|d| &d.group) {
        for rule in sg.ingress.iter().chain(sg.egress.iter().flatten()) {
            if let Some(d) = &rule.description {
                description(c, &sg.common.address, "rule description", d);
            }
        }
    }
    over_quota_by(
        c,
        SECURITY_GROUPS_PER_REGION,
        m.security_groups.iter().filter_map(|sg| {
            let r = m.vpcs[sg.vpc.id].region.as_ref()?;
            Some((r.value.as_str(), &sg.common))
        }),
        |r| r.to_string(),
    );
    // Declared groups, then the default groups VPCs take over (no rule can
    // name those).
    let groups = with_ids(&m.security_groups)
        .map(|(g, sg)| (Some(g), sg))
        .chain(m.default_security_groups.iter().map(|d| (None, &d.group)));
    for (g, sg) in groups {
        let directions = [
            ("ingress", Some(&sg.ingress)),
            ("egress", sg.egress.as_ref()),
        ];
        for (direction, rules) in directions {
            let Some(rules) = rules else { continue };
            let mut seen: HashMap<(Traffic, Peer), Span> = HashMap::new();
            // AWS counts IPv4 and IPv6 rules on their own: 60 + 60.
            let mut count = RuleCount::default();
            // Where each count first went over the quota.
            let mut over: [Option<Span>; 2] = [None, None];
            for rule in rules {
                let n = rule_check(c, g, sg, direction, rule, &peered, &mut seen);
                count.ipv4 += n.ipv4;
                count.ipv6 += n.ipv6;
                for (k, total) in [count.ipv4, count.ipv6].into_iter().enumerate() {
                    if total > MAX_RULES_PER_DIRECTION && over[k].is_none() {
                        over[k] = Some(rule.span);
                    }
                }
            }
            if direction == "ingress" {
                admin_ports_from_pieces(c, &sg.common.address, &seen);
            }
            for ((family, total), at) in [("IPv4", count.ipv4), ("IPv6", count.ipv6)]
                .into_iter()
                .zip(over)
            {
                let Some(at) = at else { continue };
                c.push(
                    Diagnostic::new(
                        Rule::TooManyRules,
                        format!("{} has {total} {family} {direction} rules; the default quota is {MAX_RULES_PER_DIRECTION} per IP version", sg.common.address),
                    )
                    .detail("each CIDR of `cidrs` counts as one rule, a group reference as one of each IP version (RulesPerSecurityGroupLimitExceeded)")
                    .resource(&sg.common.address)
                    .at(at, "over the quota")
                    .help("summarise CIDRs, use a managed prefix list, or raise the quota"),
                );
            }
        }
    }
    instance_groups(c);
    unused(c);
    default_groups_left_open(c);
}

/// SG016: a VPC whose default group keeps AWS's rules (CIS 5.4): it is not
/// taken over, or the takeover still lets every member in.
fn default_groups_left_open(c: &mut Checker) {
    let m = c.model;
    for (v, vpc) in with_ids(&m.vpcs) {
        let open_rule = m.vpc_default_security_group[v].and_then(|d| {
            let group = &m.default_security_groups[d].group;
            group
                .ingress
                .iter()
                .find(|r| {
                    r.self_.as_ref().is_some_and(|s| s.value)
                        && r.traffic.protocol == Some(skyplan_model::traffic::Protocol::All)
                })
                .map(|r| r.span)
        });
        let (at, label) = match (m.vpc_default_security_group[v], open_rule) {
            (None, _) => (vpc.common.name.span, "default group not taken over"),
            (Some(_), Some(span)) => (span, "all traffic from members"),
            (Some(_), None) => continue,
        };
        c.push(
            Diagnostic::new(
                Rule::DefaultSecurityGroupOpen,
                format!(
                    "the default security group of {} lets all its members in and everything out",
                    vpc.common.address
                ),
            )
            .detail("CIS AWS Foundations 5.4: the default group should allow nothing, so every instance gets a group on purpose")
            .resource(&vpc.common.address)
            .at(at, label)
            .help("take it over with no rules: `default_security_group: {ingress: [], egress: []}`"),
        );
    }
}

/// How many AWS rules of each IP version one rule of the spec stands for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct RuleCount {
    ipv4: usize,
    ipv6: usize,
}

impl RuleCount {
    /// A rule naming a group (or itself) counts once for each IP version.
    const BOTH: RuleCount = RuleCount { ipv4: 1, ipv6: 1 };

    fn of(m: &Model, peers: &[(Peer, Span)]) -> RuleCount {
        let mut n = RuleCount::default();
        for (peer, _) in peers {
            match peer {
                // A prefix list counts as its `max_entries` rules.
                Peer::PrefixList(l) => {
                    let list = &m.prefix_lists[*l];
                    let size = usize::try_from(list.max_entries.value).unwrap_or(0);
                    match list.address_family.value {
                        AddressFamily::Ipv4 => n.ipv4 += size,
                        AddressFamily::Ipv6 => n.ipv6 += size,
                    }
                }
                Peer::Cidr(IpNet::V4(_)) => n.ipv4 += 1,
                Peer::Cidr(IpNet::V6(_)) => n.ipv6 += 1,
                Peer::Group(_) | Peer::SelfGroup => {
                    n.ipv4 += 1;
                    n.ipv6 += 1;
                }
            }
        }
        n
    }
}

/// Checks one rule; returns how many AWS rules it stands for.
fn rule_check(
    c: &mut Checker,
    g: Option<SecurityGroupId>,
    sg: &SecurityGroup,
    direction: &str,
    rule: &SgRule,
    peered: &HashMap<(VpcId, VpcId), bool>,
    seen: &mut HashMap<(Traffic, Peer), Span>,
) -> RuleCount {
    let m = c.model;
    let address = &sg.common.address;
    let traffic = validate(
        c,
        address,
        TrafficFields {
            rules: &SECURITY_GROUP_RULE,
            protocol: &rule.protocol,
            ports: rule.ports.as_ref(),
            parsed: &rule.traffic,
            icmp_type: rule.icmp_type.as_ref(),
            icmp_code: rule.icmp_code.as_ref(),
        },
    );
    let self_ = rule.self_.as_ref().is_some_and(|s| s.value);
    let sources = usize::from(rule.cidr.is_some())
        + usize::from(rule.cidrs.is_some())
        + usize::from(rule.security_group_written)
        + usize::from(rule.prefix_list.is_some())
        + usize::from(self_);
    if sources != 1 {
        let what = if sources == 0 { "no" } else { "more than one" };
        let role = if direction == "ingress" {
            "source"
        } else {
            "destination"
        };
        c.push(
            Diagnostic::new(
                Rule::RuleSourceCount,
                format!("an {direction} rule of {address} has {what} {role}"),
            )
            .detail(
                "each rule names exactly one of cidr, cidrs, security_group, prefix_list or self",
            )
            .resource(address)
            .at(rule.span, format!("{what} {role}"))
            .help(if sources == 0 {
                "add one source, such as `cidr: 10.0.0.0/16`"
            } else {
                "split the rule in two"
            }),
        );
        return RuleCount::BOTH;
    }
    if let Some(other) = rule.security_group {
        let other_sg = &m.security_groups[other.id];
        let (a, b) = (
            sg.vpc.id.min(other_sg.vpc.id),
            sg.vpc.id.max(other_sg.vpc.id),
        );
        let why = match peered.get(&(a, b)) {
            _ if a == b => None,
            None => Some((
                "which is not peered",
                "group of an unpeered VPC",
                "peer the VPCs, or use the other VPC's CIDR block",
            )),
            Some(false) => Some((
                "which is peered across regions: only same-region peerings allow group references",
                "group across an inter-region peering",
                "use the other VPC's CIDR block as the source",
            )),
            Some(true) => None,
        };
        if let Some((why, label, help)) = why {
            c.push(
                Diagnostic::new(
                    Rule::RuleForeignGroup,
                    format!(
                        "{address} (in {}) references {} of {}, {why}",
                        m.vpcs[sg.vpc.id].common.address, other_sg.common.address, m.vpcs[other_sg.vpc.id].common.address
                    ),
                )
                .detail("security group references work only within a VPC or across a same-region peering (InvalidGroup.NotFound)")
                .resource(address)
                .resource(&other_sg.common.address)
                .at(other.span, label)
                .help(help),
            );
        }
    }
    let peers: Vec<(Peer, Span)> = if let Some(other) = rule.security_group {
        vec![(
            if Some(other.id) == g {
                Peer::SelfGroup
            } else {
                Peer::Group(other.id)
            },
            other.span,
        )]
    } else if self_ {
        vec![(Peer::SelfGroup, rule.span)]
    } else if let Some(list) = rule.prefix_list {
        vec![(Peer::PrefixList(list.id), list.span)]
    } else {
        rule.all_cidrs()
            .filter_map(|b| b.ok().map(|n| (Peer::Cidr(n), b.span())))
            .collect()
    };
    let count = RuleCount::of(m, &peers);
    let Some(traffic) = traffic else { return count };
    for (peer, span) in &peers {
        let key = (traffic, peer.clone());
        if let Some(first) = seen.get(&key) {
            c.push(
                Diagnostic::new(
                    Rule::DuplicateRule,
                    format!("{address} has the same {direction} rule twice"),
                )
                .detail("AWS refuses it (InvalidPermission.Duplicate)")
                .resource(address)
                .at(*span, "repeated rule")
                .related(*first, "first rule")
                .help("remove the repeat"),
            );
        } else {
            seen.insert(key, *span);
        }
        if direction == "ingress"
            && let Peer::Cidr(net) = peer
            && net.prefix_len() == 0
        {
            exposure(c, address, traffic, *net, *span);
        }
    }
    count
}

/// SG010 for an admin port opened to the whole IPv4 internet in pieces
/// (`0.0.0.0/1` and `128.0.0.0/1`), which no single rule shows. Blocks are
/// merged in address order (sort and sweep); a `/0` is reported by its own
/// rule already.
fn admin_ports_from_pieces(c: &mut Checker, address: &str, rules: &HashMap<(Traffic, Peer), Span>) {
    for (port, name) in ADMIN_PORTS {
        let mut pieces: Vec<(u64, u64, Span)> = rules
            .iter()
            .filter(|((traffic, _), _)| traffic.allows_port(port))
            .filter_map(|((_, peer), span)| match peer {
                Peer::Cidr(IpNet::V4(n)) if n.prefix_len() > 0 => Some((
                    u64::from(u32::from(n.network())),
                    u64::from(u32::from(n.broadcast())),
                    *span,
                )),
                _ => None,
            })
            .collect();
        pieces.sort_by_key(|&(start, end, span)| (start, end, span));
        let mut covered_to = 0u64; // the first address not yet covered
        for &(start, end, _) in &pieces {
            if start > covered_to {
                break;
            }
            covered_to = covered_to.max(end + 1);
        }
        let Some(&(_, _, first)) = pieces.first() else {
            continue;
        };
        if covered_to <= u64::from(u32::MAX) {
            continue;
        }
        let mut d = Diagnostic::new(
            Rule::AdminPortOpen,
            format!("{address} allows {name} (port {port}) from the whole IPv4 internet, in {} blocks", pieces.len()),
        )
        .detail("together the blocks cover 0.0.0.0/0: remote-administration ports open to the internet are brute-forced within minutes")
        .resource(address)
        .at(first, "with the other blocks, the whole internet")
        .help("allow only your office or VPN range, or use Session Manager");
        for &(_, _, span) in pieces.iter().skip(1).take(4) {
            d = d.related(span, "another block");
        }
        c.push(d);
    }
}

/// SG010 and SG011 for an ingress rule open to the whole internet.
fn exposure(c: &mut Checker, address: &str, traffic: Traffic, net: IpNet, span: Span) {
    if traffic.protocol == Protocol::All {
        c.push(
            Diagnostic::new(
                Rule::OpenToInternet,
                format!("{address} allows all traffic from {net}"),
            )
            .detail("every port of every member is reachable from the whole internet")
            .resource(address)
            .at(span, "the whole internet")
            .help("allow only the ports and sources the service needs"),
        );
        return;
    }
    for (port, name) in ADMIN_PORTS {
        if traffic.allows_port(port) {
            c.push(
                Diagnostic::new(Rule::AdminPortOpen, format!("{address} allows {name} (port {port}) from {net}"))
                    .detail("remote-administration ports open to the internet are brute-forced within minutes")
                    .resource(address)
                    .at(span, "the whole internet")
                    .help("allow only your office or VPN range, or use Session Manager"),
            );
        }
    }
    let exposed: Vec<String> = DATABASE_PORTS
        .iter()
        .filter(|(p, _)| traffic.allows_port(*p))
        .map(|(p, n)| format!("{n} ({p})"))
        .collect();
    if !exposed.is_empty() {
        c.push(
            Diagnostic::new(
                Rule::OpenToInternet,
                format!("{address} allows {} from {net}", exposed.join(", ")),
            )
            .detail("databases open to the internet are a leading cause of data breaches")
            .resource(address)
            .at(span, "the whole internet")
            .help("allow the application's security group instead (`security_group: app`)"),
        );
    }
}

fn instance_groups(c: &mut Checker) {
    let m = c.model;
    for group in &m.instance_groups {
        let address = &group.common.address;
        if group.security_groups.len() > MAX_GROUPS_PER_INSTANCE {
            let sixth = group.security_groups[MAX_GROUPS_PER_INSTANCE];
            c.push(
                Diagnostic::new(
                    Rule::TooManyInstanceGroups,
                    format!("{address} has {} security groups; the default quota is {MAX_GROUPS_PER_INSTANCE}", group.security_groups.len()),
                )
                .detail("the quota is 5 security groups per network interface")
                .resource(address)
                .at(sixth.span, "sixth group")
                .help("merge groups, or raise the quota"),
            );
        }
        if group.security_groups.is_empty() && !group.instances.is_empty() {
            c.push(
                Diagnostic::new(Rule::DefaultSecurityGroup, format!("{address} has no security group and gets the VPC's default group"))
                    .detail("the default group allows all traffic between its members and is shared by everything that forgot a group")
                    .resource(address)
                    .at(group.common.name.span, "no security_groups")
                    .help("give it a group of its own (`security_groups: [...]`)"),
            );
        }
        let mut reported = HashSet::new();
        for &i in &group.instances {
            let vpc = m.instance_vpc(i);
            for sg_ref in &group.security_groups {
                let sg = &m.security_groups[sg_ref.id];
                if sg.vpc.id != vpc && reported.insert(sg_ref.id) {
                    c.push(
                        Diagnostic::new(
                            Rule::InstanceForeignGroup,
                            format!("{address} is in {} but uses {} of {}", m.vpcs[vpc].common.address, sg.common.address, m.vpcs[sg.vpc.id].common.address),
                        )
                        .detail("an interface can only use groups of its subnet's VPC (InvalidGroup.NotFound)")
                        .resource(address)
                        .resource(&sg.common.address)
                        .at(sg_ref.span, "group of another VPC")
                        .help("use a group of the instance's VPC"),
                    );
                }
            }
        }
    }
}

fn unused(c: &mut Checker) {
    let m = c.model;
    let users = [
        Kind::Instance,
        Kind::SecurityGroup,
        Kind::VpcEndpoint,
        Kind::DefaultSecurityGroup,
        Kind::LoadBalancer,
        Kind::LaunchTemplate,
        Kind::DbInstance,
    ];
    if !m.complete(&users) {
        return;
    }
    let mut used = PerId::new(&m.security_groups, false);
    for group in &m.instance_groups {
        for sg in &group.security_groups {
            used[sg.id] = true;
        }
    }
    let lists = m
        .vpc_endpoints
        .iter()
        .map(|e| &e.security_groups)
        .chain(m.load_balancers.iter().map(|l| &l.security_groups))
        .chain(m.launch_templates.iter().map(|t| &t.security_groups))
        .chain(m.db_instances.iter().map(|d| &d.security_groups));
    for sg in lists.flatten() {
        used[sg.id] = true;
    }
    let groups = with_ids(&m.security_groups)
        .map(|(g, sg)| (Some(g), sg))
        .chain(m.default_security_groups.iter().map(|d| (None, &d.group)));
    for (g, sg) in groups {
        for rule in sg.ingress.iter().chain(sg.egress.iter().flatten()) {
            if let Some(other) = rule.security_group
                && Some(other.id) != g
            {
                used[other.id] = true;
            }
        }
    }
    for (g, sg) in with_ids(&m.security_groups) {
        if !used[g] {
            c.push(
                Diagnostic::new(
                    Rule::UnusedSecurityGroup,
                    format!(
                        "no instance, endpoint, load balancer, launch template or database uses {} and no other group references it",
                        sg.common.address
                    ),
                )
                .detail("unused groups clutter the account and invite accidental reuse")
                .resource(&sg.common.address)
                .at(sg.common.name.span, "unused security group")
                .help("attach it or remove it"),
            );
        }
    }
}

/// Characters AWS accepts in security group and rule descriptions.
fn description_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || " ._-:/()#,@[]+=&;{}!$*".contains(c)
}

/// SG014 for one description; `what` names it in the message.
fn description(c: &mut Checker, address: &str, what: &str, text: &Sp<String>) {
    let limit = DESCRIPTION_CHARS;
    let length = text.value.chars().count();
    let bad: Vec<char> = text
        .value
        .chars()
        .filter(|ch| !description_char(*ch))
        .collect();
    let problem = if length > limit {
        Some(format!("is {length} characters; AWS allows {limit}"))
    } else {
        bad.first().map(|first| {
            format!(
                "contains `{}`, which AWS does not accept",
                first.escape_default()
            )
        })
    };
    if let Some(problem) = problem {
        c.push(
            Diagnostic::new(
                Rule::SecurityGroupDescription,
                format!("the {what} of {address} {problem}"),
            )
            .detail("descriptions take a-z A-Z 0-9, spaces and ._-:/()#,@[]+=&;{}!$* (InvalidParameterValue)")
            .resource(address)
            .at(text.span, "description AWS refuses")
            .help("use plain ASCII from the allowed set, within 255 characters"),
        );
    }
}

fn name_and_descriptions(c: &mut Checker, sg: &SecurityGroup) {
    let address = &sg.common.address;
    let name = &sg.common.name.value;
    if name == "default" || name.starts_with("sg-") {
        c.push(
            Diagnostic::new(
                Rule::SecurityGroupName,
                format!("a security group cannot be named `{name}`"),
            )
            .detail("`default` is the group AWS creates in every VPC and `sg-` starts group ids (InvalidParameterValue)")
            .resource(address)
            .at(sg.common.name.span, "reserved name")
            .help("choose another name"),
        );
    }
    if let Some(d) = &sg.description {
        description(c, address, "description", d);
    }
    for rule in sg.ingress.iter().chain(sg.egress.iter().flatten()) {
        if let Some(d) = &rule.description {
            description(c, address, "rule description", d);
        }
    }
}
