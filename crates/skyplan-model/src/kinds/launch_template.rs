//! `launch_template`: the resolved kind, its resolver and its graph edges.

use super::prelude::*;

/// A launch template: an instance's settings, for auto scaling groups.
#[derive(Clone, Debug, PartialEq)]
pub struct LaunchTemplate {
    pub common: Common,
    pub ami: Sp<String>,
    pub instance_type: Sp<String>,
    pub security_groups: Vec<Ref<SecurityGroup>>,
    pub key_name: Option<Sp<String>>,
    pub user_data: Option<Sp<String>>,
    pub metadata: Option<MetadataSpec>,
    pub root_volume: Option<RootVolumeSpec>,
    pub iam_instance_profile: Option<Sp<String>>,
}

impl Resolver<'_> {
    pub(crate) fn launch_templates(&mut self, m: &mut Model, decls: Vec<Decl<LaunchTemplateSpec>>) {
        for d in decls {
            let Some(a) = d.attrs else { continue };
            let common = self.common(Kind::LaunchTemplate, d.name, &d.tags);
            let from = common.address.clone();
            let groups =
                self.lookup_all::<SecurityGroup>(&a.security_groups, "security_groups", &from);
            if groups.len() != a.security_groups.len() {
                continue;
            }
            self.register(Kind::LaunchTemplate, &common, m.launch_templates.len());
            m.launch_templates.push(LaunchTemplate {
                common,
                ami: a.ami,
                instance_type: a.instance_type,
                security_groups: groups,
                key_name: a.key_name,
                user_data: a.user_data,
                metadata: a.metadata,
                root_volume: a.root_volume,
                iam_instance_profile: a.iam_instance_profile,
            });
        }
    }
}

takes_nothing!(LaunchTemplate);

/// Its references, one edge each.
pub(crate) fn edges(m: &Model, g: &mut DependencyGraph) {
    for (i, r) in m.launch_templates.iter().enumerate() {
        for sg in &r.security_groups {
            depends(g, node(Kind::LaunchTemplate, i), *sg, "security_groups");
        }
    }
}
