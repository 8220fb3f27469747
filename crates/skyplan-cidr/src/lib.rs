//! CIDR math the way AWS does it (IPv4, and the IPv6 blocks of dual-stack
//! VPCs).
//!
//! * [`parse_block`] refuses blocks with host bits set and suggests the
//!   network address, as AWS does.
//! * [`usable_addresses`] and [`reserved_offset`] know the 5 addresses AWS
//!   keeps in every subnet: network, +1 (router), +2 (DNS), +3 (future use)
//!   and the last address.
//! * [`overlapping_pairs`] finds overlaps by sorting and sweeping, in
//!   O(n log n), never by comparing every pair.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

pub use ipnet::{IpNet, Ipv4Net, Ipv4Subnets, Ipv6Net};

/// Why a CIDR block was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CidrError {
    /// Not `address/prefix` at all.
    Syntax,
    /// Host bits set (`10.0.1.7/24`); `network` is the block that was meant.
    HostBits { network: IpNet },
    /// An IPv6 block where only IPv4 is accepted.
    NotIpv4,
    /// An IPv4 block where only IPv6 is accepted.
    NotIpv6,
    /// A valid address with a prefix longer than its family has (`/33`).
    PrefixOutOfRange { prefix: String, max: u8 },
}

/// Parses an IPv4 or IPv6 block, refusing host bits.
pub fn parse_block(text: &str) -> Result<IpNet, CidrError> {
    let net: IpNet = text.trim().parse().map_err(|_| syntax_error(text.trim()))?;
    if net.trunc() != net {
        return Err(CidrError::HostBits {
            network: net.trunc(),
        });
    }
    Ok(net)
}

/// Why `text` is not a block: a prefix too long for its address family, or
/// no block at all.
fn syntax_error(text: &str) -> CidrError {
    let Some((address, prefix)) = text.split_once('/') else {
        return CidrError::Syntax;
    };
    let max = match address.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V4(_)) => 32,
        Ok(std::net::IpAddr::V6(_)) => 128,
        Err(_) => return CidrError::Syntax,
    };
    if !prefix.is_empty() && prefix.bytes().all(|b| b.is_ascii_digit()) {
        CidrError::PrefixOutOfRange {
            prefix: prefix.to_string(),
            max,
        }
    } else {
        CidrError::Syntax
    }
}

/// Parses an IPv4 block, refusing host bits.
pub fn parse_block_v4(text: &str) -> Result<Ipv4Net, CidrError> {
    match parse_block(text)? {
        IpNet::V4(net) => Ok(net),
        IpNet::V6(_) => Err(CidrError::NotIpv4),
    }
}

/// Parses an IPv6 block, refusing host bits.
pub fn parse_block_v6(text: &str) -> Result<Ipv6Net, CidrError> {
    match parse_block(text)? {
        IpNet::V6(net) => Ok(net),
        IpNet::V4(_) => Err(CidrError::NotIpv6),
    }
}

/// The block AWS's Amazon-provided IPv6 blocks are simulated from: the
/// documentation prefix, which no real network routes.
pub const SIMULATED_IPV6_POOL: &str = "2001:db8::/32";

/// The `n`th /56 of [`SIMULATED_IPV6_POOL`] (2^24 of them), `None` past
/// the last.
pub fn simulated_ipv6_block(n: u32) -> Option<Ipv6Net> {
    if n >= 1 << 24 {
        return None;
    }
    let base = u128::from(Ipv6Addr::new(0x2001, 0x0db8, 0, 0, 0, 0, 0, 0));
    let address = Ipv6Addr::from(base | (u128::from(n) << 72));
    Ipv6Net::new(address, 56).ok()
}

/// Terraform's `cidrsubnet(block, 8, index)`: the `index`th block eight
/// bits longer than `block` (a /56's /64s). `None` when `block` is longer
/// than /120.
pub fn ipv6_subnet(block: Ipv6Net, index: u8) -> Option<Ipv6Net> {
    let prefix = block.prefix_len().checked_add(8).filter(|p| *p <= 128)?;
    let shift = 128 - u32::from(prefix);
    let base = u128::from(block.network());
    let address = Ipv6Addr::from(base | (u128::from(index) << shift));
    Ipv6Net::new(address, prefix).ok()
}

/// The `n`th address an interface gets in an IPv6 subnet: AWS keeps the
/// first four and the last of every subnet block, as for IPv4.
pub fn ipv6_host(subnet: Ipv6Net, n: u64) -> Option<Ipv6Addr> {
    let size_bits = 128 - u32::from(subnet.prefix_len());
    let offset = u128::from(n).checked_add(4)?;
    if size_bits < 128 && offset >= (1u128 << size_bits) - 1 {
        return None;
    }
    Some(Ipv6Addr::from(u128::from(subnet.network()) | offset))
}

/// Addresses an interface can use in a subnet of this prefix:
/// 2^(32-prefix) - 5 (a /24 has 251, a /28 has 11).
pub fn usable_addresses(prefix: u8) -> u64 {
    (1u64 << (32 - u32::from(prefix.min(32)))).saturating_sub(5)
}

/// For a reserved address of `net`, which one it is.
pub fn reserved_offset(net: Ipv4Net, ip: Ipv4Addr) -> Option<&'static str> {
    let offset = u32::from(ip).wrapping_sub(u32::from(net.network()));
    if ip == net.broadcast() {
        return Some("the last address of the subnet");
    }
    match offset {
        0 => Some("the network address"),
        1 => Some("reserved by AWS for the VPC router (+1)"),
        2 => Some("reserved by AWS for the DNS server (+2)"),
        3 => Some("reserved by AWS for future use (+3)"),
        _ => None,
    }
}

/// The first address an interface can get: network + 4.
pub fn first_usable(net: Ipv4Net) -> Ipv4Addr {
    Ipv4Addr::from(u32::from(net.network()) + 4)
}

fn range(net: &IpNet) -> (u128, u128) {
    match net {
        IpNet::V4(n) => (
            u32::from(n.network()) as u128,
            u32::from(n.broadcast()) as u128,
        ),
        IpNet::V6(n) => (u128::from(n.network()), u128::from(n.broadcast())),
    }
}

/// Whether two blocks share at least one address.
pub fn overlaps(a: &Ipv4Net, b: &Ipv4Net) -> bool {
    a.contains(&b.network()) || b.contains(&a.network())
}

/// Whether `ip` is one of `net`'s addresses.
pub fn contains_ip(net: &IpNet, ip: IpAddr) -> bool {
    net.contains(&ip)
}

/// Finds overlapping blocks by sort-and-sweep, O(n log n).
///
/// Returns pairs `(later, earlier)` of indices into `blocks`: every block
/// that overlaps a block before it in address order is paired with the
/// block that covers it furthest. Each overlapping block appears in at least
/// one pair, and there are at most n - 1 pairs (all identical blocks give a
/// chain, not n² pairs). Blocks of different families never overlap.
pub fn overlapping_pairs(blocks: &[IpNet]) -> Vec<(usize, usize)> {
    let mut order: Vec<usize> = (0..blocks.len()).collect();
    // Start ascending; on ties the larger block (smaller prefix) first, then
    // the earlier index, so the result is deterministic.
    order.sort_by_key(|&i| {
        let (start, _) = range(&blocks[i]);
        (
            matches!(blocks[i], IpNet::V6(_)),
            start,
            blocks[i].prefix_len(),
            i,
        )
    });
    let mut pairs = Vec::new();
    let mut reach: Option<(bool, u128, usize)> = None; // (is_v6, end, owner)
    for i in order {
        let (start, end) = range(&blocks[i]);
        let v6 = matches!(blocks[i], IpNet::V6(_));
        match reach {
            Some((family, max_end, owner)) if family == v6 && start <= max_end => {
                pairs.push((i, owner));
                if end > max_end {
                    reach = Some((v6, end, i));
                }
            }
            _ => reach = Some((v6, end, i)),
        }
    }
    pairs
}

/// Blocks no internet client has an address in (RFC 6890's private,
/// shared, loopback, link-local, benchmarking and multicast ranges).
const NOT_INTERNET: [(u32, u8); 11] = [
    (0x0000_0000, 8),  // 0.0.0.0/8
    (0x0A00_0000, 8),  // 10.0.0.0/8
    (0x6440_0000, 10), // 100.64.0.0/10
    (0x7F00_0000, 8),  // 127.0.0.0/8
    (0xA9FE_0000, 16), // 169.254.0.0/16
    (0xAC10_0000, 12), // 172.16.0.0/12
    (0xC000_0000, 24), // 192.0.0.0/24
    (0xC0A8_0000, 16), // 192.168.0.0/16
    (0xC612_0000, 15), // 198.18.0.0/15
    (0xE000_0000, 4),  // 224.0.0.0/4
    (0xF000_0000, 4),  // 240.0.0.0/4
];

/// The IPv4 blocks no internet host has an address in.
pub fn not_internet() -> impl Iterator<Item = Ipv4Net> {
    blocks_of(&NOT_INTERNET)
}

/// A table of (first address, prefix length) as blocks.
fn blocks_of(table: &'static [(u32, u8)]) -> impl Iterator<Item = Ipv4Net> {
    table
        .iter()
        .filter_map(|(a, len)| Ipv4Net::new(Ipv4Addr::from(*a), *len).ok())
}

/// The private ranges AWS takes for VPC blocks and IP targets: RFC 1918's
/// and RFC 6598's shared address space.
const PRIVATE: &[(u32, u8)] = &[
    (0x0A00_0000, 8),  // 10.0.0.0/8
    (0xAC10_0000, 12), // 172.16.0.0/12
    (0xC0A8_0000, 16), // 192.168.0.0/16
    (0x6440_0000, 10), // 100.64.0.0/10
];

/// See [`PRIVATE`].
pub fn private_ranges() -> impl Iterator<Item = Ipv4Net> {
    blocks_of(PRIVATE)
}

/// Whether no internet host can have this address.
pub fn is_private(ip: Ipv4Addr) -> bool {
    not_internet().any(|b| b.contains(&ip))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_prefix_too_long_is_named_as_such() {
        assert_eq!(
            parse_block("10.0.0.0/33"),
            Err(CidrError::PrefixOutOfRange {
                prefix: "33".into(),
                max: 32
            })
        );
        assert_eq!(
            parse_block("2001:db8::/129"),
            Err(CidrError::PrefixOutOfRange {
                prefix: "129".into(),
                max: 128
            })
        );
        assert_eq!(parse_block("10.0.0/8"), Err(CidrError::Syntax));
        assert_eq!(parse_block("10.0.0.0/x"), Err(CidrError::Syntax));
    }
    use proptest::prelude::*;

    #[test]
    fn ipv6_blocks_are_allocated_and_cut_as_terraform_does() {
        assert_eq!(
            simulated_ipv6_block(0).unwrap().to_string(),
            "2001:db8::/56"
        );
        assert_eq!(
            simulated_ipv6_block(1).unwrap().to_string(),
            "2001:db8:0:100::/56"
        );
        assert_eq!(
            simulated_ipv6_block((1 << 24) - 1).unwrap().to_string(),
            "2001:db8:ffff:ff00::/56"
        );
        assert_eq!(simulated_ipv6_block(1 << 24), None);
        let vpc: Ipv6Net = "2001:db8:0:100::/56".parse().unwrap();
        assert_eq!(
            ipv6_subnet(vpc, 0).unwrap().to_string(),
            "2001:db8:0:100::/64"
        );
        assert_eq!(
            ipv6_subnet(vpc, 255).unwrap().to_string(),
            "2001:db8:0:1ff::/64"
        );
        assert_eq!(ipv6_subnet("::/121".parse().unwrap(), 1), None);
        let subnet = ipv6_subnet(vpc, 2).unwrap();
        assert_eq!(
            ipv6_host(subnet, 0).unwrap().to_string(),
            "2001:db8:0:102::4"
        );
        assert_eq!(ipv6_host("2001:db8::/126".parse().unwrap(), 0), None);
        assert_eq!(parse_block_v6("10.0.0.0/16"), Err(CidrError::NotIpv6));
    }

    fn net(s: &str) -> IpNet {
        s.parse().unwrap()
    }

    #[test]
    fn host_bits_are_refused_with_the_network_suggested() {
        assert_eq!(
            parse_block("10.0.1.7/24"),
            Err(CidrError::HostBits {
                network: net("10.0.1.0/24")
            })
        );
        assert_eq!(parse_block("10.0.1.0/24"), Ok(net("10.0.1.0/24")));
        assert_eq!(parse_block("banana"), Err(CidrError::Syntax));
        assert_eq!(parse_block_v4("::/0"), Err(CidrError::NotIpv4));
    }

    #[test]
    fn aws_keeps_five_addresses_per_subnet() {
        assert_eq!(usable_addresses(24), 251);
        assert_eq!(usable_addresses(28), 11);
        assert_eq!(usable_addresses(16), 65_531);
        let n: Ipv4Net = "10.0.1.0/24".parse().unwrap();
        assert!(reserved_offset(n, "10.0.1.3".parse().unwrap()).is_some());
        assert!(reserved_offset(n, "10.0.1.4".parse().unwrap()).is_none());
        assert!(reserved_offset(n, "10.0.1.255".parse().unwrap()).is_some());
        assert!(reserved_offset(n, "10.0.1.254".parse().unwrap()).is_none());
        assert_eq!(first_usable(n), "10.0.1.4".parse::<Ipv4Addr>().unwrap());
    }

    #[test]
    fn identical_blocks_chain_instead_of_pairing_all() {
        let blocks = vec![net("10.0.0.0/24"); 4];
        assert_eq!(overlapping_pairs(&blocks).len(), 3);
    }

    fn brute_force_overlapping(blocks: &[IpNet]) -> Vec<bool> {
        (0..blocks.len())
            .map(|i| {
                (0..blocks.len()).any(|j| {
                    i != j
                        && (blocks[i].contains(&blocks[j].network())
                            || blocks[j].contains(&blocks[i].network()))
                })
            })
            .collect()
    }

    fn arb_block() -> impl Strategy<Value = IpNet> {
        // A narrow address space so random blocks often collide.
        (0u32..4096, 16u8..=28).prop_map(|(host, prefix)| {
            let addr = Ipv4Addr::from(0x0a00_0000 | (host << 8));
            IpNet::V4(Ipv4Net::new(addr, prefix).unwrap().trunc())
        })
    }

    proptest! {
        #[test]
        fn sweep_agrees_with_brute_force(blocks in prop::collection::vec(arb_block(), 0..60)) {
            let pairs = overlapping_pairs(&blocks);
            for &(a, b) in &pairs {
                prop_assert!(a != b);
                prop_assert!(blocks[a].contains(&blocks[b].network()) || blocks[b].contains(&blocks[a].network()));
            }
            let mut flagged = vec![false; blocks.len()];
            for &(a, b) in &pairs {
                flagged[a] = true;
                flagged[b] = true;
            }
            prop_assert_eq!(flagged, brute_force_overlapping(&blocks));
            prop_assert!(pairs.len() < blocks.len().max(1));
        }

        #[test]
        fn usable_count_matches_enumeration(host in 0u32..65536, prefix in 16u8..=28) {
            let n = Ipv4Net::new(Ipv4Addr::from(0x0a00_0000 | host), prefix).unwrap().trunc();
            let usable = n.hosts().chain([n.network(), n.broadcast()])
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .filter(|ip| reserved_offset(n, *ip).is_none())
                .count() as u64;
            prop_assert_eq!(usable, usable_addresses(prefix));
        }
    }
}
