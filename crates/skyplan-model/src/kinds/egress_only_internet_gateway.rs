//! `egress_only_internet_gateway`: the resolved kind, its resolver and its graph edges.

use super::prelude::*;

/// An egress-only internet gateway.
#[derive(Clone, Debug, PartialEq)]
pub struct EgressOnlyInternetGateway {
    pub common: Common,
    pub vpc: Ref<Vpc>,
}

impl Resolver<'_> {
    pub(crate) fn egress_only_internet_gateways(
        &mut self,
        m: &mut Model,
        decls: Vec<Decl<EgressOnlyInternetGatewaySpec>>,
    ) {
        for d in decls {
            let Some(a) = d.attrs else { continue };
            let common = self.common(Kind::EgressOnlyInternetGateway, d.name, &d.tags);
            let Some(vpc) = self.lookup::<Vpc>(&a.vpc, "vpc", &common.address) else {
                continue;
            };
            let id = m.egress_only_internet_gateways.len();
            self.register(Kind::EgressOnlyInternetGateway, &common, id);
            m.egress_only_internet_gateways
                .push(EgressOnlyInternetGateway { common, vpc });
        }
    }
}

takes_nothing!(EgressOnlyInternetGateway);

/// Its references, one edge each.
pub(crate) fn edges(m: &Model, g: &mut DependencyGraph) {
    for (i, r) in m.egress_only_internet_gateways.iter().enumerate() {
        depends(g, node(Kind::EgressOnlyInternetGateway, i), r.vpc, "vpc");
    }
}
