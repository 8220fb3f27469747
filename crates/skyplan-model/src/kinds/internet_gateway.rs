//! `internet_gateway`: the resolved kind, its resolver and its graph edges.

use super::prelude::*;

#[derive(Clone, Debug, PartialEq)]
pub struct InternetGateway {
    pub common: Common,
    pub vpc: Ref<Vpc>,
}

impl Resolver<'_> {
    pub(crate) fn internet_gateways(
        &mut self,
        m: &mut Model,
        decls: Vec<Decl<InternetGatewaySpec>>,
    ) {
        for d in decls {
            let Some(a) = d.attrs else { continue };
            let common = self.common(Kind::InternetGateway, d.name, &d.tags);
            let Some(vpc) = self.lookup::<Vpc>(&a.vpc, "vpc", &common.address) else {
                continue;
            };
            self.register(Kind::InternetGateway, &common, m.internet_gateways.len());
            m.internet_gateways.push(InternetGateway { common, vpc });
        }
    }
}

takes_nothing!(InternetGateway);

/// Its references, one edge each.
pub(crate) fn edges(m: &Model, g: &mut DependencyGraph) {
    for (i, r) in m.internet_gateways.iter().enumerate() {
        depends(g, node(Kind::InternetGateway, i), r.vpc, "vpc");
    }
}
