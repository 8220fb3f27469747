//! `security_group`: what the plan wants of it and what it knows before apply.

use super::prelude::*;

impl PlanKind for attrs::SecurityGroup {
    type Node = model::SecurityGroup;

    fn desired(b: &mut Builder, id: Id<model::SecurityGroup>) -> (Address, Self) {
        let m = b.m;
        let r = &m.security_groups[id];
        let vpc = b.vpc(r.vpc);
        let own = Some(id);
        let ingress = r
            .ingress
            .iter()
            .flat_map(|x| b.sg_rule(x, own).each_block())
            .collect();
        let egress = match &r.egress {
            // AWS's default outbound rule.
            None => vec![attrs::SgRule {
                cidr: Some("0.0.0.0/0".into()),
                cidrs: None,
                description: None,
                icmp_code: None,
                icmp_type: None,
                ports: None,
                prefix_list: None,
                protocol: Protocol::All.canonical(),
                security_group: None,
                self_: false,
            }],
            Some(rules) => rules
                .iter()
                .flat_map(|x| b.sg_rule(x, own).each_block())
                .collect(),
        };
        let a = attrs::SecurityGroup {
            description: r.description_text().to_string(),
            egress,
            ingress,
            tags: r.common.tags.clone(),
            vpc,
        };
        (declared(Kind::SecurityGroup, &r.common.name), a)
    }

    fn conflicts(&self, _: &Self) -> bool {
        // skyplan gives each group object a name of its own, as Terraform
        // does without `name`: the new group is created, its users moved to
        // it, then the old one deleted (AWS refuses to delete a group in use).
        false
    }

    computes_nothing!();
}
