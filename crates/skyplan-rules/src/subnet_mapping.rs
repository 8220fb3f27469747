//! LB021: load balancers' subnet mappings.

use std::net::Ipv4Addr;

use skyplan_cidr::reserved_offset;
use skyplan_diagnostics::{Diagnostic, Rule, Span};
use skyplan_model::{LoadBalancer, SubnetMapping};
use skyplan_spec::LoadBalancerType;

use crate::Checker;

pub(crate) fn check(c: &mut Checker) {
    for lb in &c.model.load_balancers {
        for (mapping, subnet) in lb.mappings.iter().zip(&lb.subnets) {
            mapping_addresses(c, lb, mapping, subnet.id);
        }
    }
}

fn mapping_addresses(
    c: &mut Checker,
    lb: &LoadBalancer,
    mapping: &SubnetMapping,
    subnet: skyplan_model::SubnetId,
) {
    let network = lb.lb_type.value == LoadBalancerType::Network;
    if let Some(e) = mapping.elastic_ip {
        let why = match (network, lb.internal) {
            (false, _) => Some("an application load balancer takes no elastic IPs"),
            (true, true) => Some("an internal load balancer has no public addresses"),
            (true, false) => None,
        };
        if let Some(why) = why {
            let fix =
                "remove `elastic_ip`; only an internet-facing network load balancer takes one";
            refused(c, lb, why, e.span, fix);
        }
    }
    let Some(ip) = &mapping.private_ip else {
        return;
    };
    let why = match (network, lb.internal) {
        (false, _) => Some("an application load balancer's addresses are AWS's to pick"),
        (true, false) => {
            Some("an internet-facing load balancer's private addresses are AWS's to pick")
        }
        (true, true) => None,
    };
    if let Some(why) = why {
        let fix = "remove `private_ip`; only an internal network load balancer takes one";
        refused(c, lb, why, ip.span, fix);
        return;
    }
    let Ok(address) = ip.value.parse::<Ipv4Addr>() else {
        let why = format!("`{}` is not an IPv4 address", ip.value);
        refused(c, lb, &why, ip.span, "write an IPv4 address of the subnet");
        return;
    };
    let s = &c.model.subnets[subnet];
    let Some(net) = s.cidr.ok() else { return };
    let problem = if !net.contains(&address) {
        Some(format!("{address} is outside {} ({net})", s.common.address))
    } else {
        reserved_offset(net, address)
            .map(|which| format!("{address} is {which} of {}", s.common.address))
    };
    if let Some(problem) = problem {
        let fix = format!("use a usable address of {net}");
        refused(c, lb, &problem, ip.span, &fix);
    }
}

fn refused(c: &mut Checker, lb: &LoadBalancer, why: &str, at: Span, fix: &str) {
    c.push(
        Diagnostic::new(
            Rule::SubnetMappings,
            format!("{}'s subnet mapping: {why}", lb.common.address),
        )
        .detail("Elastic Load Balancing refuses the load balancer (ValidationError)")
        .resource(&lb.common.address)
        .at(at, "refused")
        .help(fix),
    );
}
