//! `target_group`: what the plan wants of it and what it knows before apply.

use super::prelude::*;

impl PlanKind for attrs::TargetGroup {
    type Node = model::TargetGroup;

    fn desired(b: &mut Builder, id: Id<model::TargetGroup>) -> (Address, Self) {
        let m = b.m;
        let r = &m.target_groups[id];
        let text = |s: &Option<Sp<String>>| s.as_ref().map(|s| s.value.clone());
        let a = attrs::TargetGroup {
            health_check: r.health_check.as_ref().map(|h| attrs::HealthCheck {
                path: text(&h.path),
                port: text(&h.port).unwrap_or_else(|| {
                    let default = skyplan_spec::schema::default_in(HEALTH_CHECK, "port");
                    default.unwrap_or_default().to_string()
                }),
                protocol: text(&h.protocol).unwrap_or_else(|| r.protocol.value.clone()),
            }),
            port: r.port.value,
            protocol: r.protocol.value.clone(),
            tags: r.common.tags.clone(),
            target_type: text(&r.target_type)
                .unwrap_or_else(|| default_of(Kind::TargetGroup, "target_type")),
            targets: r.targets.iter().map(|t| b.instance(*t)).collect(),
            vpc: b.vpc(r.vpc),
        };
        (declared(Kind::TargetGroup, &r.common.name), a)
    }

    /// AWS computes nothing for it but its id.
    fn unknown_after(&self, _: &mut Vec<&'static str>) {}

    fn conflicts(&self, _: &Self) -> bool {
        // Names are unique per region and account: the old one goes first.
        true
    }

    fn create(&mut self, sim: &mut Simulator, new: &mut New) -> Result<Vec<Address>, ApplyError> {
        let name = &new.address.name;
        let region = sim.region_of_vpc(&self.vpc);
        new.id = format!(
            "arn:{}:elasticloadbalancing:{region}:{ACCOUNT}:targetgroup/{name}/{}",
            partition::of(&region),
            &new.digest[..16]
        );
        Ok(vec![])
    }

    updates_configuration_only!();
}
