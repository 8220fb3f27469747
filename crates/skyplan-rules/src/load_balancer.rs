//! LB001-LB011 and LB014: load balancers, their listeners and target groups.

use std::collections::HashMap;

use skyplan_cidr::{IpNet, usable_addresses};
use skyplan_diagnostics::{Diagnostic, Rule, Span};
use skyplan_model::traffic::{Protocol, TCP};
use skyplan_model::{LoadBalancer, Model, SecurityGroupId, SgRule, TargetGroupId, VpcId, with_ids};
use skyplan_spec::{Kind, LoadBalancerType};

use skyplan_facts::partition;

use crate::Checker;
use crate::gateway::has_default_igw_route;

/// The most characters an ELB name takes.
const MAX_NAME: usize = 32;
/// The free addresses AWS requires in each of a load balancer's subnets.
const FREE_ADDRESSES: u64 = 8;
/// The largest prefix a load balancer subnet may have (a /27).
const MAX_PREFIX: u8 = 27;

pub(crate) fn check(c: &mut Checker) {
    let m = c.model;
    for lb in &m.load_balancers {
        name(
            c,
            &lb.common.name.value,
            &lb.common.address,
            lb.common.name.span,
            true,
        );
    }
    for tg in &m.target_groups {
        name(
            c,
            &tg.common.name.value,
            &tg.common.address,
            tg.common.name.span,
            false,
        );
    }
    let (used, _) = crate::subnet::interfaces(m);
    for lb in &m.load_balancers {
        subnets(c, lb);
        subnet_size(c, lb, &used);
        foreign_groups(c, lb);
        internet_route(c, lb);
        listeners(c, lb);
        without_https(c, lb);
        idle_timeout(c, lb);
        admitted(c, lb);
    }
    shared_target_groups(c);
    target_vpcs(c);
}

/// The VPC of a load balancer: its first subnet's.
fn vpc_of(m: &Model, lb: &LoadBalancer) -> Option<VpcId> {
    lb.subnets.first().map(|s| m.subnet_vpc(s.id))
}

fn name(c: &mut Checker, name: &str, address: &str, span: Span, load_balancer: bool) {
    let problem = if name.len() > MAX_NAME {
        Some(format!(
            "is {} characters; AWS takes {MAX_NAME}",
            name.len()
        ))
    } else if !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        Some("has characters other than letters, digits and hyphens".to_string())
    } else if name.starts_with('-') || name.ends_with('-') {
        Some("starts or ends with a hyphen".to_string())
    } else if load_balancer && name.starts_with("internal-") {
        Some("starts with `internal-`, which AWS keeps for internal DNS names".to_string())
    } else {
        None
    };
    let Some(problem) = problem else { return };
    c.push(
        Diagnostic::new(
            Rule::LoadBalancerName,
            format!("the name of {address} {problem}"),
        )
        .detail("the resource name is the AWS name: at most 32 letters, digits and hyphens (ValidationError)")
        .resource(address)
        .at(span, "not an ELB name")
        .help(format!(
            "rename it, for example `{}`",
            name.replace('_', "-").trim_matches('-').chars().take(MAX_NAME).collect::<String>()
        )),
    );
}

fn subnets(c: &mut Checker, lb: &LoadBalancer) {
    let m = c.model;
    let address = &lb.common.address;
    let Some(vpc) = vpc_of(m, lb) else {
        c.push(
            Diagnostic::new(
                Rule::LoadBalancerSubnets,
                format!("{address} has no subnet"),
            )
            .detail("a load balancer has a node in each of its subnets; AWS refuses one without")
            .resource(address)
            .at(lb.subnets_span, "no subnet")
            .help("list one subnet in each AZ it should serve"),
        );
        return;
    };
    let mut zones: HashMap<&str, Span> = HashMap::new();
    for s in &lb.subnets {
        let subnet = &m.subnets[s.id];
        let finding = |message: String, label: &str, help: &str| {
            Diagnostic::new(Rule::LoadBalancerSubnets, message)
                .resource(address)
                .resource(&subnet.common.address)
                .at(s.span, label)
                .help(help)
        };
        if subnet.vpc.id != vpc {
            c.push(finding(
                format!("{address} has subnets of two VPCs"),
                "subnet of another VPC",
                "use subnets of one VPC",
            ));
            continue;
        }
        let dualstack = lb
            .ip_address_type
            .as_ref()
            .is_some_and(|t| t.value == "dualstack");
        if dualstack && !subnet.wants_ipv6() {
            c.push(finding(
                format!(
                    "{address} is dualstack, but {} has no IPv6 block",
                    subnet.common.address
                ),
                "subnet without IPv6",
                "give the subnet `ipv6_index` (its VPC needs IPv6), or use `ip_address_type: ipv4`",
            ));
        }
        match zones.get(subnet.az.value.as_str()) {
            Some(first) => c.push(
                finding(
                    format!("{address} has two subnets in {}", subnet.az.value),
                    "second subnet in this AZ",
                    "list one subnet per AZ",
                )
                .related(*first, "first subnet in this AZ"),
            ),
            None => {
                zones.insert(&subnet.az.value, s.span);
            }
        }
    }
    if lb.lb_type.value == LoadBalancerType::Application && zones.len() < 2 {
        c.push(
            Diagnostic::new(
                Rule::LoadBalancerSubnets,
                format!(
                    "{address} is an application load balancer in {} AZ; it needs two",
                    zones.len()
                ),
            )
            .detail("AWS refuses an application load balancer with subnets in fewer than two AZs")
            .resource(address)
            .at(lb.subnets_span, "fewer than two AZs")
            .help("add a subnet in a second AZ"),
        );
    }
}

fn subnet_size(
    c: &mut Checker,
    lb: &LoadBalancer,
    used: &skyplan_model::PerId<skyplan_model::Subnet, u64>,
) {
    let m = c.model;
    for s in &lb.subnets {
        let subnet = &m.subnets[s.id];
        let Some(net) = subnet.cidr.ok() else {
            continue;
        };
        let usable = usable_addresses(net.prefix_len());
        // Free once everything but the load balancer is placed.
        let reserve = crate::subnet::load_balancer_reserve(lb);
        let free = (usable + reserve).saturating_sub(used[s.id]);
        let problem = if net.prefix_len() > MAX_PREFIX {
            Some(format!(
                "is a /{}; load balancer subnets are at least a /27",
                net.prefix_len()
            ))
        } else if free < FREE_ADDRESSES {
            Some(format!(
                "has {free} free addresses; a load balancer needs {FREE_ADDRESSES}"
            ))
        } else {
            None
        };
        let Some(problem) = problem else { continue };
        c.push(
            Diagnostic::new(
                Rule::LoadBalancerSubnetSize,
                format!(
                    "{} of {} {problem}",
                    subnet.common.address, lb.common.address
                ),
            )
            .detail(
                "AWS requires a /27 or larger with 8 free addresses in each load balancer subnet",
            )
            .resource(&lb.common.address)
            .resource(&subnet.common.address)
            .at(s.span, "too small for a load balancer")
            .help("use a /27 or larger subnet with room to spare"),
        );
    }
}

fn foreign_groups(c: &mut Checker, lb: &LoadBalancer) {
    let m = c.model;
    let Some(vpc) = vpc_of(m, lb) else { return };
    for g in &lb.security_groups {
        let group = &m.security_groups[g.id];
        if group.vpc.id == vpc {
            continue;
        }
        c.push(
            Diagnostic::new(
                Rule::LoadBalancerForeignGroup,
                format!(
                    "{} (in {}) uses {} of {}",
                    lb.common.address,
                    m.vpcs[vpc].common.address,
                    group.common.address,
                    m.vpcs[group.vpc.id].common.address
                ),
            )
            .detail("a load balancer's groups are its VPC's (InvalidSecurityGroup)")
            .resource(&lb.common.address)
            .resource(&group.common.address)
            .at(g.span, "group of another VPC")
            .help("use a group of the load balancer's VPC"),
        );
    }
}

fn internet_route(c: &mut Checker, lb: &LoadBalancer) {
    let m = c.model;
    if lb.internal || !m.complete(&[Kind::RouteTable, Kind::InternetGateway]) {
        return;
    }
    let Some(vpc) = vpc_of(m, lb) else { return };
    let address = &lb.common.address;
    let at = lb.scheme.as_ref().map_or(lb.common.name.span, |s| s.span);
    if !m.internet_gateways.iter().any(|g| g.vpc.id == vpc) {
        c.push(
            Diagnostic::new(
                Rule::InternetFacingWithoutRoute,
                format!(
                    "{address} is internet-facing, but {} has no internet gateway",
                    m.vpcs[vpc].common.address
                ),
            )
            .detail("AWS refuses it (InvalidSubnet: VPC has no internet gateway)")
            .resource(address)
            .at(at, "internet-facing")
            .help("attach an internet gateway to the VPC, or make it `scheme: internal`"),
        );
        return;
    }
    for s in &lb.subnets {
        if m.subnet_vpc(s.id) != vpc || has_default_igw_route(m, s.id) {
            continue;
        }
        let subnet = &m.subnets[s.id].common.address;
        c.push(
            Diagnostic::new(
                Rule::InternetFacingSubnetWithoutRoute,
                format!("{address} is internet-facing, but {subnet} does not route 0.0.0.0/0 to the internet gateway"),
            )
            .detail("clients' traffic to its address in that subnet never arrives")
            .resource(address)
            .resource(subnet)
            .at(s.span, "no route to the internet gateway")
            .help("use public subnets (routed to the internet gateway), or make it `scheme: internal`"),
        );
    }
}

/// Whether a listener or target group protocol is an application load
/// balancer's (HTTP, HTTPS) rather than a network one's.
fn is_http(protocol: &str) -> bool {
    matches!(protocol, "HTTP" | "HTTPS")
}

/// Why AWS refuses a listener certificate: not an ACM (or IAM server)
/// certificate ARN, one of another partition, or an ACM certificate of
/// another region (a load balancer uses certificates of its own region).
fn certificate_problem(arn: &str, region: Option<&str>) -> Option<(String, &'static str, String)> {
    let shown: String = arn.chars().take(64).collect();
    let fields: Vec<&str> = arn.splitn(6, ':').collect();
    let (partition, service, cert_region, resource) = match fields.as_slice() {
        ["arn", partition, service, cert_region, _account, resource] => {
            (*partition, *service, *cert_region, *resource)
        }
        _ => ("", "", "", ""),
    };
    let acm = service == "acm" && resource.starts_with("certificate/") && !cert_region.is_empty();
    let iam =
        service == "iam" && resource.starts_with("server-certificate/") && cert_region.is_empty();
    if !acm && !iam {
        return Some((
            format!("`{shown}` is not a certificate ARN"),
            "not an ACM certificate ARN",
            "write `arn:PARTITION:acm:REGION:ACCOUNT:certificate/ID`".into(),
        ));
    }
    let region = region?;
    let expected = partition::of(region);
    if partition != expected {
        return Some((
            format!(
                "the certificate `{shown}` is of partition {partition}; a load balancer in {region} takes {expected} certificates"
            ),
            "certificate of another partition",
            format!("use a certificate ARN starting `arn:{expected}:`"),
        ));
    }
    if acm && cert_region != region {
        return Some((
            format!(
                "the ACM certificate `{shown}` is in {cert_region}; a load balancer in {region} uses certificates of its own region"
            ),
            "certificate of another region",
            format!(
                "request or import the certificate in {region} (ACM certificates are regional; only CloudFront uses us-east-1's)"
            ),
        ));
    }
    None
}

fn listeners(c: &mut Checker, lb: &LoadBalancer) {
    let m = c.model;
    let address = &lb.common.address;
    let application = lb.lb_type.value == LoadBalancerType::Application;
    let kind = if application {
        "an application"
    } else {
        "a network"
    };
    let mut ports: HashMap<i64, Span> = HashMap::new();
    for l in &lb.listeners {
        let finding = |message: String, at: Span, label: &str, help: &str| {
            Diagnostic::new(Rule::ListenerInvalid, message)
                .resource(address)
                .at(at, label)
                .help(help)
        };
        if let Some(first) = ports.insert(l.port.value, l.port.span) {
            c.push(
                finding(
                    format!("{address} listens on port {} twice", l.port.value),
                    l.port.span,
                    "second listener on this port",
                    "keep one listener per port",
                )
                .related(first, "first listener"),
            );
        }
        let protocol = l.protocol.value.as_str();
        if is_http(protocol) != application {
            c.push(finding(
                format!("{address} is {kind} load balancer; its listeners cannot use {protocol}"),
                l.protocol.span,
                "protocol of the other load balancer type",
                if application {
                    "use HTTP or HTTPS, or a network load balancer"
                } else {
                    "use TCP, UDP, TLS or TCP_UDP, or an application load balancer"
                },
            ));
        }
        let needs_certificate = matches!(protocol, "HTTPS" | "TLS");
        match (&l.certificate, needs_certificate) {
            (None, true) => c.push(finding(
                format!(
                    "the {protocol} listener of {address} on port {} has no certificate",
                    l.port.value
                ),
                l.span,
                "no certificate",
                "add `certificate: arn:aws:acm:REGION:ACCOUNT:certificate/ID`",
            )),
            (Some(cert), false) => c.push(finding(
                format!("the {protocol} listener of {address} takes no certificate"),
                cert.span,
                "certificate on a listener without TLS",
                "remove it, or use HTTPS (TLS)",
            )),
            (Some(cert), true) => {
                let region = vpc_of(m, lb)
                    .and_then(|v| m.vpcs[v].region.as_ref())
                    .map(|r| r.value.as_str());
                if let Some((message, label, help)) = certificate_problem(&cert.value, region) {
                    c.push(finding(message, cert.span, label, &help));
                }
            }
            (None, false) => {}
        }
        for forward in l.target_groups() {
            let tg = &m.target_groups[forward.id];
            if is_http(&tg.protocol.value) != application {
                c.push(finding(
                    format!(
                        "{} is a {} target group; {kind} load balancer cannot forward to it",
                        tg.common.address, tg.protocol.value
                    ),
                    forward.span,
                    "target group of the other type",
                    "give the load balancer a target group of its type's protocols",
                ));
            }
        }
    }
}

/// LB014: an idle timeout on a network load balancer.
fn idle_timeout(c: &mut Checker, lb: &LoadBalancer) {
    let Some(t) = &lb.idle_timeout else { return };
    if lb.lb_type.value != LoadBalancerType::Network {
        return;
    }
    c.push(
        Diagnostic::new(
            Rule::LoadBalancerAttribute,
            format!(
                "{} is a network load balancer with an idle_timeout",
                lb.common.address
            ),
        )
        .detail("AWS refuses it: the idle timeout is an application load balancer's attribute")
        .resource(&lb.common.address)
        .at(t.span, "application load balancers only")
        .help("remove `idle_timeout`"),
    );
}

fn without_https(c: &mut Checker, lb: &LoadBalancer) {
    if lb.internal
        || lb.lb_type.value != LoadBalancerType::Application
        || lb.listeners.is_empty()
        || lb.listeners.iter().any(|l| l.protocol.value == "HTTPS")
    {
        return;
    }
    c.push(
        Diagnostic::new(
            Rule::LoadBalancerWithoutHttps,
            format!(
                "{} is internet-facing with no HTTPS listener",
                lb.common.address
            ),
        )
        .detail("what it serves crosses the internet in clear text")
        .resource(&lb.common.address)
        .at(lb.common.name.span, "no HTTPS listener")
        .help("add `{port: 443, protocol: HTTPS, certificate: ARN, target_group: ...}` and make port 80 `redirect: {protocol: HTTPS, port: 443}`"),
    );
}

/// The security groups of every target of a target group: its instances'
/// and the launch templates of the auto scaling groups registered with it.
/// A target without groups is left out (it is in its VPC's default group).
/// The security groups a target has: its own, or (none written) its VPC's
/// default group.
enum TargetGroups {
    Declared(Vec<SecurityGroupId>),
    VpcDefault(VpcId),
}

fn target_groups_of(m: &Model, tg: TargetGroupId) -> Vec<(String, TargetGroups)> {
    let of = |groups: Vec<SecurityGroupId>, vpc: VpcId| {
        if groups.is_empty() {
            TargetGroups::VpcDefault(vpc)
        } else {
            TargetGroups::Declared(groups)
        }
    };
    let mut out = Vec::new();
    for t in &m.target_groups[tg].targets {
        let group = &m.instance_groups[m.instances[t.id].group];
        let groups: Vec<_> = group.security_groups.iter().map(|g| g.id).collect();
        out.push((
            m.instances[t.id].address.clone(),
            of(groups, m.instance_vpc(t.id)),
        ));
    }
    for asg in m
        .auto_scaling_groups
        .iter()
        .filter(|a| a.target_groups.iter().any(|t| t.id == tg))
    {
        let template = &m.launch_templates[asg.launch_template.id];
        let groups: Vec<_> = template.security_groups.iter().map(|g| g.id).collect();
        let Some(subnet) = asg.subnets.first() else {
            continue;
        };
        out.push((
            asg.common.address.clone(),
            of(groups, m.subnet_vpc(subnet.id)),
        ));
    }
    out
}

/// Whether a target with `groups` admits the load balancer on `port`. The
/// VPC's default group, taken over, by its rules; else AWS's: inbound only
/// from its members, so only a load balancer without groups of its own
/// (which gets the default group too) is admitted.
fn target_admits(m: &Model, groups: &TargetGroups, lb: &LoadBalancer, port: u16) -> bool {
    match groups {
        TargetGroups::Declared(gs) => gs.iter().any(|g| {
            let member = lb.security_groups.iter().any(|x| x.id == *g);
            m.security_groups[*g]
                .ingress
                .iter()
                .any(|r| admits(m, r, member, lb, port))
        }),
        TargetGroups::VpcDefault(vpc) => match m.vpc_default_security_group[*vpc] {
            Some(d) => m.default_security_groups[d]
                .group
                .ingress
                .iter()
                .any(|r| admits(m, r, lb.security_groups.is_empty(), lb, port)),
            None => lb.security_groups.is_empty(),
        },
    }
}

/// Whether an ingress rule admits the load balancer on TCP `port`: from one
/// of its groups, or from blocks covering every one of its subnets.
/// `lb_is_member`: whether the load balancer is a member of the rule's own
/// group (for `self: true`).
fn admits(m: &Model, rule: &SgRule, lb_is_member: bool, lb: &LoadBalancer, port: u16) -> bool {
    let traffic = match rule.traffic.protocol {
        Some(Protocol::All) => true,
        Some(Protocol::Number(TCP)) => rule
            .traffic
            .port_range()
            .is_some_and(|(a, b)| a <= port && port <= b),
        Some(_) | None => false,
    };
    if !traffic {
        return false;
    }
    let lb_groups = |g: SecurityGroupId| lb.security_groups.iter().any(|x| x.id == g);
    if rule.security_group.is_some_and(|g| lb_groups(g.id))
        || (rule.self_.as_ref().is_some_and(|s| s.value) && lb_is_member)
    {
        return true;
    }
    let mut blocks: Vec<IpNet> = rule.all_cidrs().filter_map(|c| c.ok()).collect();
    if let Some(l) = rule.prefix_list {
        blocks.extend(m.prefix_lists[l.id].blocks());
    }
    let subnets: Vec<_> = lb
        .subnets
        .iter()
        .filter_map(|s| m.subnets[s.id].cidr.ok())
        .collect();
    !subnets.is_empty()
        && subnets.iter().all(|s| {
            blocks
                .iter()
                .any(|b| matches!(b, IpNet::V4(b) if b.contains(s)))
        })
}

/// LB009: targets none of whose groups admit the load balancer.
fn admitted(c: &mut Checker, lb: &LoadBalancer) {
    let m = c.model;
    // A network load balancer passes clients' addresses to instance
    // targets, which then admit the clients, not it.
    if lb.lb_type.value != LoadBalancerType::Application
        || !m.complete(&[Kind::SecurityGroup, Kind::Instance, Kind::AutoScalingGroup])
    {
        return;
    }
    let mut seen: Vec<TargetGroupId> = Vec::new();
    for forward in lb.listeners.iter().flat_map(|l| l.target_groups()) {
        let tg_id = forward.id;
        if seen.contains(&tg_id) {
            continue;
        }
        seen.push(tg_id);
        let tg = &m.target_groups[tg_id];
        let Ok(port) = u16::try_from(tg.port.value) else {
            continue;
        };
        let refused: Vec<String> = target_groups_of(m, tg_id)
            .into_iter()
            .filter(|(_, groups)| !target_admits(m, groups, lb, port))
            .map(|(who, _)| who)
            .collect();
        let Some(first) = refused.first() else {
            continue;
        };
        let source = lb.security_groups.first().map_or_else(
            || "the load balancer's subnets' blocks".to_string(),
            |g| {
                format!(
                    "security_group: {}",
                    m.security_groups[g.id].common.name.value
                )
            },
        );
        c.push(
            Diagnostic::new(
                Rule::TargetsNotAdmittingLoadBalancer,
                format!(
                    "no security group of {} admits {} on port {port}",
                    refused.join(", "),
                    lb.common.address
                ),
            )
            .detail("every health check fails and no request reaches the targets, though everything deploys")
            .resource(&tg.common.address)
            .resource(first)
            .resource(&lb.common.address)
            .at(forward.span, "targets do not admit the load balancer")
            .help(format!(
                "add `{{protocol: tcp, ports: {port}, {source}}}` to the targets' group"
            )),
        );
    }
}

fn shared_target_groups(c: &mut Checker) {
    let m = c.model;
    let mut owner: HashMap<TargetGroupId, (&str, Span)> = HashMap::new();
    for lb in &m.load_balancers {
        for forward in lb.listeners.iter().flat_map(|l| l.target_groups()) {
            let tg = forward.id;
            match owner.get(&tg) {
                Some((other, span)) if *other != lb.common.address => c.push(
                    Diagnostic::new(
                        Rule::TargetGroupShared,
                        format!(
                            "{} is used by {other} and {}",
                            m.target_groups[tg].common.address, lb.common.address
                        ),
                    )
                    .detail(
                        "a target group belongs to one load balancer (TargetGroupAssociationLimit)",
                    )
                    .resource(&lb.common.address)
                    .resource(&m.target_groups[tg].common.address)
                    .at(forward.span, "second load balancer")
                    .related(*span, "first load balancer")
                    .help("give each load balancer a target group of its own"),
                ),
                Some(_) => {}
                None => {
                    owner.insert(tg, (&lb.common.address, forward.span));
                }
            }
        }
    }
}

fn target_vpcs(c: &mut Checker) {
    let m = c.model;
    let finding = |message: String, who: &str, at: Span, label: &str| {
        Diagnostic::new(Rule::TargetGroupVpc, message)
            .detail("a load balancer forwards only to targets of its own VPC")
            .resource(who)
            .at(at, label)
            .help("keep the load balancer, the target group and its targets in one VPC")
    };
    let mut findings = Vec::new();
    for lb in &m.load_balancers {
        let Some(vpc) = vpc_of(m, lb) else { continue };
        for forward in lb.listeners.iter().flat_map(|l| l.target_groups()) {
            let tg = &m.target_groups[forward.id];
            if tg.vpc.id != vpc {
                findings.push(finding(
                    format!(
                        "{} forwards to {}, a target group of another VPC",
                        lb.common.address, tg.common.address
                    ),
                    &lb.common.address,
                    forward.span,
                    "target group of another VPC",
                ));
            }
        }
    }
    for (_, tg) in with_ids(&m.target_groups) {
        for t in &tg.targets {
            if m.instance_vpc(t.id) != tg.vpc.id {
                findings.push(finding(
                    format!(
                        "{} has the target {}, of another VPC",
                        tg.common.address, m.instances[t.id].address
                    ),
                    &tg.common.address,
                    t.span,
                    "target of another VPC",
                ));
            }
        }
    }
    for asg in &m.auto_scaling_groups {
        let Some(vpc) = asg.subnets.first().map(|s| m.subnet_vpc(s.id)) else {
            continue;
        };
        for t in &asg.target_groups {
            let tg = &m.target_groups[t.id];
            if tg.vpc.id != vpc {
                findings.push(finding(
                    format!(
                        "{} registers with {}, a target group of another VPC",
                        asg.common.address, tg.common.address
                    ),
                    &asg.common.address,
                    t.span,
                    "target group of another VPC",
                ));
            }
        }
    }
    for f in findings {
        c.push(f);
    }
}
