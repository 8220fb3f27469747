//! What every state skyplan writes holds, checked on every state it reads:
//! a hand-edited state that breaks it is refused as corrupt, naming the
//! first offending address, instead of being planned from.

// foldhash: a state read checks every id and address of the state here
// (SipHash was a visible part of a 100,000-resource plan).
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::net::{Ipv4Addr, Ipv6Addr};

use ipnet::{Ipv4Net, Ipv6Net};

use crate::attributes::{Attributes, GroupInstance};
use crate::{Address, State, StateError};

fn inconsistent(address: &Address, message: String) -> StateError {
    StateError::Inconsistent {
        address: address.to_string(),
        message,
    }
}

/// The blocks of the state's subnets, by address; each subnet numbered.
struct Blocks {
    ipv4: HashMap<Address, (u32, Ipv4Net)>,
    ipv6: HashMap<Address, Ipv6Net>,
}

impl Blocks {
    fn of(state: &State) -> Result<Blocks, StateError> {
        let mut ipv4 = HashMap::new();
        let mut ipv6 = HashMap::new();
        for r in state.resources.values() {
            let Attributes::Subnet(s) = &r.attributes else {
                continue;
            };
            let net: Ipv4Net = s.cidr.parse().map_err(|_| {
                inconsistent(&r.address, format!("`{}` is not an IPv4 block", s.cidr))
            })?;
            let number = ipv4.len() as u32;
            ipv4.insert(r.address.clone(), (number, net));
            if let Some(block) = &s.ipv6_cidr_block {
                let net: Ipv6Net = block.parse().map_err(|_| {
                    inconsistent(&r.address, format!("`{block}` is not an IPv6 block"))
                })?;
                ipv6.insert(r.address.clone(), net);
            }
        }
        Ok(Blocks { ipv4, ipv6 })
    }

    /// The number of `subnet`, which holds `ip`.
    fn check_ipv4(&self, who: &Address, subnet: &Address, ip: Ipv4Addr) -> Result<u32, StateError> {
        match self.ipv4.get(subnet) {
            Some((number, net)) if net.contains(&ip) => Ok(*number),
            Some((_, net)) => Err(inconsistent(
                who,
                format!("its address {ip} lies outside {subnet} ({net})"),
            )),
            None => Err(inconsistent(
                who,
                format!("it holds {ip} in {subnet}, which is not in the state"),
            )),
        }
    }

    fn check_ipv6(&self, who: &Address, subnet: &Address, ip: Ipv6Addr) -> Result<(), StateError> {
        match self.ipv6.get(subnet) {
            Some(net) if net.contains(&ip) => Ok(()),
            Some(net) => Err(inconsistent(
                who,
                format!("its IPv6 address {ip} lies outside {subnet} ({net})"),
            )),
            None => Err(inconsistent(
                who,
                format!("it holds the IPv6 address {ip}, but {subnet} has no IPv6 block"),
            )),
        }
    }
}

/// Checks, in address order, that ids are unique, every private address of
/// a live object lies in its subnet's block and is held once there, IPv6
/// addresses lie in their subnet's /64, and auto scaling groups run exactly
/// `desired` instances with sizes that are not negative.
pub fn check(state: &State) -> Result<(), StateError> {
    let blocks = Blocks::of(state)?;
    // Sized up front: a map that grows moves every entry again, and at
    // 100,000 resources none of them fits a cache.
    let objects = state.resources.len() + state.deposed.len();
    let mut ids: HashMap<&str, &Address> = HashMap::with_capacity(objects);
    // By subnet number, not address: no name to hash.
    let mut held: HashMap<(u32, Ipv4Addr), &Address> = HashMap::with_capacity(objects);
    let mut ipv6: HashSet<Ipv6Addr> = HashSet::new();
    let every = state.resources.values().chain(&state.deposed);
    for r in every {
        let scaled: &[GroupInstance] = if let Attributes::AutoScalingGroup(g) = &r.attributes {
            &g.instances
        } else {
            &[]
        };
        let own_ids = std::iter::once(r.id.as_str()).chain(scaled.iter().map(|i| i.id.as_str()));
        for id in own_ids {
            if let Some(other) = ids.insert(id, &r.address) {
                return Err(inconsistent(
                    &r.address,
                    format!("its id {id} is also {other}'s"),
                ));
            }
        }
    }
    for r in state.resources.values() {
        for (subnet, ip) in r.attributes.held_addresses() {
            let number = blocks.check_ipv4(&r.address, subnet, ip)?;
            if let Some(other) = held.insert((number, ip), &r.address) {
                return Err(inconsistent(
                    &r.address,
                    format!("{ip} in {subnet} is also held by {other}"),
                ));
            }
        }
        if let Attributes::Instance(i) = &r.attributes
            && let Some(ip) = i.ipv6_address
        {
            blocks.check_ipv6(&r.address, &i.subnet, ip)?;
            if !ipv6.insert(ip) {
                return Err(inconsistent(
                    &r.address,
                    format!("its IPv6 address {ip} is held twice"),
                ));
            }
        }
        if let Attributes::AutoScalingGroup(g) = &r.attributes {
            check_group(&r.address, g, &blocks, &mut ipv6)?;
        }
    }
    Ok(())
}

fn check_group(
    address: &Address,
    g: &crate::attributes::AutoScalingGroup,
    blocks: &Blocks,
    ipv6: &mut HashSet<Ipv6Addr>,
) -> Result<(), StateError> {
    if g.min < 0 || g.max < 0 || g.desired < 0 {
        return Err(inconsistent(
            address,
            format!(
                "negative sizes (min {}, max {}, desired {})",
                g.min, g.max, g.desired
            ),
        ));
    }
    if g.instances.len() as i64 != g.desired {
        return Err(inconsistent(
            address,
            format!(
                "desired is {} but it runs {} instances",
                g.desired,
                g.instances.len()
            ),
        ));
    }
    for i in &g.instances {
        if let Some(ip) = i.ipv6_address {
            blocks.check_ipv6(address, &i.subnet, ip)?;
            if !ipv6.insert(ip) {
                return Err(inconsistent(
                    address,
                    format!("its IPv6 address {ip} is held twice"),
                ));
            }
        }
    }
    Ok(())
}
