//! `launch_template`: what the plan wants of it and what it knows before apply.

use super::prelude::*;

impl PlanKind for attrs::LaunchTemplate {
    type Node = model::LaunchTemplate;

    fn desired(b: &mut Builder, id: Id<model::LaunchTemplate>) -> (Address, Self) {
        let m = b.m;
        let r = &m.launch_templates[id];
        let a = attrs::LaunchTemplate {
            ami: r.ami.value.clone(),
            iam_instance_profile: r.iam_instance_profile.as_ref().map(|p| p.value.clone()),
            key_name: r.key_name.as_ref().map(|k| k.value.clone()),
            metadata: metadata(r.metadata.as_ref()),
            root_volume: r.root_volume.as_ref().map(root_volume),
            security_groups: r
                .security_groups
                .iter()
                .map(|g| b.security_group(*g))
                .collect(),
            tags: r.common.tags.clone(),
            instance_type: r.instance_type.value.clone(),
            user_data: r.user_data.as_ref().map(|u| u.value.clone()),
        };
        (declared(Kind::LaunchTemplate, &r.common.name), a)
    }

    fn conflicts(&self, _: &Self) -> bool {
        // Names are unique per region and account: the old one goes first.
        true
    }

    computes_nothing!();
}
