//! AS001-AS005: auto scaling groups.

use std::collections::BTreeMap;

use skyplan_cidr::usable_addresses;
use skyplan_diagnostics::{Diagnostic, Rule};
use skyplan_model::{AutoScalingGroup, PerId, Subnet, SubnetId};

use crate::Checker;

pub(crate) fn check(c: &mut Checker) {
    let m = c.model;
    let (used, _) = crate::subnet::interfaces(m);
    for g in &m.auto_scaling_groups {
        sizes(c, g);
        vpcs(c, g);
        offered(c, g);
        capacity(c, g, &used);
    }
}

fn sizes(c: &mut Checker, g: &AutoScalingGroup) {
    let address = &g.common.address;
    let (min, max) = (g.min.value, g.max.value);
    let (problem, at) = if min > max {
        (
            format!("its min ({min}) is over its max ({max})"),
            g.max.span,
        )
    } else if let Some(d) = g
        .desired
        .as_ref()
        .filter(|d| d.value < min || d.value > max)
    {
        (
            format!("its desired ({}) is outside {min}-{max}", d.value),
            d.span,
        )
    } else {
        return;
    };
    c.push(
        Diagnostic::new(Rule::AutoScalingGroupSize, format!("{address}: {problem}"))
            .detail("AWS needs min <= desired <= max (ValidationError)")
            .resource(address)
            .at(at, "outside min <= desired <= max")
            .help("make min at most desired, and desired at most max"),
    );
}

fn vpcs(c: &mut Checker, g: &AutoScalingGroup) {
    let m = c.model;
    let address = &g.common.address;
    let Some(vpc) = g.subnets.first().map(|s| m.subnet_vpc(s.id)) else {
        c.push(
            Diagnostic::new(
                Rule::AutoScalingGroupVpc,
                format!("{address} has no subnet to launch into"),
            )
            .detail("a group launches into the subnets it lists (ValidationError without one)")
            .resource(address)
            .at(g.subnets_span, "no subnet")
            .help("list a subnet in each AZ it should use"),
        );
        return;
    };
    for s in &g.subnets {
        if m.subnet_vpc(s.id) != vpc {
            let subnet = &m.subnets[s.id].common.address;
            c.push(
                Diagnostic::new(
                    Rule::AutoScalingGroupVpc,
                    format!("{address} has subnets of two VPCs"),
                )
                .detail("a group launches into one VPC")
                .resource(address)
                .resource(subnet)
                .at(s.span, "subnet of another VPC")
                .help("use subnets of one VPC"),
            );
            return;
        }
    }
    let template = &m.launch_templates[g.launch_template.id];
    for sg in &template.security_groups {
        let group = &m.security_groups[sg.id];
        if group.vpc.id == vpc {
            continue;
        }
        c.push(
            Diagnostic::new(
                Rule::AutoScalingGroupVpc,
                format!(
                    "{address} launches into {} with {}'s group {}, of {}",
                    m.vpcs[vpc].common.address,
                    template.common.address,
                    group.common.address,
                    m.vpcs[group.vpc.id].common.address
                ),
            )
            .detail("instances take groups of their own VPC; every launch fails")
            .resource(address)
            .resource(&template.common.address)
            .resource(&group.common.address)
            .at(g.launch_template.span, "template with another VPC's group")
            .related(sg.span, "group of another VPC")
            .help("use a template whose groups are of the group's VPC"),
        );
    }
}

fn offered(c: &mut Checker, g: &AutoScalingGroup) {
    let m = c.model;
    let template = &m.launch_templates[g.launch_template.id];
    let name = &template.instance_type.value;
    if c.facts.instance_type(name).is_none() {
        return;
    }
    for s in &g.subnets {
        let subnet = &m.subnets[s.id];
        let zone = &subnet.az.value;
        if c.facts.offers(zone, name) != Some(false) {
            continue;
        }
        c.push(
            Diagnostic::new(
                Rule::AutoScalingGroupTypeNotOffered,
                format!(
                    "{} launches {name} ({}), which {zone} does not offer",
                    g.common.address, template.common.address
                ),
            )
            .detail("launches in that AZ fail (Unsupported)")
            .resource(&g.common.address)
            .resource(&template.common.address)
            .resource(&subnet.common.address)
            .at(s.span, format!("{name} not offered in {zone}"))
            .help("use a type offered in every AZ of the group, or other subnets"),
        );
    }
}

/// AS004 and AS005: `desired` (and `max`) instances as apply spreads them,
/// against each subnet's free addresses once everything else is placed.
fn capacity(c: &mut Checker, g: &AutoScalingGroup, used: &PerId<Subnet, u64>) {
    let m = c.model;
    let desired = usize::try_from(g.desired()).unwrap_or(0);
    let count = |n: usize| {
        let mut per: BTreeMap<SubnetId, u64> = BTreeMap::new();
        for s in g.placement(n) {
            *per.entry(s).or_default() += 1;
        }
        per
    };
    let own = count(desired);
    let free = |s: SubnetId| {
        let usable = m.subnets[s]
            .cidr
            .ok()
            .map(|n| usable_addresses(n.prefix_len()));
        // Everything else placed: the group's own instances are not in the
        // way of its own launches.
        usable.map(|u| (u + own.get(&s).copied().unwrap_or(0)).saturating_sub(used[s]))
    };
    let short = |n: usize| {
        count(n)
            .into_iter()
            .find(|(s, need)| free(*s).is_some_and(|f| *need > f))
    };
    let max = usize::try_from(g.max.value).unwrap_or(0);
    let (rule, what, n, at) = if let Some(found) = short(desired) {
        let at = g.desired.as_ref().map_or(g.min.span, |d| d.span);
        (Rule::AutoScalingGroupCapacity, "desired", found, at)
    } else if max > desired
        && let Some(found) = short(max)
    {
        (Rule::AutoScalingGroupMaxCapacity, "max", found, g.max.span)
    } else {
        return;
    };
    let (s, need) = n;
    let subnet = &m.subnets[s].common.address;
    c.push(
        Diagnostic::new(
            rule,
            format!(
                "{} at its {what} puts {need} instances in {subnet}, which has {} free addresses",
                g.common.address,
                free(s).unwrap_or(0)
            ),
        )
        .detail("launches past the free addresses fail (InsufficientFreeAddressesInSubnet)")
        .resource(&g.common.address)
        .resource(subnet)
        .at(at, format!("{what} does not fit"))
        .help("use larger subnets, more of them, or fewer instances"),
    );
}
