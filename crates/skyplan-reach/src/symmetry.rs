//! TW013: two VPCs on a transit gateway whose traffic goes through an
//! inspection VPC one way and straight back the other. AWS's Network
//! Firewall guide ("Avoiding asymmetric routing"): route both the forward
//! and the return traffic through the firewall attachment; a stateful
//! appliance drops what it sees only half of.
//!
//! Each table that routes an attachment is asked once where it sends each
//! VPC's primary block (the longest route that holds the whole block, a
//! static route before a propagated one); the answers of two tables are
//! then compared for every pair of their attachments at once. A route
//! narrower than a VPC's block is not followed: the finding is about the
//! design, `reach` answers for each address.

use std::collections::{BTreeMap, HashMap, HashSet};

use skyplan_cidr::Ipv4Net;
use skyplan_diagnostics::{Diagnostic, Rule, Span};
use skyplan_model::{
    Model, TransitGatewayAttachmentId as AttachmentId, TransitGatewayId as GatewayId, with_ids,
};

use crate::transit::{Candidate, Origin, Source, Table, Target, routes_of, table_of};

/// Where a table sends one VPC's block.
#[derive(Clone, Copy)]
enum Way {
    /// Into an inspection VPC's attachment, by the static route at `span`.
    Inspected(AttachmentId, Option<Span>),
    /// To the VPC's own attachment.
    Direct,
    /// Anywhere else, or nowhere.
    Other,
}

pub(crate) fn check(m: &Model, out: &mut Vec<Diagnostic>) {
    for (g, _) in with_ids(&m.transit_gateways) {
        gateway(m, g, out);
    }
}

/// The pairs of tables of gateway `g` that inspect one way only.
fn gateway(m: &Model, g: GatewayId, out: &mut Vec<Diagnostic>) {
    let on_gateway: Vec<AttachmentId> = with_ids(&m.transit_gateway_attachments)
        .filter(|(_, a)| a.transit_gateway.id == g)
        .map(|(id, _)| id)
        .collect();
    // Each table's attachments, tables in a fixed order.
    let mut members: BTreeMap<Table, Vec<AttachmentId>> = BTreeMap::new();
    for &a in &on_gateway {
        if let Ok(table) = table_of(m, g, Source::Attachment(a)) {
            members.entry(table).or_default().push(a);
        }
    }
    let ways: BTreeMap<Table, Vec<Way>> = (members.keys())
        .map(|&t| {
            let routes = Routes::new(routes_of(m, g, t));
            (t, on_gateway.iter().map(|&b| routes.way(m, b)).collect())
        })
        .collect();
    let inspection: HashSet<AttachmentId> = (ways.values().flatten())
        .filter_map(|w| match w {
            Way::Inspected(x, _) => Some(*x),
            Way::Direct | Way::Other => None,
        })
        .collect();
    let position: HashMap<AttachmentId, usize> = on_gateway
        .iter()
        .enumerate()
        .map(|(i, a)| (*a, i))
        .collect();
    let way = |t: &Table, b: AttachmentId| ways[t][position[&b]];
    let tables: Vec<(&Table, Vec<AttachmentId>)> = (members.iter())
        .map(|(t, list)| {
            let spokes = list.iter().copied().filter(|a| !inspection.contains(a));
            (t, spokes.collect())
        })
        .collect();
    for (i, (ta, from)) in tables.iter().enumerate() {
        for (tb, to) in &tables[i..] {
            if let Some(found) = one_way(from, to, |b| way(ta, b), |a| way(tb, a)) {
                out.push(finding(m, g, (ta, tb), found));
            }
        }
    }
}

/// A pair (a of `from`, b of `to`, a != b) whose way a -> b (`forward`)
/// is inspected and b -> a (`back`) direct, or the reverse: the
/// attachments in the order of the inspected way, with its route.
fn one_way(
    from: &[AttachmentId],
    to: &[AttachmentId],
    forward: impl Fn(AttachmentId) -> Way,
    back: impl Fn(AttachmentId) -> Way,
) -> Option<OneWay> {
    let inspected = |list: &[AttachmentId], way: &dyn Fn(AttachmentId) -> Way| {
        (list.iter())
            .filter_map(|&x| match way(x) {
                Way::Inspected(by, span) => Some((x, by, span)),
                Way::Direct | Way::Other => None,
            })
            .take(2)
            .collect::<Vec<_>>()
    };
    let direct = |list: &[AttachmentId], way: &dyn Fn(AttachmentId) -> Way| {
        (list.iter())
            .filter(|&&x| matches!(way(x), Way::Direct))
            .take(2)
            .copied()
            .collect::<Vec<_>>()
    };
    // a -> b inspected (b of `to`), b -> a direct (a of `from`).
    for (b, by, route) in inspected(to, &forward) {
        if let Some(&a) = direct(from, &back).iter().find(|&&a| a != b) {
            return Some(OneWay {
                from: a,
                to: b,
                by,
                route,
                inspecting: Side::First,
            });
        }
    }
    for (a, by, route) in inspected(from, &back) {
        if let Some(&b) = direct(to, &forward).iter().find(|&&b| b != a) {
            return Some(OneWay {
                from: b,
                to: a,
                by,
                route,
                inspecting: Side::Second,
            });
        }
    }
    None
}

/// Which of the two tables compared sends the inspected way.
#[derive(Clone, Copy)]
enum Side {
    First,
    Second,
}

/// Traffic `from` -> `to` inspected by attachment `by` (the static route
/// at `route`), `to` -> `from` direct.
struct OneWay {
    from: AttachmentId,
    to: AttachmentId,
    by: AttachmentId,
    route: Option<Span>,
    inspecting: Side,
}

fn finding(m: &Model, g: GatewayId, (ta, tb): (&Table, &Table), w: OneWay) -> Diagnostic {
    let gateway = &m.transit_gateways[g].common;
    let name = |a: AttachmentId| m.transit_gateway_attachments[a].common.address.as_str();
    let (from, to, by) = (name(w.from), name(w.to), name(w.by));
    let table_span = |t: &Table| match t {
        Table::Declared(t) => m.transit_gateway_route_tables[*t].common.name.span,
        Table::Default => gateway.name.span,
    };
    let (inspecting, direct) = match w.inspecting {
        Side::First => (ta, tb),
        Side::Second => (tb, ta),
    };
    Diagnostic::new(
        Rule::TransitGatewayAsymmetric,
        format!(
            "{} sends {from} -> {to} through {by} but {to} -> {from} straight back",
            gateway.address
        ),
    )
    .detail("AWS accepts it, but a stateful appliance sees only the request of each connection and drops the rest (AWS Network Firewall does not support asymmetric routing)")
    .resource(&gateway.address)
    .resources([from.to_string(), to.to_string(), by.to_string()])
    .at(table_span(direct), format!("routes {to} -> {from} without inspection"))
    .help(format!(
        "route {to}'s traffic for {from} into {by} as well (a static route in the table that associates {to}), or neither way"
    ))
    .related(
        w.route.unwrap_or(table_span(inspecting)),
        format!("sends {from} -> {to} into {by}"),
    )
}

/// A table's routes by prefix length and network, for the longest route
/// that holds a whole block.
struct Routes(HashMap<(u8, u32), Vec<Candidate>>);

impl Routes {
    fn new(routes: Vec<Candidate>) -> Routes {
        let mut by_prefix: HashMap<(u8, u32), Vec<Candidate>> = HashMap::new();
        for c in routes {
            let key = (c.block.prefix_len(), u32::from(c.block.network()));
            by_prefix.entry(key).or_default().push(c);
        }
        Routes(by_prefix)
    }

    /// The best route for all of `block`: the longest that holds it, and
    /// of those AWS's preferred origin; none when two of that origin
    /// disagree (which AWS keeps is not known).
    fn best(&self, block: Ipv4Net) -> Option<&Candidate> {
        let start = u32::from(block.network());
        (0..=block.prefix_len()).rev().find_map(|len| {
            let mask = u32::MAX.checked_shl(32 - u32::from(len)).unwrap_or(0);
            let routes = self.0.get(&(len, start & mask))?;
            let origin: Origin = routes.iter().map(|c| c.origin).min()?;
            let mut best = routes.iter().filter(|c| c.origin == origin);
            let first = best.next()?;
            Some(best.all(|c| c.target == first.target).then_some(first))
        })?
    }

    /// Where the table sends VPC attachment `b`'s primary block.
    fn way(&self, m: &Model, b: AttachmentId) -> Way {
        let vpc = m.transit_gateway_attachments[b].vpc.id;
        let Some(block) = m.vpcs[vpc].cidr.ok() else {
            return Way::Other;
        };
        match self.best(block).map(|c| (c.target, c.origin, c.span)) {
            Some((Target::Attachment(x), _, _)) if x == b => Way::Direct,
            Some((Target::Attachment(x), Origin::Static, span))
                if m.transit_gateway_attachments[x].vpc.id != vpc =>
            {
                Way::Inspected(x, span)
            }
            Some(_) | None => Way::Other,
        }
    }
}
