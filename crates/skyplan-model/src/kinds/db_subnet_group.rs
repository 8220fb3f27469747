//! `db_subnet_group`: the resolved kind, its resolver and its graph edges.

use super::prelude::*;

/// A DB subnet group.
#[derive(Clone, Debug, PartialEq)]
pub struct DbSubnetGroup {
    pub common: Common,
    /// Where the list is written.
    pub subnets_span: Span,
    pub subnets: Vec<Ref<Subnet>>,
    /// As written, else the kind table's default.
    pub description: String,
}

impl Resolver<'_> {
    pub(crate) fn db_subnet_groups(&mut self, m: &mut Model, decls: Vec<Decl<DbSubnetGroupSpec>>) {
        for d in decls {
            let Some(a) = d.attrs else { continue };
            let common = self.common(Kind::DbSubnetGroup, d.name, &d.tags);
            let subnets = self.lookup_all(&a.subnets.value, "subnets", &common.address);
            // A group without one of its subnets would be judged on the
            // rest (its AZs, its VPC): dropped, like any broken reference.
            if subnets.len() != a.subnets.value.len() {
                continue;
            }
            let description = a.description.map_or_else(
                || {
                    let default = Kind::DbSubnetGroup.schema().default_of("description");
                    default.unwrap_or_default().to_string()
                },
                |d| d.value,
            );
            let id = m.db_subnet_groups.len();
            self.register(Kind::DbSubnetGroup, &common, id);
            m.db_subnet_groups.push(DbSubnetGroup {
                common,
                subnets_span: a.subnets.span,
                subnets,
                description,
            });
        }
    }
}

takes_nothing!(DbSubnetGroup);

/// Its references, one edge each.
pub(crate) fn edges(m: &Model, g: &mut DependencyGraph) {
    for (i, r) in m.db_subnet_groups.iter().enumerate() {
        for s in &r.subnets {
            depends(g, node(Kind::DbSubnetGroup, i), *s, "subnets");
        }
    }
}
