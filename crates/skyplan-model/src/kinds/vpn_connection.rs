//! `vpn_connection`: the resolved kind, its resolver and its graph edges.

use super::prelude::*;

/// Where a VPN connection ends on the AWS side.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum VpnEnd {
    VpnGateway(Ref<VpnGateway>),
    TransitGateway(Ref<TransitGateway>),
}

/// A site-to-site VPN connection.
#[derive(Clone, Debug, PartialEq)]
pub struct VpnConnection {
    pub common: Common,
    pub customer_gateway: Ref<CustomerGateway>,
    /// Exactly one when it resolved (VG005 reports any other count, and
    /// the connection is then dropped).
    pub end: VpnEnd,
    pub static_routes_only: bool,
    pub static_routes: Vec<CidrAny>,
    pub tunnel_inside_cidrs: Vec<CidrAny>,
}

impl Resolver<'_> {
    pub(crate) fn vpn_connections(&mut self, m: &mut Model, decls: Vec<Decl<VpnConnectionSpec>>) {
        let schema = Kind::VpnConnection.schema();
        for d in decls {
            let Some(a) = d.attrs else { continue };
            let common = self.common(Kind::VpnConnection, d.name, &d.tags);
            let from = common.address.clone();
            let customer =
                self.lookup::<CustomerGateway>(&a.customer_gateway, "customer_gateway", &from);
            let vgw = (a.vpn_gateway.as_ref())
                .map(|n| self.lookup::<VpnGateway>(n, "vpn_gateway", &from));
            let tgw = (a.transit_gateway.as_ref())
                .map(|n| self.lookup::<TransitGateway>(n, "transit_gateway", &from));
            let end = match (vgw, tgw) {
                (Some(Some(g)), None) => Some(VpnEnd::VpnGateway(g)),
                (None, Some(Some(g))) => Some(VpnEnd::TransitGateway(g)),
                (None, None) | (Some(_), Some(_)) => {
                    self.diagnostics.push(
                        Diagnostic::new(
                            Rule::VpnConnectionEnd,
                            format!(
                                "{from} needs exactly one of `vpn_gateway` and `transit_gateway`"
                            ),
                        )
                        .detail("AWS refuses it: a VPN connection ends on one gateway")
                        .resource(from.clone())
                        .at(common.name.span, "one AWS end")
                        .help("keep `vpn_gateway: NAME` or `transit_gateway: NAME`"),
                    );
                    None
                }
                // A reference that did not resolve was reported there.
                (Some(None), None) | (None, Some(None)) => None,
            };
            let (Some(customer_gateway), Some(end)) = (customer, end) else {
                continue;
            };
            self.register(Kind::VpnConnection, &common, m.vpn_connections.len());
            m.vpn_connections.push(VpnConnection {
                common,
                customer_gateway,
                end,
                static_routes_only: schema
                    .or_default(a.static_routes_only.as_ref(), "static_routes_only"),
                static_routes: a.static_routes.into_iter().map(cidr_any).collect(),
                tunnel_inside_cidrs: a.tunnel_inside_cidrs.into_iter().map(cidr_any).collect(),
            });
        }
    }
}

impl Model {
    /// The blocks a VPN gateway's connections bring into a table that
    /// propagates it: each static connection's static routes, and each BGP
    /// connection's site networks (what the site advertises).
    pub fn propagated_ipv4_blocks(&self, gateway: Id<VpnGateway>) -> Vec<Ipv4Net> {
        let vpns = (self.vpn_connections.iter())
            .filter(|v| matches!(v.end, VpnEnd::VpnGateway(g) if g.id == gateway))
            .flat_map(|v| self.vpn_ipv4_blocks(v));
        // What the premises advertise over a Direct Connect gateway
        // associated with it propagates too.
        let direct_connect = (self.dx_gateways.iter())
            .filter(|x| {
                (x.associations.iter()).any(
                    |a| matches!(a.gateway(), Some(DxAssociated::VpnGateway(g)) if g.id == gateway),
                )
            })
            .flat_map(|x| &x.networks)
            .filter_map(|c| match c.ok() {
                Some(IpNet::V4(n)) => Some(n),
                Some(IpNet::V6(_)) | None => None,
            });
        vpns.chain(direct_connect).collect()
    }

    /// The IPv4 blocks a VPN connection brings to its AWS end: its static
    /// routes when static, else its site's networks (what BGP advertises).
    pub fn vpn_ipv4_blocks<'m>(
        &'m self,
        v: &'m VpnConnection,
    ) -> impl Iterator<Item = Ipv4Net> + 'm {
        let blocks = if v.static_routes_only {
            &v.static_routes
        } else {
            &self.customer_gateways[v.customer_gateway.id].networks
        };
        blocks.iter().filter_map(|c| match c.ok() {
            Some(IpNet::V4(n)) => Some(n),
            Some(IpNet::V6(_)) | None => None,
        })
    }
}

takes_nothing!(VpnConnection);

/// Its references, one edge each.
pub(crate) fn edges(m: &Model, g: &mut DependencyGraph) {
    for (i, r) in m.vpn_connections.iter().enumerate() {
        let me = node(Kind::VpnConnection, i);
        depends(g, me, r.customer_gateway, "customer_gateway");
        match r.end {
            VpnEnd::VpnGateway(v) => depends(g, me, v, "vpn_gateway"),
            VpnEnd::TransitGateway(t) => depends(g, me, t, "transit_gateway"),
        }
    }
}
