//! Apply's address allocation, on its own so that everything that must
//! agree with `apply` (the simulator, reachability's addresses) allocates
//! with the same code: private addresses per subnet from the fifth address
//! (+4) on, skipping AWS's reserved ones, taken ones and the static ones the
//! stack asks for; public addresses from a pool.

use std::hash::Hash;
use std::net::Ipv4Addr;

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use skyplan_cidr::Ipv4Net;

/// Documentation ranges first (they can never clash with a real host), then
/// Amazon-owned 3.0.0.0/8.
const PUBLIC_POOLS: [(u32, u32); 4] = [
    (0xCB00_7100, 254), // 203.0.113.1-254
    (0xC633_6400, 254), // 198.51.100.1-254
    (0xC000_0200, 254), // 192.0.2.1-254
    (0x0300_0000, 1 << 24),
];

fn public_address(n: u32) -> Option<Ipv4Addr> {
    let mut n = n;
    for (base, size) in PUBLIC_POOLS {
        if n < size {
            let first = if size == 254 { 1 } else { 0 };
            return Some(Ipv4Addr::from(base + first + n));
        }
        n -= size;
    }
    None
}

/// The addresses in use, by subnet key `S`, and where to look next.
#[derive(Debug)]
pub struct Allocator<S> {
    taken: HashMap<S, HashSet<Ipv4Addr>>,
    /// Static addresses the stack asks for, so dynamic ones avoid them.
    reserved: HashMap<S, HashSet<Ipv4Addr>>,
    cursor: HashMap<S, u32>,
    public_taken: HashSet<Ipv4Addr>,
    public_cursor: u32,
}

impl<S> Default for Allocator<S> {
    fn default() -> Allocator<S> {
        Allocator {
            taken: HashMap::new(),
            reserved: HashMap::new(),
            cursor: HashMap::new(),
            public_taken: HashSet::new(),
            public_cursor: 0,
        }
    }
}

impl<S: Hash + Eq + Clone> Allocator<S> {
    /// Records an address an interface already holds.
    pub fn take(&mut self, subnet: &S, address: Ipv4Addr) {
        self.taken
            .entry(subnet.clone())
            .or_default()
            .insert(address);
    }

    /// Keeps a static address free for the interface that asks for it.
    pub fn reserve(&mut self, subnet: &S, address: Ipv4Addr) {
        self.reserved
            .entry(subnet.clone())
            .or_default()
            .insert(address);
    }

    /// Frees a private address; the search starts over.
    pub fn release(&mut self, subnet: &S, address: Ipv4Addr) {
        if let Some(set) = self.taken.get_mut(subnet) {
            set.remove(&address);
        }
        self.cursor.remove(subnet);
    }

    /// Interfaces in a subnet.
    pub fn occupied(&self, subnet: &S) -> u64 {
        self.taken.get(subnet).map_or(0, |s| s.len() as u64)
    }

    /// An interface's private address in `subnet` (block `net`): its
    /// static one, else the first free one; either way taken from now on.
    /// `None`: the subnet is full.
    pub fn place(&mut self, subnet: &S, net: Ipv4Net, fixed: Option<Ipv4Addr>) -> Option<Ipv4Addr> {
        let address = match fixed {
            Some(fixed) => fixed,
            None => self.first_free(subnet, net)?,
        };
        self.take(subnet, address);
        Some(address)
    }

    /// The first free address from +4, skipping reserved and static ones.
    fn first_free(&mut self, subnet: &S, net: Ipv4Net) -> Option<Ipv4Addr> {
        // u64: a /0 block (a state may hold anything) must not overflow.
        let size = u32::try_from(1u64 << (32 - u32::from(net.prefix_len()))).unwrap_or(u32::MAX);
        let base = u32::from(net.network());
        let taken = self.taken.get(subnet);
        let reserved = self.reserved.get(subnet);
        let start = self.cursor.get(subnet).copied().unwrap_or(4);
        for offset in start.max(4)..size.saturating_sub(1) {
            let address = Ipv4Addr::from(base.wrapping_add(offset));
            if taken.is_some_and(|t| t.contains(&address))
                || reserved.is_some_and(|r| r.contains(&address))
            {
                continue;
            }
            self.cursor.insert(subnet.clone(), offset + 1);
            return Some(address);
        }
        None
    }

    /// Records a public address in use.
    pub fn take_public(&mut self, address: Ipv4Addr) {
        self.public_taken.insert(address);
    }

    /// Frees a public address; the search starts over.
    pub fn release_public(&mut self, address: Ipv4Addr) {
        self.public_taken.remove(&address);
        self.public_cursor = 0;
    }

    /// A new public address; `None` when the pool is exhausted.
    pub fn allocate_public(&mut self) -> Option<Ipv4Addr> {
        loop {
            let address = public_address(self.public_cursor)?;
            self.public_cursor += 1;
            if self.public_taken.insert(address) {
                return Some(address);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_public_pool_starts_in_documentation_ranges() {
        assert_eq!(public_address(0).unwrap().to_string(), "203.0.113.1");
        assert_eq!(public_address(254).unwrap().to_string(), "198.51.100.1");
        assert_eq!(public_address(762).unwrap().to_string(), "3.0.0.0");
    }

    #[test]
    fn private_addresses_start_at_the_fifth_and_skip_static_ones() {
        let net: Ipv4Net = "10.0.0.0/28".parse().unwrap();
        let mut a = Allocator::default();
        a.reserve(&1, "10.0.0.5".parse().unwrap());
        assert_eq!(a.place(&1, net, None), Some("10.0.0.4".parse().unwrap()));
        assert_eq!(a.place(&1, net, None), Some("10.0.0.6".parse().unwrap()));
        assert_eq!(
            a.place(&1, net, Some("10.0.0.5".parse().unwrap())),
            Some("10.0.0.5".parse().unwrap())
        );
        // .4-.14 are usable in a /28 (the broadcast .15 is not): 11 in all.
        let rest: Vec<_> = std::iter::from_fn(|| a.place(&1, net, None)).collect();
        assert_eq!(rest.len(), 8);
        assert_eq!(a.occupied(&1), 11);
    }
}
