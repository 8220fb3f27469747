//! VG001-VG004: customer gateways and virtual private gateways.

use std::collections::HashMap;

use skyplan_diagnostics::{Diagnostic, Rule};
use skyplan_facts::bgp::{customer_asn_refused, is_amazon_side_asn};
use skyplan_model::{CustomerGateway, VpnGateway};

use crate::Checker;
use crate::cidr::syntax;

pub(crate) fn check(c: &mut Checker) {
    let m = c.model;
    for g in &m.customer_gateways {
        address(c, g);
        customer_asn(c, g);
        for block in &g.networks {
            syntax(c, block, &g.common.address);
        }
    }
    let mut first: HashMap<_, &VpnGateway> = HashMap::new();
    for g in &m.vpn_gateways {
        vpn_asn(c, g);
        if let Some(earlier) = first.insert(g.vpc.id, g) {
            first.insert(g.vpc.id, earlier);
            second_on_vpc(c, earlier, g);
        }
    }
}

/// VG001: a public address to reach over the internet.
fn address(c: &mut Checker, g: &CustomerGateway) {
    let Some(ip) = g.address() else { return };
    if !skyplan_cidr::is_private(ip) {
        return;
    }
    let address = &g.common.address;
    c.push(
        Diagnostic::new(
            Rule::CustomerGatewayAddress,
            format!("{address} has the non-public address {ip}"),
        )
        .detail("AWS accepts it, but a VPN over the internet cannot reach the device there: the tunnels never come up")
        .resource(address)
        .at(g.ip_address.span, "not a public address")
        .help("use the device's static public address (behind NAT: the NAT's public address)"),
    );
}

/// VG002: an ASN AWS takes for a customer gateway in its region.
fn customer_asn(c: &mut Checker, g: &CustomerGateway) {
    let (Some(asn), Some(region)) = (&g.bgp_asn, &g.region) else {
        return;
    };
    let Some(why) = customer_asn_refused(asn.value, &region.value) else {
        return;
    };
    let address = &g.common.address;
    c.push(
        Diagnostic::new(
            Rule::CustomerGatewayAsn,
            format!("{address} has BGP ASN {}", asn.value),
        )
        .detail(format!("AWS refuses it: {why}"))
        .resource(address)
        .at(asn.span, "refused ASN")
        .help("use your network's ASN, or a private one (64512-65534)"),
    );
}

/// VG003: a private ASN for the Amazon side.
fn vpn_asn(c: &mut Checker, g: &VpnGateway) {
    let Some(asn) = &g.amazon_side_asn else {
        return;
    };
    if is_amazon_side_asn(asn.value) {
        return;
    }
    let address = &g.common.address;
    c.push(
        Diagnostic::new(
            Rule::VpnGatewayAsn,
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

/// VG004: one virtual private gateway per VPC.
fn second_on_vpc(c: &mut Checker, first: &VpnGateway, second: &VpnGateway) {
    let vpc = &c.model.vpcs[second.vpc.id].common.address;
    c.push(
        Diagnostic::new(
            Rule::VpnGatewayPerVpc,
            format!(
                "{} and {} are both attached to {vpc}",
                first.common.address, second.common.address
            ),
        )
        .detail("AWS refuses a second virtual private gateway on a VPC")
        .resource(&second.common.address)
        .resource(&first.common.address)
        .at(second.vpc.span, "second gateway on the VPC")
        .related(first.vpc.span, "first gateway")
        .help(format!(
            "keep {} and end every VPN connection of {vpc} on it",
            first.common.address
        )),
    );
}
