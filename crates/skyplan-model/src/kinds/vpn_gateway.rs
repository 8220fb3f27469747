//! `vpn_gateway`: the resolved kind, its resolver and its graph edges.

use super::prelude::*;

/// A virtual private gateway attached to a VPC.
#[derive(Clone, Debug, PartialEq)]
pub struct VpnGateway {
    pub common: Common,
    pub vpc: Ref<Vpc>,
    /// As written (checked by VG003); [`VpnGateway::asn`] is the one it
    /// gets.
    pub amazon_side_asn: Option<Sp<u64>>,
}

impl VpnGateway {
    /// Its Amazon-side ASN: as written, else AWS's default.
    pub fn asn(&self) -> u64 {
        Kind::VpnGateway
            .schema()
            .or_default(self.amazon_side_asn.as_ref(), "amazon_side_asn")
    }
}

impl Resolver<'_> {
    pub(crate) fn vpn_gateways(&mut self, m: &mut Model, decls: Vec<Decl<VpnGatewaySpec>>) {
        for d in decls {
            let Some(a) = d.attrs else { continue };
            let common = self.common(Kind::VpnGateway, d.name, &d.tags);
            let Some(vpc) = self.lookup::<Vpc>(&a.vpc, "vpc", &common.address) else {
                continue;
            };
            self.register(Kind::VpnGateway, &common, m.vpn_gateways.len());
            m.vpn_gateways.push(VpnGateway {
                common,
                vpc,
                amazon_side_asn: a.amazon_side_asn,
            });
        }
    }
}

takes_nothing!(VpnGateway);

/// Its references, one edge each.
pub(crate) fn edges(m: &Model, g: &mut DependencyGraph) {
    for (i, r) in m.vpn_gateways.iter().enumerate() {
        depends(g, node(Kind::VpnGateway, i), r.vpc, "vpc");
    }
}
