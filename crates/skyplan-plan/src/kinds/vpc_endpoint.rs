//! `vpc_endpoint`: what the plan wants of it and what it knows before apply.

use super::prelude::*;

impl PlanKind for attrs::VpcEndpoint {
    type Node = model::VpcEndpoint;

    fn desired(b: &mut Builder, id: Id<model::VpcEndpoint>) -> (Address, Self) {
        let m = b.m;
        let r = &m.vpc_endpoints[id];
        let vpc = b.vpc(r.vpc);
        let route_tables = r
            .route_tables
            .iter()
            .map(|t| {
                b.reference(declared(
                    Kind::RouteTable,
                    &m.route_tables[t.id].common.name,
                ))
            })
            .collect();
        let subnets = b.subnets(&r.subnets);
        let security_groups = r
            .security_groups
            .iter()
            .map(|s| b.security_group(*s))
            .collect();
        let a = attrs::VpcEndpoint {
            policy: r.policy.as_ref().map(|p| p.json.clone()),
            private_dns: r.private_dns(),
            private_ip_addresses: Vec::new(),
            route_tables,
            security_groups,
            service: r.service.value.clone(),
            subnets,
            tags: r.common.tags.clone(),
            endpoint_type: r.endpoint_type,
            vpc,
        };
        (declared(Kind::VpcEndpoint, &r.common.name), a)
    }

    fn unknown_after(&self, names: &mut Vec<&'static str>) {
        if !self.subnets.is_empty() {
            names.push("private_ip_addresses");
        }
    }

    fn conflicts(&self, before: &Self) -> bool {
        // One endpoint per service and VPC.
        before.vpc == self.vpc && before.service == self.service
    }

    addresses_in_its_subnets!();
}
