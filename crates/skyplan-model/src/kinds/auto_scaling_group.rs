//! `auto_scaling_group`: the resolved kind, its resolver and its graph edges.

use super::prelude::*;

/// An auto scaling group.
#[derive(Clone, Debug, PartialEq)]
pub struct AutoScalingGroup {
    pub common: Common,
    pub launch_template: Ref<LaunchTemplate>,
    pub subnets: Vec<Ref<Subnet>>,
    /// The `subnets` list.
    pub subnets_span: Span,
    pub min: Sp<i64>,
    pub max: Sp<i64>,
    pub desired: Option<Sp<i64>>,
    pub target_groups: Vec<Ref<TargetGroup>>,
}

impl AutoScalingGroup {
    /// How many instances run: `desired`, else `min`.
    pub fn desired(&self) -> i64 {
        self.desired.as_ref().map_or(self.min.value, |d| d.value)
    }

    /// The subnet of each of `n` instances, spread evenly over the subnets
    /// in the order written (AWS balances over AZs; a group has one subnet
    /// per AZ).
    pub fn placement(&self, n: usize) -> Vec<SubnetId> {
        if self.subnets.is_empty() {
            return Vec::new();
        }
        (0..n)
            .map(|i| self.subnets[i % self.subnets.len()].id)
            .collect()
    }
}

impl Resolver<'_> {
    pub(crate) fn auto_scaling_groups(
        &mut self,
        m: &mut Model,
        decls: Vec<Decl<AutoScalingGroupSpec>>,
    ) {
        for d in decls {
            let Some(a) = d.attrs else { continue };
            let common = self.common(Kind::AutoScalingGroup, d.name, &d.tags);
            let from = common.address.clone();
            let template =
                self.lookup::<LaunchTemplate>(&a.launch_template, "launch_template", &from);
            let subnets = self.lookup_all::<Subnet>(&a.subnets.value, "subnets", &from);
            let target_groups =
                self.lookup_all::<TargetGroup>(&a.target_groups, "target_groups", &from);
            let resolved = subnets.len() == a.subnets.value.len()
                && target_groups.len() == a.target_groups.len();
            let Some(launch_template) = template.filter(|_| resolved) else {
                continue;
            };
            self.register(Kind::AutoScalingGroup, &common, m.auto_scaling_groups.len());
            m.auto_scaling_groups.push(AutoScalingGroup {
                common,
                launch_template,
                subnets,
                subnets_span: a.subnets.span,
                min: a.min,
                max: a.max,
                desired: a.desired,
                target_groups,
            });
        }
    }
}

/// Its `desired` instances, spread over its subnets as apply spreads them.
pub(crate) fn takes(m: &Model, id: AutoScalingGroupId) -> Takes {
    let g = &m.auto_scaling_groups[id];
    let n = usize::try_from(g.desired()).unwrap_or(0);
    Takes::Interfaces(
        g.placement(n)
            .into_iter()
            .enumerate()
            .map(|(k, subnet)| Interface {
                subnet,
                fixed: None,
                host: Some(HostId::Scaled(id, k as u32)),
                public: PublicAddress::None,
            })
            .collect(),
    )
}

/// Its references, one edge each.
pub(crate) fn edges(m: &Model, g: &mut DependencyGraph) {
    for (i, r) in m.auto_scaling_groups.iter().enumerate() {
        let me = node(Kind::AutoScalingGroup, i);
        depends(g, me, r.launch_template, "launch_template");
        for s in &r.subnets {
            depends(g, me, *s, "subnets");
        }
        for t in &r.target_groups {
            depends(g, me, *t, "target_groups");
        }
    }
}
