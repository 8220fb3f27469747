//! BGP facts: the ASNs AWS takes for its side of a session (transit
//! gateways today; VPN and Direct Connect gateways use the same ranges).

use std::ops::RangeInclusive;

/// When the ranges below were last checked against AWS's documentation
/// (`CreateTransitGateway`, `TransitGatewayRequestOptions.AmazonSideAsn`).
pub const CHECKED: &str = "2026-12-05";

/// The private ranges an Amazon-side ASN must be in: 16-bit, then 32-bit.
pub const AMAZON_SIDE_ASNS: [RangeInclusive<u64>; 2] =
    [64_512..=65_534, 4_200_000_000..=4_294_967_294];

/// Whether AWS takes `asn` for its side.
pub fn is_amazon_side_asn(asn: u64) -> bool {
    AMAZON_SIDE_ASNS.iter().any(|r| r.contains(&asn))
}

#[cfg(test)]
mod tests {
    use super::*;

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
