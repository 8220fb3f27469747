//! `network_acl`: the resolved kind, its resolver and its graph edges.

use super::prelude::*;

#[derive(Clone, Debug, PartialEq)]
pub struct NaclEntry {
    pub span: Span,
    pub rule: Sp<i64>,
    pub allow: bool,
    pub protocol: Sp<String>,
    pub ports: Option<Sp<String>>,
    /// `protocol` and `ports`, parsed.
    pub traffic: ParsedTraffic,
    pub icmp_type: Option<Sp<i64>>,
    pub icmp_code: Option<Sp<i64>>,
    pub cidr: CidrAny,
}

#[derive(Clone, Debug, PartialEq)]
pub struct NetworkAcl {
    pub common: Common,
    pub vpc: Ref<Vpc>,
    pub subnets: Vec<Ref<Subnet>>,
    pub ingress: Vec<NaclEntry>,
    pub egress: Vec<NaclEntry>,
}

pub(crate) fn nacl_entry(e: NaclEntrySpec) -> NaclEntry {
    NaclEntry {
        span: e.span,
        rule: e.rule,
        allow: e.action.value == "allow",
        traffic: ParsedTraffic::parse(&e.protocol.value, e.ports.as_ref().map(|p| p.as_str())),
        protocol: e.protocol,
        ports: e.ports,
        icmp_type: e.icmp_type,
        icmp_code: e.icmp_code,
        cidr: cidr_any(e.cidr),
    }
}

impl Resolver<'_> {
    pub(crate) fn network_acls(&mut self, m: &mut Model, decls: Vec<Decl<NetworkAclSpec>>) {
        for d in decls {
            let Some(a) = d.attrs else { continue };
            let common = self.common(Kind::NetworkAcl, d.name, &d.tags);
            let from = common.address.clone();
            let vpc = self.lookup::<Vpc>(&a.vpc, "vpc", &from);
            let subnets = self.lookup_all::<Subnet>(&a.subnets, "subnets", &from);
            let Some(vpc) = vpc.filter(|_| subnets.len() == a.subnets.len()) else {
                continue;
            };
            self.register(Kind::NetworkAcl, &common, m.network_acls.len());
            m.network_acls.push(NetworkAcl {
                common,
                vpc,
                subnets,
                ingress: a.ingress.into_iter().map(nacl_entry).collect(),
                egress: a.egress.into_iter().map(nacl_entry).collect(),
            });
        }
    }
}

takes_nothing!(NetworkAcl);

/// Its references, one edge each.
pub(crate) fn edges(m: &Model, g: &mut DependencyGraph) {
    for (i, r) in m.network_acls.iter().enumerate() {
        let me = node(Kind::NetworkAcl, i);
        depends(g, me, r.vpc, "vpc");
        for s in &r.subnets {
            depends(g, me, *s, "subnets");
        }
    }
}
