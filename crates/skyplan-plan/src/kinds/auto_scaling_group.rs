//! `auto_scaling_group`: what the plan wants of it and what it knows before apply.

use super::prelude::*;

impl PlanKind for attrs::AutoScalingGroup {
    type Node = model::AutoScalingGroup;

    fn desired(b: &mut Builder, id: Id<model::AutoScalingGroup>) -> (Address, Self) {
        let m = b.m;
        let r = &m.auto_scaling_groups[id];
        let template = &m.launch_templates[r.launch_template.id].common.name;
        let a = attrs::AutoScalingGroup {
            desired: r.desired(),
            instances: Vec::new(),
            launch_template: b.reference(declared(Kind::LaunchTemplate, template)),
            max: r.max.value,
            min: r.min.value,
            subnets: b.subnets(&r.subnets),
            tags: r.common.tags.clone(),
            target_groups: r
                .target_groups
                .iter()
                .map(|t| {
                    b.reference(declared(
                        Kind::TargetGroup,
                        &m.target_groups[t.id].common.name,
                    ))
                })
                .collect(),
        };
        (declared(Kind::AutoScalingGroup, &r.common.name), a)
    }

    fn unknown_after(&self, names: &mut Vec<&'static str>) {
        if self.desired > 0 {
            names.push("instances");
        }
    }

    fn conflicts(&self, _: &Self) -> bool {
        // Names are unique per region and account: the old one goes first.
        true
    }
}
