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

    fn create(&mut self, sim: &mut Simulator, new: &mut New) -> Result<Vec<Address>, ApplyError> {
        let name = &new.address.name;
        let region = sim.region_of_subnets(&self.subnets);
        let uuid = format!(
            "{}-{}-{}-{}-{}",
            &new.digest[..8],
            &new.digest[8..12],
            &new.digest[12..16],
            &new.digest[16..20],
            &new.digest[20..32]
        );
        new.id = format!(
            "arn:{}:autoscaling:{region}:{ACCOUNT}:autoScalingGroup:{uuid}:autoScalingGroupName/{name}",
            partition::of(&region)
        );
        sim.scale(self, Vec::new(), new.address, new.digest)?;
        Ok(self.subnets.clone())
    }

    fn update(
        &mut self,
        sim: &mut Simulator,
        old: &ResourceState,
        address: &Address,
    ) -> Result<Follow, ApplyError> {
        let kept = std::mem::take(&mut self.instances);
        let subnets: Vec<Address> = kept.iter().map(|i| i.subnet.clone()).collect();
        let digest = object_digest(&sim.state.lineage, address, &old.id);
        sim.scale(self, kept, address, &digest)?;
        for subnet in subnets.iter().chain(&self.subnets) {
            sim.refresh_subnet(subnet);
        }
        Ok(None)
    }
}
