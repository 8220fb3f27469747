//! CD001 invalid-cidr, CD002 cidr-host-bits-set, VP001 vpc-cidr-range,
//! SN001 subnet-prefix-range.

use skyplan_cidr::CidrError;
use skyplan_diagnostics::{Diagnostic, Rule};
use skyplan_model::{Cidr, RouteDestination};

use crate::Checker;

pub(crate) fn check(c: &mut Checker) {
    let m = c.model;
    for vpc in &m.vpcs {
        for (i, block) in std::iter::once(&vpc.cidr)
            .chain(&vpc.secondary_cidrs)
            .enumerate()
        {
            syntax(c, block, &vpc.common.address);
            if let Some(net) = block.ok()
                && !(16..=28).contains(&net.prefix_len())
            {
                let which = if i == 0 { "primary" } else { "secondary" };
                c.push(
                    Diagnostic::new(
                        Rule::VpcCidrRange,
                        format!(
                            "{} {which} block {net} is a /{}; VPC blocks must be /16 to /28",
                            vpc.common.address,
                            net.prefix_len()
                        ),
                    )
                    .detail("AWS refuses it (InvalidVpc.Range)")
                    .resource(&vpc.common.address)
                    .at(
                        block.span(),
                        format!("/{} is outside /16-/28", net.prefix_len()),
                    )
                    .help(range_help(net.prefix_len())),
                );
            }
        }
    }
    for vpc in &m.vpcs {
        if let Some(block) = &vpc.ipv6_cidr {
            syntax(c, block, &vpc.common.address);
        }
    }
    for list in &m.prefix_lists {
        for e in &list.entries {
            syntax(c, &e.cidr, &list.common.address);
        }
    }
    for subnet in &m.subnets {
        if let Some(block) = &subnet.ipv6_cidr {
            syntax(c, block, &subnet.common.address);
        }
        syntax(c, &subnet.cidr, &subnet.common.address);
        if let Some(net) = subnet.cidr.ok()
            && !(16..=28).contains(&net.prefix_len())
        {
            c.push(
                Diagnostic::new(
                    Rule::SubnetPrefixRange,
                    format!(
                        "{} is a /{}; subnets must be /16 to /28",
                        subnet.common.address,
                        net.prefix_len()
                    ),
                )
                .detail("AWS refuses it (InvalidSubnet.Range)")
                .resource(&subnet.common.address)
                .at(
                    subnet.cidr.span(),
                    format!("/{} is outside /16-/28", net.prefix_len()),
                )
                .help(range_help(net.prefix_len())),
            );
        }
    }
    for table in &m.route_tables {
        for route in &table.routes {
            if let RouteDestination::Cidr(block) = &route.destination {
                syntax(c, block, &table.common.address);
            }
        }
    }
    for sg in m.rule_groups() {
        for rule in sg.ingress.iter().chain(sg.egress.iter().flatten()) {
            for block in rule.all_cidrs() {
                syntax(c, block, &sg.common.address);
            }
        }
    }
    for acl in m.entry_acls() {
        for entry in acl.ingress.iter().chain(&acl.egress) {
            syntax(c, &entry.cidr, &acl.common.address);
        }
    }
}

fn range_help(prefix: u8) -> &'static str {
    if prefix < 16 {
        "use a /16 or smaller block; add secondary blocks for more space"
    } else {
        "use a /28 or larger block"
    }
}

/// Reports a block that does not parse or has host bits set.
pub(crate) fn syntax<N: Copy>(c: &mut Checker, block: &Cidr<N>, owner: &str) {
    let text = &block.text.value;
    let diagnostic = match &block.net {
        Ok(_) => return,
        Err(CidrError::Syntax) => {
            Diagnostic::new(Rule::InvalidCidr, format!("`{text}` is not a CIDR block"))
                .at(block.span(), "expected a.b.c.d/n")
                .help("write an IPv4 block such as 10.0.0.0/16")
        }
        Err(CidrError::PrefixOutOfRange { prefix, max }) => Diagnostic::new(
            Rule::InvalidCidr,
            format!("`{text}` has prefix /{prefix}; a prefix is at most /{max}"),
        )
        .at(block.span(), format!("prefix out of range (0 to {max})"))
        .help("AWS subnets range from /16 to /28"),
        Err(CidrError::NotIpv4) => Diagnostic::new(
            Rule::InvalidCidr,
            format!("`{text}` is an IPv6 block; an IPv4 block is needed here"),
        )
        .at(block.span(), "IPv6 block")
        .help("write an IPv4 block such as 10.0.0.0/16"),
        Err(CidrError::NotIpv6) => Diagnostic::new(
            Rule::InvalidCidr,
            format!("`{text}` is an IPv4 block; an IPv6 block is needed here"),
        )
        .at(block.span(), "IPv4 block")
        .help("write an IPv6 block such as 2001:db8::/56"),
        Err(CidrError::HostBits { network }) => Diagnostic::new(
            Rule::CidrHostBits,
            format!("`{text}` has host bits set; the block is {network}"),
        )
        .detail(format!(
            "AWS silently stores {network} instead, so every plan would show this change again"
        ))
        .at(block.span(), format!("did you mean {network}?"))
        .help(format!("write `{network}`")),
    };
    c.push(diagnostic.resource(owner));
}
