//! `nat_gateway`: the resolved kind, its resolver and its graph edges.

use super::prelude::*;

#[derive(Clone, Debug, PartialEq)]
pub struct NatGateway {
    pub common: Common,
    pub subnet: Ref<Subnet>,
    pub elastic_ip: Option<Ref<ElasticIp>>,
    /// `connectivity: public` (the default) or `private`.
    pub public: bool,
    pub connectivity: Option<Sp<NatConnectivity>>,
}

impl Resolver<'_> {
    pub(crate) fn nat_gateways(&mut self, m: &mut Model, decls: Vec<Decl<NatGatewaySpec>>) {
        for d in decls {
            let Some(a) = d.attrs else { continue };
            let common = self.common(Kind::NatGateway, d.name, &d.tags);
            let subnet = self.lookup::<Subnet>(&a.subnet, "subnet", &common.address);
            let elastic_ip = a
                .elastic_ip
                .as_ref()
                .and_then(|e| self.lookup::<ElasticIp>(e, "elastic_ip", &common.address));
            let Some(subnet) = subnet else { continue };
            self.register(Kind::NatGateway, &common, m.nat_gateways.len());
            m.nat_gateways.push(NatGateway {
                common,
                subnet,
                elastic_ip,
                public: word_or_default_in(
                    Kind::NatGateway.schema().attributes,
                    a.connectivity.as_ref(),
                    "connectivity",
                ) == NatConnectivity::Public,
                connectivity: a.connectivity,
            });
        }
    }
}

/// An interface in its subnet (its public address is its elastic IP's).
pub(crate) fn takes(m: &Model, id: NatGatewayId) -> Takes {
    Takes::Interfaces(vec![Interface {
        subnet: m.nat_gateways[id].subnet.id,
        fixed: None,
        host: None,
        public: PublicAddress::None,
    }])
}

/// Its references, one edge each.
pub(crate) fn edges(m: &Model, g: &mut DependencyGraph) {
    for (i, r) in m.nat_gateways.iter().enumerate() {
        let me = node(Kind::NatGateway, i);
        depends(g, me, r.subnet, "subnet");
        if let Some(e) = r.elastic_ip {
            depends(g, me, e, "elastic_ip");
        }
    }
}
