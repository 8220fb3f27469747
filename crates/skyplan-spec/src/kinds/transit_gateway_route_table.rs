//! `transit_gateway_route_table`: its kind-table entry (`SCHEMA`), its declaration and their decoder.

use super::prelude::*;

block! {
    /// A static route as written: every key read; [`targets`] makes it a
    /// [`TransitRouteSpec`].
    TransitRouteEntry in pub TRANSIT_ROUTE, read transit_route as "a route" then targets -> TransitRouteSpec {
        destination: req_str(Cidr) "The destination block (IPv4 or IPv6).",
        attachment: name(TransitGatewayAttachment)
            "Target: an attachment of the table's gateway (a VPC).",
        vpn_connection: name(VpnConnection)
            "Target: a site-to-site VPN connection on the table's gateway.",
        dx_gateway: name(DxGateway)
            "Target: a Direct Connect gateway associated with the table's gateway (its premises).",
        blackhole: bool = "false" "Drop the traffic instead (no target).",
    }
}

pub(crate) const SCHEMA: KindSchema = KindSchema {
    kind: Kind::TransitGatewayRouteTable,
    doc: "A route table of a transit gateway: the attachments associated with it are routed by it (an attachment by one table; one the gateway's default table would take otherwise), and it holds the blocks the attachments it lists under propagations bring in (a VPC's blocks, a VPN's site networks) and its static routes. For a given destination the longest match wins, then a static route over a propagated one, a VPC's over a VPN's. Every list changes in place; its gateway only by replacement.",
    id_prefix: "tgw-rtb",
    attributes: ATTRIBUTES,
    computed: &[],
};

/// Where a static route sends its destination.
#[derive(Debug, Clone, PartialEq)]
pub enum TransitRouteTargetSpec {
    Attachment(Sp<String>),
    VpnConnection(Sp<String>),
    DxGateway(Sp<String>),
    /// `blackhole: true`, where it is written.
    Blackhole(Span),
}

#[derive(Debug, Clone, PartialEq)]
pub struct TransitRouteSpec {
    /// The whole route entry.
    pub span: Span,
    pub destination: Sp<String>,
    /// Every target written; exactly one is valid (checked by TW008).
    pub targets: Vec<TransitRouteTargetSpec>,
}

declaration! {
    /// A transit gateway route table (see `SCHEMA`).
    TransitGatewayRouteTableSpec {
        transit_gateway: req_name(TransitGateway) force_new "The transit gateway.",
        associations: names(TransitGatewayAttachment)
            "Attachments routed by it (each by one table only).",
        vpn_associations: names(VpnConnection)
            "VPN connections on the gateway routed by it (each by one table only).",
        propagations: names(TransitGatewayAttachment)
            "Attachments whose VPC blocks it takes in.",
        vpn_propagations: names(VpnConnection)
            "VPN connections whose site networks it takes in.",
        dx_associations: names(DxGateway)
            "Direct Connect gateways associated with the table's gateway whose traffic it routes (each by one table only).",
        dx_propagations: names(DxGateway)
            "Direct Connect gateways whose `networks` (what the premises advertise over them) it takes in.",
        routes: blocks(transit_route: TransitRouteSpec, TRANSIT_ROUTE)
            "Static routes, each with a destination and exactly one of `attachment`, `vpn_connection`, `dx_gateway`, `blackhole: true`.",
    }
}

/// A route entry with its targets gathered (TW008 checks that there is
/// exactly one).
fn targets(_: &mut Decoder, _: &Fields, entry: TransitRouteEntry) -> Option<TransitRouteSpec> {
    let TransitRouteEntry {
        span,
        destination,
        attachment,
        vpn_connection,
        dx_gateway,
        blackhole,
    } = entry;
    let blackhole = blackhole
        .filter(|b| b.value)
        .map(|b| TransitRouteTargetSpec::Blackhole(b.span));
    let targets = (attachment
        .map(TransitRouteTargetSpec::Attachment)
        .into_iter())
    .chain(vpn_connection.map(TransitRouteTargetSpec::VpnConnection))
    .chain(dx_gateway.map(TransitRouteTargetSpec::DxGateway))
    .chain(blackhole)
    .collect();
    Some(TransitRouteSpec {
        span,
        destination,
        targets,
    })
}
