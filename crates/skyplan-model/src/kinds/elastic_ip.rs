//! `elastic_ip`: the resolved kind, its resolver and its graph edges.

use super::prelude::*;

#[derive(Clone, Debug, PartialEq)]
pub struct ElasticIp {
    pub common: Common,
}

impl Resolver<'_> {
    pub(crate) fn elastic_ips(&mut self, m: &mut Model, decls: Vec<Decl<ElasticIpSpec>>) {
        for d in decls {
            if d.attrs.is_none() {
                continue;
            }
            let common = self.common(Kind::ElasticIp, d.name, &d.tags);
            self.register(Kind::ElasticIp, &common, m.elastic_ips.len());
            m.elastic_ips.push(ElasticIp { common });
        }
    }
}

/// Its public address, allocated when it is.
pub(crate) fn takes(_: &Model, id: ElasticIpId) -> Takes {
    Takes::PublicAddress(id)
}

/// It names nothing.
pub(crate) fn edges(_: &Model, _: &mut DependencyGraph) {}
