//! DB001-DB003 and the RDS quotas: DB subnet groups.

use std::collections::{BTreeSet, HashMap};

use skyplan_diagnostics::{Diagnostic, Rule};
use skyplan_facts::quotas::{DB_SUBNET_GROUPS_PER_REGION, SUBNETS_PER_DB_SUBNET_GROUP};
use skyplan_model::DbSubnetGroup;

use crate::Checker;
use crate::quota::{over_quota, over_quota_by};

pub(crate) fn check(c: &mut Checker) {
    for g in &c.model.db_subnet_groups {
        if one_vpc(c, g) {
            zones(c, g);
        }
        over_quota(
            c,
            SUBNETS_PER_DB_SUBNET_GROUP,
            &g.common.address,
            g.subnets.iter().map(|s| s.span),
            "subnets",
        );
    }
    names(c);
    let m = c.model;
    let region = |g: &DbSubnetGroup| {
        let vpc = m.subnet_vpc(g.subnets.first()?.id);
        m.vpcs[vpc].region.as_ref().map(|r| r.value.as_str())
    };
    over_quota_by(
        c,
        DB_SUBNET_GROUPS_PER_REGION,
        m.db_subnet_groups
            .iter()
            .filter_map(|g| Some((region(g)?, &g.common))),
        |r| r.to_string(),
    );
}

/// DB002: whether every subnet is of the first one's VPC (else reported).
fn one_vpc(c: &mut Checker, g: &DbSubnetGroup) -> bool {
    let m = c.model;
    let Some(first) = g.subnets.first() else {
        return true;
    };
    let vpc = m.subnet_vpc(first.id);
    let Some(other) = g.subnets.iter().find(|s| m.subnet_vpc(s.id) != vpc) else {
        return true;
    };
    let address = &g.common.address;
    c.push(
        Diagnostic::new(
            Rule::DbSubnetGroupVpc,
            format!(
                "{address} has subnets of {} and {}",
                m.vpcs[vpc].common.address,
                m.vpcs[m.subnet_vpc(other.id)].common.address
            ),
        )
        .detail("RDS refuses subnets that are not all in one VPC (InvalidSubnet)")
        .resource(address)
        .resource(&m.subnets[other.id].common.address)
        .at(other.span, "subnet of another VPC")
        .related(first.span, "the group's first subnet")
        .help("use subnets of one VPC"),
    );
    false
}

/// DB001: at least two AZs, where the region has two.
fn zones(c: &mut Checker, g: &DbSubnetGroup) {
    let m = c.model;
    let zones: BTreeSet<&str> = g
        .subnets
        .iter()
        .map(|s| m.subnets[s.id].az.value.as_str())
        .collect();
    if zones.len() >= 2 {
        return;
    }
    // RDS asks for two AZs "unless there is only one" in the region.
    let region = g
        .subnets
        .first()
        .and_then(|s| m.vpcs[m.subnet_vpc(s.id)].region.as_ref());
    if region.is_some_and(|r| c.facts.zones_of(&r.value).len() == 1) {
        return;
    }
    let address = &g.common.address;
    let covered = match zones.first() {
        Some(zone) => format!("covers only {zone}"),
        None => "has no subnet".to_string(),
    };
    c.push(
        Diagnostic::new(Rule::DbSubnetGroupAzs, format!("{address} {covered}"))
            .detail(
                "RDS needs subnets in at least two availability zones, even for a single-AZ database (DBSubnetGroupDoesNotCoverEnoughAZs)",
            )
            .resource(address)
            .at(g.subnets_span, "fewer than two AZs")
            .help("add a subnet of another AZ of the same VPC"),
    );
}

/// DB003: names RDS takes for one (it lower-cases them), or its own.
fn names(c: &mut Checker) {
    let m = c.model;
    let mut first: HashMap<String, &DbSubnetGroup> = HashMap::new();
    for g in &m.db_subnet_groups {
        let name = &g.common.name;
        let lower = name.value.to_lowercase();
        let address = &g.common.address;
        let finding = if lower == "default" {
            Diagnostic::new(
                Rule::DbSubnetGroupName,
                format!("{address} is named `default`, the name of RDS's own group"),
            )
            .resource(address)
            .at(name.span, "reserved by RDS")
        } else if let Some(earlier) = first.get(&lower) {
            Diagnostic::new(
                Rule::DbSubnetGroupName,
                format!(
                    "{address} is {} for RDS, which keeps names in lower case",
                    earlier.common.address
                ),
            )
            .resource(address)
            .resource(&earlier.common.address)
            .at(name.span, "the same name but for case")
            .related(earlier.common.name.span, "the first of that name")
        } else {
            first.insert(lower, g);
            continue;
        };
        c.push(
            finding
                .detail("RDS refuses it (DBSubnetGroupAlreadyExists)")
                .help("give each group a name of its own, other than `default`"),
        );
    }
}
