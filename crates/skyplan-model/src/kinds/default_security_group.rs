//! `default_security_group`: the resolved kind, its resolver and its graph edges.

use super::prelude::*;

/// A VPC's default security group, taken over: `group` holds its address
/// (`default_security_group.VPC`) and its rules (`egress` always written).
#[derive(Clone, Debug, PartialEq)]
pub struct DefaultSecurityGroup {
    pub group: SecurityGroup,
}

impl Resolver<'_> {
    /// The groups the VPCs take over, once every group is known.
    pub(crate) fn default_security_groups(&mut self, m: &mut Model) {
        let kind = Kind::DefaultSecurityGroup;
        let taken = self.taken_over(m, kind, |d| {
            d.security_group.take().map(|g| {
                let key = g.span;
                (g, key)
            })
        });
        for (vpc, common, g) in taken {
            let from = common.address.clone();
            let mut rules = |list: Vec<SgRuleSpec>| -> Vec<SgRule> {
                list.into_iter().map(|r| self.sg_rule(r, &from)).collect()
            };
            let (ingress, egress) = (rules(g.ingress), rules(g.egress));
            self.register(kind, &common, m.default_security_groups.len());
            m.default_security_groups.push(DefaultSecurityGroup {
                group: SecurityGroup {
                    common,
                    vpc,
                    description: None,
                    ingress,
                    egress: Some(egress),
                },
            });
        }
    }
}

takes_nothing!(DefaultSecurityGroup);

/// Its references, one edge each.
pub(crate) fn edges(m: &Model, g: &mut DependencyGraph) {
    for (i, r) in m.default_security_groups.iter().enumerate() {
        let me = node(Kind::DefaultSecurityGroup, i);
        depends(g, me, r.group.vpc, "vpc");
        rule_edges(g, me, &r.group);
    }
}
