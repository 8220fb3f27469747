//! BGP facts: the ASNs AWS takes for its side of a session (transit
//! gateways and virtual private gateways; Direct Connect gateways use the
//! same ranges), and those a customer gateway cannot use.

use std::ops::RangeInclusive;

/// When the ranges below were last checked against AWS's documentation
/// (`CreateTransitGateway`, `TransitGatewayRequestOptions.AmazonSideAsn`,
/// `CreateVpnGateway`, `CreateCustomerGateway`).
pub const CHECKED: &str = "2026-12-05";

/// The private ranges an Amazon-side ASN must be in: 16-bit, then 32-bit.
pub const AMAZON_SIDE_ASNS: [RangeInclusive<u64>; 2] =
    [64_512..=65_534, 4_200_000_000..=4_294_967_294];

/// The ASNs a customer gateway may have: `BgpAsn` 1-2147483647, then
/// `BgpAsnExtended` up to 4294967295.
pub const CUSTOMER_ASNS: RangeInclusive<u64> = 1..=4_294_967_295;

/// ASNs AWS keeps for itself in a region, which a customer gateway there
/// cannot use (`CreateCustomerGateway`).
pub const RESERVED_CUSTOMER_ASNS: [(u64, &str); 2] = [(7224, "us-east-1"), (9059, "eu-west-1")];

/// Why a customer gateway in `region` cannot have `asn`, if it cannot.
pub fn customer_asn_refused(asn: u64, region: &str) -> Option<String> {
    if !CUSTOMER_ASNS.contains(&asn) {
        return Some("a customer gateway's ASN is 1 to 4294967295".into());
    }
    RESERVED_CUSTOMER_ASNS
        .iter()
        .find(|(reserved, r)| *reserved == asn && *r == region)
        .map(|(_, r)| format!("AWS reserves ASN {asn} in {r}"))
}

/// The block every VPN tunnel's inside addresses come from, and the /30s
/// of it AWS keeps for itself (Site-to-Site VPN tunnel options).
pub const TUNNEL_INSIDE_RANGE: &str = "169.254.0.0/16";
pub const RESERVED_TUNNEL_INSIDE: [&str; 7] = [
    "169.254.0.0/30",
    "169.254.1.0/30",
    "169.254.2.0/30",
    "169.254.3.0/30",
    "169.254.4.0/30",
    "169.254.5.0/30",
    "169.254.169.252/30",
];

/// Tunnels of a VPN connection.
pub const TUNNELS_PER_VPN_CONNECTION: usize = 2;

/// Whether AWS takes `asn` for its side.
pub fn is_amazon_side_asn(asn: u64) -> bool {
    AMAZON_SIDE_ASNS.iter().any(|r| r.contains(&asn))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn customer_asns_refused_only_out_of_range_or_reserved_in_their_region() {
        assert!(customer_asn_refused(0, "eu-west-1").is_some());
        assert!(customer_asn_refused(4_294_967_296, "eu-west-1").is_some());
        assert!(customer_asn_refused(9059, "eu-west-1").is_some());
        assert!(customer_asn_refused(7224, "us-east-1").is_some());
        for (asn, region) in [
            (9059, "us-east-1"),
            (7224, "eu-west-1"),
            (65000, "eu-west-1"),
            (4_294_967_295, "eu-west-1"),
        ] {
            assert_eq!(customer_asn_refused(asn, region), None, "{asn} {region}");
        }
    }

    #[test]
    fn private_ranges_and_their_edges() {
        for asn in [64_512, 65_000, 65_534, 4_200_000_000, 4_294_967_294] {
            assert!(is_amazon_side_asn(asn), "{asn}");
        }
        for asn in [
            0,
            7224,
            64_511,
            65_535,
            65_536,
            4_199_999_999,
            4_294_967_295,
        ] {
            assert!(!is_amazon_side_asn(asn), "{asn}");
        }
    }
}
