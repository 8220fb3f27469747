//! `default_security_group`: the resolved kind, its resolver and its graph edges.

use super::prelude::*;

/// A VPC's default security group, taken over: `group` holds its address
/// (`default_security_group.VPC`) and its rules (`egress` always written).
#[derive(Clone, Debug, PartialEq)]
pub struct DefaultSecurityGroup {
    pub group: SecurityGroup,
}

/// Its references, one edge each.
pub(crate) fn edges(m: &Model, g: &mut DependencyGraph) {
    for (i, r) in m.default_security_groups.iter().enumerate() {
        let me = node(Kind::DefaultSecurityGroup, i);
        depends(g, me, r.group.vpc, "vpc");
        rule_edges(g, me, &r.group);
    }
}
