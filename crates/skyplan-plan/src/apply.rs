//! Carrying a plan out on the simulated account (the state): AWS-style
//! ids, private addresses allocated from each subnet's usable range,
//! public addresses from a pool, `available_ip_count` kept up to date.
//! One [`Simulator::run`] call per step, so the caller can persist the state
//! between steps and an interrupted apply leaves exactly what was done.

use std::net::{Ipv4Addr, Ipv6Addr};

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use skyplan_cidr::{
    Ipv4Net, Ipv6Net, ipv6_host, ipv6_subnet, simulated_ipv6_block, usable_addresses,
};
use skyplan_spec::Address;
use skyplan_state::attributes;
use skyplan_state::{Attributes, ResourceState, State};

use crate::allocate::Allocator;
use crate::ids::{object_digest, resource_id};
use crate::kinds::New;
use crate::plan::{Action, Object, Plan, ResourceChange, Step, StepAction};

/// The account simulated ARNs name: AWS's documentation account.
pub(crate) const ACCOUNT: &str = "123456789012";

/// The addresses a step changed, live and deposed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Touched {
    pub live: Vec<Address>,
    pub deposed: Vec<Address>,
    /// Whether the list of released default objects changed.
    pub released: bool,
}

/// Why the step of one address could not be carried out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApplyError {
    pub address: Address,
    pub cause: ApplyCause,
}

/// What stopped a step: AWS's refusals, the simulator's exhausted pools,
/// and a plan that does not fit the state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApplyCause {
    /// The step names an address the plan does not change.
    NotInPlan,
    /// A create or update step without attributes.
    NoAttributes,
    /// An update of an object the state does not hold.
    NotInState,
    /// A subnet an object is placed in is not in the state.
    SubnetNotInState { subnet: Address },
    /// `InsufficientFreeAddressesInSubnet`.
    SubnetFull { subnet: Address, block: Ipv4Net },
    /// `DependencyViolation`: `user` still uses the object.
    InUse { user: Address },
    /// A subnet's `ipv6_index` with no VPC block to cut it from.
    NoIpv6Block { vpc: Address, index: u8 },
    /// The simulated IPv6 pool (2001:db8::/32) is used up.
    Ipv6PoolExhausted,
    /// The simulated public IPv4 pool is used up.
    PublicPoolExhausted,
}

impl ApplyError {
    fn new(address: &Address, cause: ApplyCause) -> ApplyError {
        ApplyError {
            address: address.clone(),
            cause,
        }
    }
}

impl std::fmt::Display for ApplyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: ", self.address)?;
        match &self.cause {
            ApplyCause::NotInPlan => f.write_str("not in the plan"),
            ApplyCause::NoAttributes => f.write_str("the plan has no attributes to create it with"),
            ApplyCause::NotInState => f.write_str("cannot update, it is not in the state"),
            ApplyCause::SubnetNotInState { subnet } => write!(f, "{subnet} is not in the state"),
            ApplyCause::SubnetFull { subnet, block } => write!(
                f,
                "{subnet} ({block}) has no free address left (InsufficientFreeAddressesInSubnet)"
            ),
            ApplyCause::InUse { user } => write!(
                f,
                "AWS refuses to delete it while {user} uses it (DependencyViolation)"
            ),
            ApplyCause::NoIpv6Block { vpc, index } => write!(
                f,
                "{vpc} has no IPv6 block to cut `ipv6_index: {index}` from"
            ),
            ApplyCause::Ipv6PoolExhausted => {
                f.write_str("the simulated IPv6 pool (2001:db8::/32) is exhausted")
            }
            ApplyCause::PublicPoolExhausted => {
                f.write_str("the simulated public address pool is exhausted")
            }
        }
    }
}

impl std::error::Error for ApplyError {}

pub struct Simulator<'p> {
    changes: HashMap<&'p Address, &'p ResourceChange>,
    pub(crate) state: State,
    /// The addresses in use, by subnet address.
    pub(crate) alloc: Allocator<Address>,
    /// The Amazon-provided IPv6 blocks VPCs hold.
    ipv6_blocks: HashSet<Ipv6Net>,
    /// The IPv6 addresses instances hold, and where to look next per block.
    ipv6_addresses: HashSet<Ipv6Addr>,
    ipv6_cursor: HashMap<Ipv6Net, u64>,
    /// When each address was last created or updated by this apply (a
    /// count of writes), to tell whether a resource was moved to a
    /// replacement's new object before the old one is deleted.
    written: HashMap<Address, usize>,
    steps_run: usize,
    /// The IPv6 blocks of VPCs' own (`ipv6_cidr`), held or planned.
    own_ipv6_blocks: Vec<Ipv6Net>,
    /// Addresses a step changed besides its own (what followed a changed
    /// IPv6 block), for the journal.
    followed: Vec<Address>,
}

impl<'p> Simulator<'p> {
    /// A simulator of `plan` on `state`, whose objects have made the
    /// plan's moves.
    pub fn new(plan: &'p Plan, mut state: State) -> Simulator<'p> {
        let _ = state.move_all(&plan.move_pairs());
        let mut sim = Simulator {
            changes: plan
                .resource_changes
                .iter()
                .filter(|c| c.deposed.is_none())
                .map(|c| (&c.address, c))
                .collect(),
            state,
            alloc: Allocator::default(),
            ipv6_blocks: HashSet::new(),
            ipv6_addresses: HashSet::new(),
            ipv6_cursor: HashMap::new(),
            own_ipv6_blocks: Vec::new(),
            followed: Vec::new(),
            written: HashMap::new(),
            steps_run: 0,
        };
        for r in sim.state.resources.values().chain(&sim.state.deposed) {
            if let Attributes::Vpc(v) = &r.attributes {
                sim.ipv6_blocks.extend(ipv6_block(v));
            }
            if let Attributes::Instance(i) = &r.attributes {
                sim.ipv6_addresses.extend(i.ipv6_address);
            }
            if let Attributes::AutoScalingGroup(g) = &r.attributes {
                sim.ipv6_addresses
                    .extend(g.instances.iter().filter_map(|i| i.ipv6_address));
            }
            for (subnet, addr) in r.attributes.held_addresses() {
                sim.alloc.take(subnet, addr);
            }
            if let Some(addr) = r.attributes.public_ip_address() {
                sim.alloc.take_public(addr);
            }
        }
        for (subnet, addr) in sim.state.forgotten_addresses() {
            sim.alloc.take(subnet, addr);
        }
        for f in &sim.state.forgotten {
            for addr in &f.public_ips {
                sim.alloc.take_public(*addr);
            }
        }
        for c in &plan.resource_changes {
            if let Some(Object {
                attributes: Attributes::Instance(i),
                ..
            }) = c.change.after.as_deref()
                && let Some(addr) = i.private_ip
            {
                sim.alloc.reserve(&i.subnet, addr);
            }
        }
        // Blocks of one's own, held or to be created: an Amazon-provided
        // block never overlaps them.
        let own = |a: &Attributes| {
            let Attributes::Vpc(v) = a else { return None };
            v.ipv6_cidr
                .as_deref()
                .and_then(|b| b.parse::<Ipv6Net>().ok())
        };
        sim.own_ipv6_blocks = sim
            .state
            .resources
            .values()
            .map(|r| &r.attributes)
            .chain(
                plan.resource_changes
                    .iter()
                    .filter_map(|c| c.change.after.as_ref().map(|o| &o.attributes)),
            )
            .filter_map(own)
            .collect();
        sim
    }

    pub fn state(&self) -> &State {
        &self.state
    }

    /// Marks addresses as taken outside the plan (an imported network's
    /// real ones), so no step is given one of them.
    pub fn hold(&mut self, subnet: &Address, private: Option<Ipv4Addr>, public: Option<Ipv4Addr>) {
        if let Some(ip) = private {
            self.alloc.take(subnet, ip);
        }
        if let Some(ip) = public {
            self.alloc.take_public(ip);
        }
    }

    pub fn into_state(self) -> State {
        self.state
    }

    /// Carries out one step of the plan; returns the addresses it changed.
    pub fn run(&mut self, step: &Step) -> Result<Touched, ApplyError> {
        let mut touched = Touched::default();
        touched.live.push(step.address.clone());
        // The subnets whose available_ip_count the step may change.
        let subnet_of = |s: &State, deposed: Option<&str>| -> Vec<Address> {
            let r = match deposed {
                Some(id) => s
                    .deposed
                    .iter()
                    .find(|r| r.address == step.address && r.id == id),
                None => s.get(&step.address),
            };
            r.map(|r| r.attributes.subnets_held().into_iter().cloned().collect())
                .unwrap_or_default()
        };
        touched
            .live
            .extend(subnet_of(&self.state, step.deposed.as_deref()));
        if step.deposed.is_some() || step.action == StepAction::Create {
            touched.deposed.push(step.address.clone());
        }
        // A handful of objects at most: compared whole.
        let released = self.state.released.clone();
        self.run_step(step)?;
        touched.released = self.state.released != released;
        touched.live.extend(subnet_of(&self.state, None));
        touched.live.append(&mut self.followed);
        touched.live.sort();
        touched.live.dedup();
        Ok(touched)
    }

    fn run_step(&mut self, step: &Step) -> Result<(), ApplyError> {
        let change = || {
            self.changes
                .get(&step.address)
                .copied()
                .ok_or_else(|| ApplyError::new(&step.address, ApplyCause::NotInPlan))
        };
        match step.action {
            StepAction::Delete => {
                self.refuse_delete_in_use(step)?;
                let old = if let Some(id) = &step.deposed {
                    self.state.remove_deposed(&step.address, id)
                } else {
                    self.state.remove(&step.address)
                };
                if let Some(old) = old {
                    self.release(&old);
                    self.keep_default_rules(old);
                }
                Ok(())
            }
            StepAction::Create => {
                let c = change()?;
                self.create(c)
            }
            StepAction::Update => {
                let c = change()?;
                self.update(c)
            }
        }
    }

    /// An address in each of `subnets` (an interface endpoint's, a load
    /// balancer's): the one held there (`kept`), else a new one; addresses
    /// in subnets left are freed.
    pub(crate) fn keep_addresses(
        &mut self,
        subnets: &[Address],
        kept: &[(Address, Ipv4Addr)],
        who: &Address,
    ) -> Result<Vec<Ipv4Addr>, ApplyError> {
        // An address outside its subnet's block is one of a subnet replaced
        // since: the interface moves to the new subnet with a new address.
        let kept: Vec<(Address, Ipv4Addr)> = kept
            .iter()
            .filter(|(subnet, addr)| {
                let stays = subnets.contains(subnet) && self.in_block(subnet, *addr);
                if !stays {
                    self.alloc.release(subnet, *addr);
                }
                stays
            })
            .cloned()
            .collect();
        subnets
            .iter()
            .map(|subnet| match kept.iter().find(|(s, _)| s == subnet) {
                Some((_, addr)) => Ok(*addr),
                None => self.place(subnet, None, who),
            })
            .collect()
    }

    /// `keep_addresses` for an update: the addresses `old` held are kept
    /// where their subnets stay; every subnet involved is recounted.
    pub(crate) fn readdress(
        &mut self,
        subnets: &[Address],
        old: &ResourceState,
        who: &Address,
    ) -> Result<Vec<Ipv4Addr>, ApplyError> {
        let kept: Vec<(Address, Ipv4Addr)> = old
            .attributes
            .held_addresses()
            .into_iter()
            .map(|(s, a)| (s.clone(), a))
            .collect();
        let addresses = self.keep_addresses(subnets, &kept, who)?;
        for subnet in kept.iter().map(|(s, _)| s).chain(subnets) {
            self.refresh_subnet(subnet);
        }
        Ok(addresses)
    }

    /// Brings an auto scaling group to `desired` instances from `kept`:
    /// instances in subnets it left are terminated, extra ones are
    /// terminated from the fullest subnet, new ones launched in the emptiest
    /// (so they stay spread evenly; ties go to the subnet listed first).
    pub(crate) fn scale(
        &mut self,
        g: &mut attributes::AutoScalingGroup,
        kept: Vec<attributes::GroupInstance>,
        who: &Address,
        digest: &str,
    ) -> Result<(), ApplyError> {
        let desired = usize::try_from(g.desired).unwrap_or(0);
        let mut instances = Vec::new();
        for i in kept {
            if g.subnets.contains(&i.subnet) && self.in_block(&i.subnet, i.private_ip_address) {
                instances.push(i);
            } else {
                self.terminate(&i);
            }
        }
        // Instances per subnet, in the order of `subnets`: the spread is
        // worked out on the counts (linear in the instances overall).
        let mut counts: Vec<usize> = g
            .subnets
            .iter()
            .map(|s| instances.iter().filter(|i| &i.subnet == s).count())
            .collect();
        let mut keep = counts.clone();
        let mut extra = instances.len().saturating_sub(desired);
        while extra > 0 {
            // The fullest subnet, the first listed on a tie.
            let Some(k) = (0..keep.len()).rev().max_by_key(|k| keep[*k]) else {
                break;
            };
            keep[k] -= 1;
            extra -= 1;
        }
        if keep != counts {
            // Each subnet keeps its first instances, in the order held.
            let mut seen = vec![0usize; g.subnets.len()];
            let mut stay = Vec::with_capacity(desired);
            for i in instances {
                let k = g.subnets.iter().position(|s| *s == i.subnet).unwrap_or(0);
                seen[k] += 1;
                if seen[k] <= keep[k] {
                    stay.push(i);
                } else {
                    self.terminate(&i);
                }
            }
            instances = stay;
            counts = keep;
        }
        // New ids depend on the instances that stay, so an instance
        // launched after a scale-in never takes a terminated one's id.
        let seed = format!(
            "{digest}/{}",
            instances
                .iter()
                .map(|i| i.id.as_str())
                .collect::<Vec<_>>()
                .join(",")
        );
        let taken: std::collections::HashSet<String> =
            instances.iter().map(|i| i.id.clone()).collect();
        let mut launch = 0u64;
        while instances.len() < desired {
            // The emptiest subnet, the first listed on a tie.
            let Some(k) = (0..counts.len()).min_by_key(|k| counts[*k]) else {
                break;
            };
            let subnet = g.subnets[k].clone();
            let private_ip_address = self.place(&subnet, None, who)?;
            counts[k] += 1;
            // A new id per launch, never one the group holds.
            let id = loop {
                launch += 1;
                let candidate = format!(
                    "i-{}",
                    &crate::ids::object_digest(&seed, who, &launch.to_string())[..17]
                );
                if !taken.contains(&candidate) {
                    break candidate;
                }
            };
            let ipv6_address = self.instance_ipv6(&subnet);
            instances.push(attributes::GroupInstance {
                id,
                ipv6_address,
                private_ip_address,
                subnet,
            });
        }
        g.instances = instances;
        Ok(())
    }

    /// Frees the addresses of an auto scaling group's instance.
    pub(crate) fn terminate(&mut self, i: &attributes::GroupInstance) {
        self.alloc.release(&i.subnet, i.private_ip_address);
        if let Some(a) = i.ipv6_address {
            self.ipv6_addresses.remove(&a);
            self.ipv6_cursor.clear();
        }
    }

    /// The region of the VPC of the first of `subnets`.
    pub(crate) fn region_of_subnets(&self, subnets: &[Address]) -> String {
        let vpc = subnets
            .first()
            .and_then(|s| match self.state.get(s).map(|r| &r.attributes) {
                Some(Attributes::Subnet(s)) => Some(s.vpc.clone()),
                _ => None,
            });
        vpc.map(|v| self.region_of_vpc(&v)).unwrap_or_default()
    }

    pub(crate) fn region_of_vpc(&self, vpc: &Address) -> String {
        match self.state.get(vpc).map(|r| &r.attributes) {
            Some(Attributes::Vpc(v)) => v.region.clone().unwrap_or_default(),
            _ => String::new(),
        }
    }

    /// A VPC's IPv6 block: its own, the Amazon-provided one it keeps, or a
    /// new /56 from the simulated pool.
    pub(crate) fn vpc_ipv6(
        &mut self,
        v: &mut attributes::Vpc,
        who: &Address,
    ) -> Result<(), ApplyError> {
        let kept = v
            .ipv6_cidr_block
            .take()
            .and_then(|b| b.parse::<Ipv6Net>().ok());
        v.ipv6_cidr_block = match (&v.ipv6_cidr, v.ipv6) {
            (Some(own), _) => Some(own.clone()),
            (None, true) => match kept.filter(|k| k.prefix_len() == 56) {
                Some(k) => Some(k.to_string()),
                None => Some(self.allocate_ipv6_block(who)?.to_string()),
            },
            (None, false) => None,
        };
        if let Some(k) = kept
            && v.ipv6_cidr_block.as_deref() != Some(k.to_string().as_str())
        {
            self.ipv6_blocks.remove(&k);
        }
        Ok(())
    }

    pub(crate) fn allocate_ipv6_block(&mut self, who: &Address) -> Result<Ipv6Net, ApplyError> {
        let free = (0..1u32 << 24).filter_map(simulated_ipv6_block).find(|b| {
            !self.ipv6_blocks.contains(b)
                && !self
                    .own_ipv6_blocks
                    .iter()
                    .any(|o| o.contains(b) || b.contains(o))
        });
        let block = free.ok_or_else(|| ApplyError::new(who, ApplyCause::Ipv6PoolExhausted))?;
        self.ipv6_blocks.insert(block);
        Ok(block)
    }

    /// A subnet's IPv6 block: its own, or its VPC's /56 cut at its index.
    pub(crate) fn subnet_ipv6(
        &self,
        s: &attributes::Subnet,
        who: &Address,
    ) -> Result<Option<String>, ApplyError> {
        if let Some(own) = &s.ipv6_cidr {
            return Ok(Some(own.clone()));
        }
        let Some(index) = s.ipv6_index else {
            return Ok(None);
        };
        let vpc = self.state.get(&s.vpc).map(|r| &r.attributes);
        let vpc_block = if let Some(Attributes::Vpc(v)) = vpc {
            v.ipv6_cidr_block.as_deref()
        } else {
            None
        };
        let block = vpc_block
            .and_then(|b| b.parse::<Ipv6Net>().ok())
            .and_then(|b| ipv6_subnet(b, index))
            .ok_or_else(|| {
                let vpc = s.vpc.clone();
                ApplyError::new(who, ApplyCause::NoIpv6Block { vpc, index })
            })?;
        Ok(Some(block.to_string()))
    }

    /// An instance's IPv6 address, in a subnet that assigns one.
    pub(crate) fn instance_ipv6(&mut self, subnet: &Address) -> Option<Ipv6Addr> {
        let Some(Attributes::Subnet(s)) = self.state.get(subnet).map(|r| &r.attributes) else {
            return None;
        };
        if !s.assign_ipv6_on_creation {
            return None;
        }
        let block = s.ipv6_cidr_block.as_deref()?.parse::<Ipv6Net>().ok()?;
        // Search on from the last address given in this block: linear in
        // the subnet's instances overall, not per instance.
        let start = self.ipv6_cursor.get(&block).copied().unwrap_or(0);
        let (n, address) = (start..u64::MAX)
            .map_while(|n| Some((n, ipv6_host(block, n)?)))
            .find(|(_, a)| !self.ipv6_addresses.contains(a))?;
        self.ipv6_cursor.insert(block, n + 1);
        self.ipv6_addresses.insert(address);
        Some(address)
    }

    /// Frees the addresses a deleted object held.
    fn release(&mut self, old: &ResourceState) {
        if let Attributes::Vpc(v) = &old.attributes
            && let Some(b) = ipv6_block(v)
        {
            self.ipv6_blocks.remove(&b);
        }
        if let Attributes::Instance(i) = &old.attributes
            && let Some(a) = i.ipv6_address
        {
            self.ipv6_addresses.remove(&a);
            self.ipv6_cursor.clear();
        }
        if let Attributes::AutoScalingGroup(g) = &old.attributes {
            for a in g.instances.iter().filter_map(|i| i.ipv6_address) {
                self.ipv6_addresses.remove(&a);
                self.ipv6_cursor.clear();
            }
        }
        // A NAT gateway's public address is its elastic IP's, which keeps it.
        if let Some(addr) = old.attributes.public_ip_address()
            && !matches!(old.attributes, Attributes::NatGateway(_))
        {
            self.alloc.release_public(addr);
        }
        for (subnet, addr) in old.attributes.held_addresses() {
            self.alloc.release(subnet, addr);
            let subnet = subnet.clone();
            self.refresh_subnet(&subnet);
        }
    }

    /// The attributes the plan creates or updates the object with.
    fn configured(change: &ResourceChange) -> Result<Attributes, ApplyError> {
        match &change.change.after {
            Some(after) => Ok(after.attributes.clone()),
            None => Err(ApplyError::new(&change.address, ApplyCause::NoAttributes)),
        }
    }

    /// A taken-over default group or ACL that leaves the spec stays in AWS
    /// with its rules as they were (it is released, not deleted); a VPC
    /// that goes takes its released defaults along.
    fn keep_default_rules(&mut self, old: ResourceState) {
        let vpc_of = |r: &ResourceState| match &r.attributes {
            Attributes::DefaultSecurityGroup(g) => Some(g.vpc.clone()),
            Attributes::DefaultNetworkAcl(a) => Some(a.vpc.clone()),
            _ => None,
        };
        if let Attributes::Vpc(_) = &old.attributes {
            self.state
                .released
                .retain(|r| vpc_of(r).as_ref() != Some(&old.address));
            return;
        }
        if vpc_of(&old).is_some_and(|vpc| self.state.get(&vpc).is_some()) {
            self.state.released.retain(|r| r.address != old.address);
            self.state.released.push(old);
            self.state
                .released
                .sort_by(|a, b| a.address.cmp(&b.address));
        }
    }

    fn create(&mut self, change: &ResourceChange) -> Result<(), ApplyError> {
        let mut attributes = Self::configured(change)?;
        if change.change.actions == [Action::Create, Action::Delete] {
            self.state.depose(&change.address);
        }
        // Taken over again: no longer released.
        self.state.released.retain(|r| r.address != change.address);
        let replaces = change
            .change
            .before
            .as_ref()
            .and_then(|b| b.id.clone())
            .unwrap_or_else(|| self.generation(&change.address));
        let digest = object_digest(&self.state.lineage, &change.address, &replaces);
        let mut new = New {
            address: &change.address,
            id: resource_id(&self.state.lineage, &change.address, &replaces),
            digest: &digest,
        };
        let interfaces = crate::kinds::create(&mut attributes, self, &mut new)?;
        let id = new.id;
        self.put(change, id, attributes);
        for subnet in interfaces {
            self.refresh_subnet(&subnet);
        }
        Ok(())
    }

    /// What makes a new object's id new when it replaces nothing: nothing
    /// the first time an address is created, else the ids of the objects
    /// `state rm` forgot under it (a new object never gets an old id).
    fn generation(&self, address: &Address) -> String {
        self.state
            .forgotten
            .iter()
            .filter(|f| &f.address == address)
            .map(|f| f.id.as_str())
            .collect::<Vec<_>>()
            .join(",")
    }

    fn update(&mut self, change: &ResourceChange) -> Result<(), ApplyError> {
        let mut attributes = Self::configured(change)?;
        let old = self
            .state
            .get(&change.address)
            .cloned()
            .ok_or_else(|| ApplyError::new(&change.address, ApplyCause::NotInState))?;
        attributes.keep_computed(&old.attributes);
        // A VPC or subnet whose IPv6 block changed: what follows it.
        let follow = crate::kinds::update(&mut attributes, self, &old, &change.address)?;
        self.put(change, old.id, attributes);
        if let Some((vpc, subnets)) = follow {
            let moved = self.follow_ipv6_blocks(vpc.as_ref(), subnets);
            self.followed.extend(moved);
        }
        Ok(())
    }

    /// AWS refuses to delete an object something still uses
    /// (`DependencyViolation`): an old object of a replacement whose users
    /// were not moved to the new one since it was created, or an object
    /// removed for good that a live resource still depends on. (An old
    /// object deleted before its replacement is created is not judged: its
    /// users are replaced or moved right after.)
    fn refuse_delete_in_use(&self, step: &Step) -> Result<(), ApplyError> {
        let removed_for_good = self
            .changes
            .get(&step.address)
            .is_none_or(|c| c.change.actions == [Action::Delete]);
        let judged = step.deposed.is_some() || removed_for_good;
        if !judged {
            return Ok(());
        }
        let renewed_at = self.written.get(&step.address);
        let user = self.state.resources.values().find(|r| {
            r.address != step.address
                && r.dependencies.contains(&step.address)
                && match (step.deposed.is_some(), renewed_at) {
                    // Moved to the new object only if written after it.
                    (true, Some(at)) => self.written.get(&r.address).is_none_or(|w| w < at),
                    (true, None) | (false, _) => true,
                }
        });
        match user {
            Some(r) => {
                let user = r.address.clone();
                Err(ApplyError::new(&step.address, ApplyCause::InUse { user }))
            }
            None => Ok(()),
        }
    }

    fn put(&mut self, change: &ResourceChange, id: String, attributes: Attributes) {
        self.steps_run += 1;
        self.written.insert(change.address.clone(), self.steps_run);
        self.state.put(ResourceState {
            address: change.address.clone(),
            id,
            attributes,
            dependencies: change.dependencies.clone(),
        });
    }

    /// Whether `addr` lies in the current block of `subnet`.
    fn in_block(&self, subnet: &Address, addr: Ipv4Addr) -> bool {
        match self.state.get(subnet).map(|r| &r.attributes) {
            Some(Attributes::Subnet(s)) => s
                .cidr
                .parse::<skyplan_cidr::Ipv4Net>()
                .is_ok_and(|net| net.contains(&addr)),
            _ => false,
        }
    }

    /// After a VPC's or a subnet's IPv6 block changed in place: subnets cut
    /// from the VPC's block by index get their new /64, and every IPv6
    /// address held in a changed subnet follows its block (a new address
    /// from it for an interface that had one, or none when the subnet has
    /// no block or does not assign).
    /// Returns the addresses it changed, for the journal. Linear in the
    /// state, and only run when a block changed.
    fn follow_ipv6_blocks(&mut self, vpc: Option<&Address>, subnets: Vec<Address>) -> Vec<Address> {
        let mut changed_subnets = subnets;
        if let Some(vpc) = vpc {
            let cut: Vec<Address> = self
                .state
                .resources
                .values()
                .filter(|r| matches!(&r.attributes, Attributes::Subnet(s) if &s.vpc == vpc && s.ipv6_index.is_some()))
                .map(|r| r.address.clone())
                .collect();
            for address in cut {
                let Some(Attributes::Subnet(s)) = self.state.get(&address).map(|r| &r.attributes)
                else {
                    continue;
                };
                let block = self.subnet_ipv6(s, &address).ok().flatten();
                if let Some(r) = self.state.get_mut(&address)
                    && let Attributes::Subnet(s) = &mut r.attributes
                    && s.ipv6_cidr_block != block
                {
                    s.ipv6_cidr_block = block;
                    changed_subnets.push(address);
                }
            }
        }
        if changed_subnets.is_empty() {
            return Vec::new();
        }
        let holders: Vec<Address> = self
            .state
            .resources
            .values()
            .filter(|r| holds_ipv6_in(&r.attributes, &changed_subnets))
            .map(|r| r.address.clone())
            .collect();
        for address in &holders {
            self.readdress_ipv6(address, &changed_subnets);
        }
        changed_subnets.extend(holders);
        changed_subnets
    }

    /// New IPv6 addresses for what `address` holds in `subnets`.
    fn readdress_ipv6(&mut self, address: &Address, subnets: &[Address]) {
        let Some(mut attributes) = self.state.get(address).map(|r| r.attributes.clone()) else {
            return;
        };
        if let Attributes::Instance(i) = &mut attributes {
            i.ipv6_address = self.next_ipv6(i.ipv6_address, &i.subnet);
        }
        if let Attributes::AutoScalingGroup(g) = &mut attributes {
            for i in g
                .instances
                .iter_mut()
                .filter(|i| subnets.contains(&i.subnet))
            {
                i.ipv6_address = self.next_ipv6(i.ipv6_address, &i.subnet);
            }
        }
        if let Some(r) = self.state.get_mut(address) {
            r.attributes = attributes;
        }
    }

    /// Frees `old` and gives the next IPv6 address of `subnet`'s block in
    /// its place. An interface that had none keeps none, as on AWS (only
    /// launches are given an address).
    fn next_ipv6(&mut self, old: Option<Ipv6Addr>, subnet: &Address) -> Option<Ipv6Addr> {
        let old = old?;
        self.ipv6_addresses.remove(&old);
        self.ipv6_cursor.clear();
        self.instance_ipv6(subnet)
    }

    /// Interfaces (instances and NAT gateways) in a subnet.
    pub(crate) fn occupied(&self, subnet: &Address) -> u64 {
        self.alloc.occupied(subnet)
    }

    pub(crate) fn refresh_subnet(&mut self, subnet: &Address) {
        let count = self.occupied(subnet);
        if let Some(r) = self.state.get_mut(subnet)
            && let Attributes::Subnet(s) = &mut r.attributes
        {
            s.available_ip_count = Some(usable(&s.cidr).saturating_sub(count));
        }
    }

    /// An interface's private address in `subnet`: its static one, else the
    /// first free one; either way taken from now on.
    pub(crate) fn place(
        &mut self,
        subnet: &Address,
        fixed: Option<Ipv4Addr>,
        who: &Address,
    ) -> Result<Ipv4Addr, ApplyError> {
        if let Some(fixed) = fixed {
            self.alloc.take(subnet, fixed);
            return Ok(fixed);
        }
        let error = |cause| ApplyError::new(who, cause);
        let net = match self.state.get(subnet).map(|r| &r.attributes) {
            Some(Attributes::Subnet(s)) => s.cidr.parse::<Ipv4Net>().ok(),
            _ => None,
        }
        .ok_or_else(|| {
            let subnet = subnet.clone();
            error(ApplyCause::SubnetNotInState { subnet })
        })?;
        self.alloc.place(subnet, net, None).ok_or_else(|| {
            let (subnet, block) = (subnet.clone(), net);
            error(ApplyCause::SubnetFull { subnet, block })
        })
    }

    pub(crate) fn allocate_public(&mut self) -> Result<Ipv4Addr, ApplyError> {
        self.alloc.allocate_public().ok_or_else(|| {
            let pool = Address::new(skyplan_spec::Kind::ElasticIp, "pool", None);
            ApplyError::new(&pool, ApplyCause::PublicPoolExhausted)
        })
    }

    /// The address of an elastic IP; a different address kept from before
    /// goes back to the pool (the elastic IP's own stays taken).
    pub(crate) fn elastic_address(
        &mut self,
        eip: Option<&Address>,
        kept: Option<Ipv4Addr>,
    ) -> Option<Ipv4Addr> {
        let address = self
            .state
            .get(eip?)
            .and_then(|r| r.attributes.public_ip_address());
        if let Some(k) = kept
            && Some(k) != address
        {
            self.alloc.release_public(k);
        }
        address
    }

    /// An instance's public address: its elastic IP's, else (when it asks
    /// for one) the kept or a new pool address.
    pub(crate) fn instance_public(
        &mut self,
        i: &attributes::Instance,
        kept: Option<Ipv4Addr>,
    ) -> Result<Option<Ipv4Addr>, ApplyError> {
        if i.elastic_ip.is_some() {
            return Ok(self.elastic_address(i.elastic_ip.as_ref(), kept));
        }
        if i.public_ip {
            return match kept {
                Some(k) => Ok(Some(k)),
                None => self.allocate_public().map(Some),
            };
        }
        Ok(None)
    }
}

/// The Amazon-provided block a VPC holds (its own block is not the pool's).
/// Whether an instance, or an instance of a group, is in one of `subnets`.
fn holds_ipv6_in(attributes: &Attributes, subnets: &[Address]) -> bool {
    if let Attributes::Instance(i) = attributes {
        return subnets.contains(&i.subnet);
    }
    if let Attributes::AutoScalingGroup(g) = attributes {
        return g.instances.iter().any(|i| subnets.contains(&i.subnet));
    }
    false
}

fn ipv6_block(v: &attributes::Vpc) -> Option<Ipv6Net> {
    if v.ipv6_cidr.is_some() {
        return None;
    }
    v.ipv6_cidr_block.as_deref()?.parse().ok()
}

/// The usable addresses of a subnet block (AWS keeps five).
pub(crate) fn usable(cidr: &str) -> u64 {
    cidr.parse::<Ipv4Net>()
        .map_or(0, |n| usable_addresses(n.prefix_len()))
}
