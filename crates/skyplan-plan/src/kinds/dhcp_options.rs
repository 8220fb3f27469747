//! `dhcp_options`: what the plan wants of it and what it knows before apply.

use super::prelude::*;

impl PlanKind for attrs::DhcpOptions {
    type Node = model::DhcpOptions;

    fn desired(b: &mut Builder, id: Id<model::DhcpOptions>) -> (Address, Self) {
        let m = b.m;
        let r = &m.dhcp_options[id];
        let texts = |l: &[Sp<String>]| l.iter().map(|s| s.value.clone()).collect();
        let a = attrs::DhcpOptions {
            domain_name: r.domain_name.as_ref().map(|d| d.value.clone()),
            domain_name_servers: texts(&r.domain_name_servers),
            netbios_name_servers: texts(&r.netbios_name_servers),
            netbios_node_type: r.netbios_node_type.as_ref().map(|t| t.value),
            ntp_servers: texts(&r.ntp_servers),
            tags: r.common.tags.clone(),
        };
        (declared(Kind::DhcpOptions, &r.common.name), a)
    }

    computes_nothing!();

    conflicts_with_nothing!();
}
