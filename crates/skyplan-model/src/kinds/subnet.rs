//! `subnet`: the resolved kind, its resolver and its graph edges.

use super::prelude::*;

#[derive(Clone, Debug, PartialEq)]
pub struct Subnet {
    pub common: Common,
    pub vpc: Ref<Vpc>,
    pub cidr: Cidr4,
    pub az: Sp<String>,
    pub public_ip_on_launch: bool,
    pub ipv6_index: Option<Sp<u8>>,
    pub ipv6_cidr: Option<Cidr6>,
    pub assign_ipv6_on_creation: Option<Sp<bool>>,
}

impl Subnet {
    /// Whether it asks for an IPv6 block.
    pub fn wants_ipv6(&self) -> bool {
        self.ipv6_index.is_some() || self.ipv6_cidr.is_some()
    }
}

impl Resolver<'_> {
    pub(crate) fn subnets(&mut self, m: &mut Model, decls: Vec<Decl<SubnetSpec>>) {
        for d in decls {
            let Some(a) = d.attrs else { continue };
            let common = self.common(Kind::Subnet, d.name, &d.tags);
            let Some(vpc) = self.lookup::<Vpc>(&a.vpc, "vpc", &common.address) else {
                continue;
            };
            self.register(Kind::Subnet, &common, m.subnets.len());
            m.subnets.push(Subnet {
                common,
                vpc,
                cidr: cidr4(a.cidr),
                az: a.az,
                public_ip_on_launch: Kind::Subnet
                    .schema()
                    .or_default(a.public_ip_on_launch.as_ref(), "public_ip_on_launch"),
                ipv6_index: a
                    .ipv6_index
                    .and_then(|i| Some(Sp::new(u8::try_from(i.value).ok()?, i.span))),
                ipv6_cidr: a.ipv6_cidr.map(cidr6),
                assign_ipv6_on_creation: a.assign_ipv6_on_creation,
            });
        }
    }
}

takes_nothing!(Subnet);

/// Its references, one edge each.
pub(crate) fn edges(m: &Model, g: &mut DependencyGraph) {
    for (i, r) in m.subnets.iter().enumerate() {
        depends(g, node(Kind::Subnet, i), r.vpc, "vpc");
    }
}
