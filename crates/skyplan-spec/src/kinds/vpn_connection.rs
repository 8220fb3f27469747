//! `vpn_connection`: its kind-table entry (`SCHEMA`), its declaration and their decoder.

use super::prelude::*;

pub(crate) const SCHEMA: KindSchema = KindSchema {
    kind: Kind::VpnConnection,
    doc: "A site-to-site VPN connection: two IPsec tunnels between a customer gateway and a virtual private gateway or a transit gateway (exactly one). Its ends and routing mode are fixed; its static routes and tunnel options change in place. `reach` follows paths from its customer gateway's site (`customer_gateway.NAME`) over it.",
    id_prefix: "vpn",
    attributes: ATTRIBUTES,
    computed: &[],
};

declaration! {
    /// A site-to-site VPN connection (see `SCHEMA`).
    VpnConnectionSpec {
        customer_gateway: req_name(CustomerGateway) force_new "The site's customer gateway.",
        vpn_gateway: name(VpnGateway) force_new
            "The AWS end: a VPC's virtual private gateway (or give `transit_gateway`).",
        transit_gateway: name(TransitGateway) force_new
            "The AWS end: a transit gateway (or give `vpn_gateway`).",
        static_routes_only: bool force_new = "false"
            "Static routing instead of BGP (for devices without BGP).",
        static_routes: list(CidrList)
            "With `static_routes_only` to a virtual private gateway: the site's blocks AWS routes into the tunnels.",
        tunnel_inside_cidrs: list(CidrList)
            "Each tunnel's inside block, at most two: a /30 in 169.254.0.0/16 (AWS picks them when absent).",
    }
}
