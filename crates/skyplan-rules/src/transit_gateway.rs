//! TW001-TW002 and the transit gateway quota.

use skyplan_cidr::IpNet;
use skyplan_diagnostics::{Diagnostic, Rule};
use skyplan_facts::bgp::is_amazon_side_asn;
use skyplan_facts::quotas::{CIDR_BLOCKS_PER_TRANSIT_GATEWAY, TRANSIT_GATEWAYS_PER_REGION};
use skyplan_model::TransitGateway;

use crate::Checker;
use crate::cidr::syntax;
use crate::quota::over_quota_by;

pub(crate) fn check(c: &mut Checker) {
    let m = c.model;
    for t in &m.transit_gateways {
        asn(c, t);
        cidr_blocks(c, t);
    }
    over_quota_by(
        c,
        TRANSIT_GATEWAYS_PER_REGION,
        m.transit_gateways
            .iter()
            .filter_map(|t| Some((t.region.as_ref()?.value.as_str(), &t.common))),
        |r| r.to_string(),
    );
}

/// TW001: a private ASN for the Amazon side.
fn asn(c: &mut Checker, t: &TransitGateway) {
    let Some(asn) = &t.amazon_side_asn else {
        return;
    };
    if is_amazon_side_asn(asn.value) {
        return;
    }
    let address = &t.common.address;
    c.push(
        Diagnostic::new(
            Rule::TransitGatewayAsn,
            format!(
                "{address} has Amazon-side ASN {}, not a private ASN",
                asn.value
            ),
        )
        .detail("AWS refuses it: the Amazon side takes 64512-65534 or 4200000000-4294967294")
        .resource(address)
        .at(asn.span, "not a private ASN")
        .help("pick an unused private ASN such as 64513, or leave it out for 64512"),
    );
}

/// CD001/CD002 on its blocks, then TW002: their sizes and count.
fn cidr_blocks(c: &mut Checker, t: &TransitGateway) {
    let address = &t.common.address;
    for block in &t.cidr_blocks {
        syntax(c, block, address);
        let Some(net) = block.ok() else { continue };
        let (largest, family) = match net {
            IpNet::V4(_) => (24, "IPv4"),
            IpNet::V6(_) => (64, "IPv6"),
        };
        let prefix = net.prefix_len();
        if prefix > largest {
            c.push(
                Diagnostic::new(
                    Rule::TransitGatewayCidrBlocks,
                    format!("{address} has block {} of /{prefix}", block.text.value),
                )
                .detail(format!(
                    "AWS refuses a transit gateway {family} block smaller than a /{largest}"
                ))
                .resource(address)
                .at(block.span(), format!("smaller than a /{largest}"))
                .help(format!("use a /{largest} or a larger block")),
            );
        }
    }
    if let Some(extra) = t.cidr_blocks.get(CIDR_BLOCKS_PER_TRANSIT_GATEWAY) {
        c.push(
            Diagnostic::new(
                Rule::TransitGatewayCidrBlocks,
                format!(
                    "{address} has {} blocks; a transit gateway has at most {CIDR_BLOCKS_PER_TRANSIT_GATEWAY}",
                    t.cidr_blocks.len()
                ),
            )
            .detail("AWS refuses more, and the limit cannot be raised")
            .resource(address)
            .at(extra.span(), "one too many")
            .help(format!("keep at most {CIDR_BLOCKS_PER_TRANSIT_GATEWAY} blocks")),
        );
    }
}
