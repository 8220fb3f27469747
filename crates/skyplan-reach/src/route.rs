//! Route decisions: longest-prefix match over a subnet's route table (its
//! explicit association, else its VPC's main table) and the VPC's local
//! routes; on a tie the local route wins.

use std::net::Ipv4Addr;

use skyplan_model::{Model, RouteTarget, SubnetId};

use crate::hop::{Check, Decision, Hop};

/// Where a route sends traffic.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Next {
    Local,
    Target(RouteTarget),
    Nowhere,
}

/// The route `subnet` uses for `destination`, and the hop that records it
/// (allowing; the caller decides whether the target can carry the traffic).
pub(crate) fn lookup(m: &Model, subnet: SubnetId, destination: Ipv4Addr) -> (Next, Hop) {
    let vpc = &m.vpcs[m.subnet_vpc(subnet)];
    let local = vpc
        .blocks()
        .filter(|b| b.contains(&destination))
        .map(|b| b.prefix_len())
        .max();
    let table = m.route_table_of(subnet).map(|t| &m.route_tables[t]);
    let declared = table.and_then(|t| {
        t.routes
            .iter()
            .filter_map(|r| Some((r.target()?, r)))
            .flat_map(|(target, r)| {
                m.route_ipv4_blocks(r)
                    .into_iter()
                    .map(move |d| (d, target, r))
            })
            .filter(|(d, _, _)| d.contains(&destination))
            .max_by_key(|(d, _, _)| d.prefix_len())
    });
    // Routes a propagated VPN gateway brings in; a table's own route of
    // the same length wins (AWS prefers static routes).
    let propagated = table.and_then(|t| {
        (t.propagate.iter())
            .flat_map(|g| {
                m.propagated_ipv4_blocks(g.id)
                    .into_iter()
                    .map(move |d| (d, *g))
            })
            .filter(|(d, _)| d.contains(&destination))
            .max_by_key(|(d, _)| d.prefix_len())
    });
    if let Some((d, gateway)) = propagated
        && declared.is_none_or(|(own, _, _)| own.prefix_len() < d.prefix_len())
        && local.is_none_or(|l| l < d.prefix_len())
    {
        let resource = table.map_or_else(String::new, |t| t.common.address.clone());
        let text = format!(
            "{d} -> {} (propagated)",
            m.vpn_gateways[gateway.id].common.address
        );
        return (
            Next::Target(RouteTarget::VpnGateway(gateway)),
            Hop {
                resource,
                check: Check::Route,
                decision: Decision::Allow,
                rule: text,
                span: Some(gateway.span),
                fix: None,
            },
        );
    }
    let resource = table.map_or_else(
        || format!("the main route table of {}", vpc.common.address),
        |t| t.common.address.clone(),
    );
    let hop = |decision, rule: String, span| Hop {
        resource: resource.clone(),
        check: Check::Route,
        decision,
        rule,
        span,
        fix: None,
    };
    match (local, declared) {
        (Some(l), Some((d, _, _))) if l >= d.prefix_len() => (
            Next::Local,
            hop(Decision::Allow, local_text(vpc, destination), None),
        ),
        (_, Some((d, target, route))) => {
            let text = format!("{d} -> {}", m.route_target_address(target));
            (
                Next::Target(target),
                hop(Decision::Allow, text, Some(route.span)),
            )
        }
        (Some(_), None) => (
            Next::Local,
            hop(Decision::Allow, local_text(vpc, destination), None),
        ),
        (None, None) => (
            Next::Nowhere,
            hop(
                Decision::NoRoute,
                format!("no route matches {destination}"),
                table.map(|t| t.common.name.span),
            ),
        ),
    }
}

fn local_text(vpc: &skyplan_model::Vpc, destination: Ipv4Addr) -> String {
    let block = vpc
        .blocks()
        .filter(|b| b.contains(&destination))
        .max_by_key(|b| b.prefix_len())
        .map_or_else(String::new, |b| b.to_string());
    format!("{block} -> local")
}
