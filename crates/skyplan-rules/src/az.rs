//! AZ001-AZ003: regions and availability zones, from the embedded facts.

use skyplan_diagnostics::{Diagnostic, Rule};
use skyplan_spec::Sp;
use skyplan_spec::suggest::closest;

use crate::{Candidates, Checker};

pub(crate) fn check(c: &mut Checker) {
    regions(c);
    zones(c);
}

fn regions(c: &mut Checker) {
    let m = c.model;
    let facts = c.facts;
    // Every regional resource (VPCs, transit and customer gateways): its region, whether
    // it is `defaults`' and its address.
    let regional = m
        .vpcs
        .iter()
        .map(|v| (&v.region, v.region_from_defaults, &v.common.address))
        .chain(
            m.transit_gateways
                .iter()
                .map(|t| (&t.region, t.region_from_defaults, &t.common.address)),
        )
        .chain(
            m.customer_gateways
                .iter()
                .map(|g| (&g.region, g.region_from_defaults, &g.common.address)),
        );
    // A bad region in `defaults` is one finding naming every resource it
    // reaches; then each bad region of a resource's own.
    let (from_defaults, own): (Vec<_>, Vec<_>) = regional.partition(|(_, d, _)| *d);
    if let Some(default) = &m.default_region
        && !facts.is_region(&default.value)
        && !from_defaults.is_empty()
    {
        let reached = from_defaults.iter().map(|(_, _, a)| (*a).clone());
        let d = unknown_region(c, default).resources(reached);
        c.push(d);
    }
    for (region, _, address) in own {
        if let Some(region) = region
            && !facts.is_region(&region.value)
        {
            let d = unknown_region(c, region).resource(address);
            c.push(d);
        }
    }
}

fn unknown_region(c: &mut Checker, region: &Sp<String>) -> Diagnostic {
    let d = Diagnostic::new(
        Rule::UnknownRegion,
        format!("`{}` is not an AWS region", region.value),
    )
    .at(region.span, "unknown region");
    let facts = c.facts;
    let suggestion = c.suggestions.closest(
        Candidates::Regions as u8,
        &region.value,
        facts.region_names(),
    );
    match suggestion {
        Some(s) => d.help(format!("did you mean `{s}`?")),
        None => d.help("regions look like `eu-west-1` or `ap-northeast-2`"),
    }
}

fn zones(c: &mut Checker) {
    let m = c.model;
    let facts = c.facts;
    for s in &m.subnets {
        let vpc = &m.vpcs[s.vpc.id];
        let region = vpc.region.as_ref().map(|r| r.value.as_str());
        match facts.zone(&s.az.value) {
            None => {
                let d = unknown_az(c, &s.az, region).resource(&s.common.address);
                c.push(d);
            }
            Some(az) => {
                if let Some(region) = region
                    && facts.is_region(region)
                    && az.region != region
                {
                    let choices: Vec<&str> =
                        facts.zones_of(region).iter().map(|z| z.name).collect();
                    let mut d = Diagnostic::new(
                        Rule::AzWrongRegion,
                        format!(
                            "{} is in {}, but {} is in {region}",
                            s.az.value, az.region, vpc.common.address
                        ),
                    )
                    .detail("a subnet lives in its VPC's region")
                    .resource(&s.common.address)
                    .resource(&vpc.common.address)
                    .at(s.az.span, format!("AZ of {}", az.region))
                    .help(format!("use an AZ of {region}: {}", choices.join(", ")));
                    if let Some(r) = &vpc.region {
                        d = d.related(r.span, "the VPC's region");
                    }
                    c.push(d);
                }
            }
        }
    }
    for v in &m.volumes {
        if facts.zone(&v.az.value).is_none() {
            let d = unknown_az(c, &v.az, None).resource(&v.common.address);
            c.push(d);
        }
    }
}

fn unknown_az(c: &mut Checker, az: &Sp<String>, region: Option<&str>) -> Diagnostic {
    let d = Diagnostic::new(
        Rule::UnknownAz,
        format!("`{}` is not an availability zone", az.value),
    )
    .at(az.span, "unknown AZ");
    let in_region: Vec<&str> = region
        .map(|r| c.facts.zones_of(r).iter().map(|z| z.name).collect())
        .unwrap_or_default();
    // A region has a handful of zones; all zones go through the bounded
    // suggester.
    let facts = c.facts;
    let suggestion = if in_region.is_empty() {
        c.suggestions
            .closest(Candidates::Zones as u8, &az.value, facts.zone_names())
    } else {
        closest(&az.value, in_region.iter().copied()).map(str::to_string)
    };
    match (suggestion, in_region.is_empty()) {
        (Some(s), _) => d.help(format!("did you mean `{s}`?")),
        (None, false) => d.help(format!(
            "AZs of {}: {}",
            region.unwrap_or_default(),
            in_region.join(", ")
        )),
        (None, true) => d.help("AZs look like `eu-west-1a`"),
    }
}
