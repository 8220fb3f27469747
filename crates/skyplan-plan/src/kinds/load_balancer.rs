//! `load_balancer`: what the plan wants of it and what it knows before apply.

use super::prelude::*;

impl PlanKind for attrs::LoadBalancer {
    type Node = model::LoadBalancer;

    fn desired(b: &mut Builder, id: Id<model::LoadBalancer>) -> (Address, Self) {
        let m = b.m;
        let r = &m.load_balancers[id];
        let listeners = r
            .listeners
            .iter()
            .map(|l| attrs::Listener {
                certificate: l.certificate.as_ref().map(|c| c.value.clone()),
                port: l.port.value,
                protocol: l.protocol.value.clone(),
                target_group: b.reference(declared(
                    Kind::TargetGroup,
                    &m.target_groups[l.target_group.id].common.name,
                )),
            })
            .collect();
        let a = attrs::LoadBalancer {
            dns_name: None,
            ip_address_type: r
                .ip_address_type
                .as_ref()
                .map_or_else(|| "ipv4".into(), |t| t.value.clone()),
            listeners,
            private_ip_addresses: Vec::new(),
            scheme: if r.internal {
                "internal"
            } else {
                "internet-facing"
            }
            .into(),
            security_groups: r
                .security_groups
                .iter()
                .map(|g| b.security_group(*g))
                .collect(),
            subnets: b.subnets(&r.subnets),
            tags: r.common.tags.clone(),
            lb_type: r.lb_type.value.as_str().into(),
        };
        (declared(Kind::LoadBalancer, &r.common.name), a)
    }

    fn unknown_after(&self, names: &mut Vec<&'static str>) {
        names.push("dns_name");
        names.push("private_ip_addresses");
    }

    fn conflicts(&self, _: &Self) -> bool {
        // Names are unique per region and account: the old one goes first.
        true
    }
}
