//! `target_group`: the resolved kind, its resolver and its graph edges.

use std::collections::HashMap;
use std::net::Ipv4Addr;

use super::prelude::*;

/// A target group of instances or IP addresses.
#[derive(Clone, Debug, PartialEq)]
pub struct TargetGroup {
    pub common: Common,
    pub vpc: Ref<Vpc>,
    pub protocol: Sp<String>,
    pub port: Sp<i64>,
    pub target_type: Option<Sp<String>>,
    /// Every instance copy it names (a name with `count` names them all).
    pub targets: Vec<Ref<Instance>>,
    /// The addresses of an `ip` group.
    pub ip_targets: Vec<IpTarget>,
    pub health_check: Option<HealthCheckSpec>,
    pub deregistration_delay: Option<Sp<u64>>,
    pub stickiness: Option<StickinessSpec>,
}

/// A registered address of an `ip` target group.
#[derive(Clone, Debug, PartialEq)]
pub struct IpTarget {
    pub span: Span,
    pub written: Sp<String>,
    /// `None` when `written` is not an IPv4 address (LB020).
    pub address: Option<Ipv4Addr>,
    pub port: Option<Sp<u64>>,
    /// The instance whose `private_ip` it is, when one is.
    pub instance: Option<InstanceId>,
}

/// The instance each fixed private address is, for `ip` targets.
fn instances_by_address(m: &Model) -> HashMap<Ipv4Addr, InstanceId> {
    (m.instance_groups.iter())
        .filter_map(|g| match (g.private_ip.as_ref(), g.instances.as_slice()) {
            (Some(ip), [one]) => Some((ip.value.parse().ok()?, *one)),
            _ => None,
        })
        .collect()
}

impl Resolver<'_> {
    /// A target group's `targets`: `app[1]` names one copy, a name with
    /// `count` every copy.
    pub(crate) fn lookup_targets(
        &mut self,
        m: &Model,
        names: &[Sp<String>],
        from: &str,
    ) -> Option<Vec<Ref<Instance>>> {
        let mut out = Vec::new();
        let mut resolved = true;
        for name in names {
            let (base, index) = split_index(&name.value);
            let base = qualified(&namespace_of(from), base);
            let every = index.is_none()
                && self.ids[Kind::Instance as usize]
                    .get(&base)
                    .is_some_and(|&g| m.instance_groups[g].count.is_some());
            if every {
                let g = self.ids[Kind::Instance as usize][&base];
                out.extend(m.instance_groups[g].instances.iter().map(|&id| Ref {
                    id,
                    span: name.span,
                }));
                continue;
            }
            match self.lookup_instance(m, name, "targets", from) {
                Some(r) => out.push(r),
                None => resolved = false,
            }
        }
        resolved.then_some(out)
    }

    pub(crate) fn target_groups(&mut self, m: &mut Model, decls: Vec<Decl<TargetGroupSpec>>) {
        // Only a stack with IP targets pays for the map.
        let ip_targets =
            (decls.iter()).any(|d| d.attrs.as_ref().is_some_and(|a| !a.ip_targets.is_empty()));
        let by_address = if ip_targets {
            instances_by_address(m)
        } else {
            HashMap::new()
        };
        for d in decls {
            let Some(a) = d.attrs else { continue };
            let common = self.common(Kind::TargetGroup, d.name, &d.tags);
            let from = common.address.clone();
            let vpc = self.lookup::<Vpc>(&a.vpc, "vpc", &from);
            let targets = self.lookup_targets(m, &a.targets, &from);
            let (Some(vpc), Some(targets)) = (vpc, targets) else {
                continue;
            };
            self.register(Kind::TargetGroup, &common, m.target_groups.len());
            m.target_groups.push(TargetGroup {
                common,
                vpc,
                protocol: a.protocol,
                port: a.port,
                target_type: a.target_type,
                targets,
                ip_targets: (a.ip_targets.into_iter())
                    .map(|t| {
                        let address = t.address.value.parse().ok();
                        IpTarget {
                            span: t.span,
                            instance: address.and_then(|a| by_address.get(&a).copied()),
                            address,
                            written: t.address,
                            port: t.port,
                        }
                    })
                    .collect(),
                health_check: a.health_check,
                deregistration_delay: a.deregistration_delay,
                stickiness: a.stickiness,
            });
        }
    }
}

takes_nothing!(TargetGroup);

/// Its references, one edge each.
pub(crate) fn edges(m: &Model, g: &mut DependencyGraph) {
    for (i, r) in m.target_groups.iter().enumerate() {
        let me = node(Kind::TargetGroup, i);
        depends(g, me, r.vpc, "vpc");
        for t in &r.targets {
            depends(g, me, *t, "targets");
        }
    }
}
