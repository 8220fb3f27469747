//! Carrying a plan out on the simulated account (the state): AWS-style
//! ids, private addresses allocated from each subnet's usable range,
//! public addresses from a pool, `available_ip_count` kept up to date.
//! One [`Simulator::run`] call per step, so the caller can persist the state
//! between steps and an interrupted apply leaves exactly what was done.

use std::collections::HashMap;
use std::net::Ipv4Addr;

use skyplan_cidr::{Ipv4Net, usable_addresses};
use skyplan_spec::Address;
use skyplan_state::attributes;
use skyplan_state::{Attributes, ResourceState, State};

use crate::allocate::Allocator;
use crate::ids::resource_id;
use crate::plan::{Action, Object, Plan, ResourceChange, Step, StepAction};

/// The addresses a step changed, live and deposed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Touched {
    pub live: Vec<Address>,
    pub deposed: Vec<Address>,
}

/// Why a step could not be carried out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApplyError {
    pub address: Address,
    pub message: String,
}

impl std::fmt::Display for ApplyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.address, self.message)
    }
}

pub struct Simulator<'p> {
    changes: HashMap<&'p Address, &'p ResourceChange>,
    state: State,
    /// The addresses in use, by subnet address.
    alloc: Allocator<Address>,
}

impl<'p> Simulator<'p> {
    pub fn new(plan: &'p Plan, state: State) -> Simulator<'p> {
        let mut sim = Simulator {
            changes: plan
                .resource_changes
                .iter()
                .filter(|c| c.deposed.is_none())
                .map(|c| (&c.address, c))
                .collect(),
            state,
            alloc: Allocator::default(),
        };
        for r in sim.state.resources.values().chain(&sim.state.deposed) {
            if let (Some(subnet), Some(addr)) =
                (r.attributes.subnet(), r.attributes.private_ip_address())
            {
                sim.alloc.take(subnet, addr);
            }
            if let Some(addr) = r.attributes.public_ip_address() {
                sim.alloc.take_public(addr);
            }
        }
        for c in &plan.resource_changes {
            if let Some(Object {
                attributes: Attributes::Instance(i),
                ..
            }) = &c.change.after
                && let Some(addr) = i.private_ip
            {
                sim.alloc.reserve(&i.subnet, addr);
            }
        }
        sim
    }

    pub fn state(&self) -> &State {
        &self.state
    }

    pub fn into_state(self) -> State {
        self.state
    }

    /// Carries out one step of the plan; returns the addresses it changed.
    pub fn run(&mut self, step: &Step) -> Result<Touched, ApplyError> {
        let mut touched = Touched::default();
        touched.live.push(step.address.clone());
        // The subnet whose available_ip_count the step may change.
        let subnet_of = |s: &State, deposed: Option<&str>| {
            let r = match deposed {
                Some(id) => s
                    .deposed
                    .iter()
                    .find(|r| r.address == step.address && r.id == id),
                None => s.get(&step.address),
            };
            r.and_then(|r| r.attributes.subnet()).cloned()
        };
        touched
            .live
            .extend(subnet_of(&self.state, step.deposed.as_deref()));
        if step.deposed.is_some() || step.action == StepAction::Create {
            touched.deposed.push(step.address.clone());
        }
        self.run_step(step)?;
        touched.live.extend(subnet_of(&self.state, None));
        touched.live.sort();
        touched.live.dedup();
        Ok(touched)
    }

    fn run_step(&mut self, step: &Step) -> Result<(), ApplyError> {
        let change = || {
            self.changes
                .get(&step.address)
                .copied()
                .ok_or_else(|| ApplyError {
                    address: step.address.clone(),
                    message: "not in the plan".into(),
                })
        };
        match step.action {
            StepAction::Delete => {
                let old = if let Some(id) = &step.deposed {
                    self.state.remove_deposed(&step.address, id)
                } else {
                    self.state.remove(&step.address)
                };
                if let Some(old) = old {
                    self.release(&old);
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

    /// Frees the addresses a deleted object held.
    fn release(&mut self, old: &ResourceState) {
        // A NAT gateway's public address is its elastic IP's, which keeps it.
        if let Some(addr) = old.attributes.public_ip_address()
            && !matches!(old.attributes, Attributes::NatGateway(_))
        {
            self.alloc.release_public(addr);
        }
        if let (Some(subnet), Some(addr)) =
            (old.attributes.subnet(), old.attributes.private_ip_address())
        {
            self.alloc.release(subnet, addr);
            let subnet = subnet.clone();
            self.refresh_subnet(&subnet);
        }
    }

    /// The attributes the plan creates or updates the object with.
    fn configured(change: &ResourceChange) -> Result<Attributes, ApplyError> {
        match &change.change.after {
            Some(after) => Ok(after.attributes.clone()),
            None => Err(ApplyError {
                address: change.address.clone(),
                message: "the plan has no attributes to create it with".into(),
            }),
        }
    }

    fn create(&mut self, change: &ResourceChange) -> Result<(), ApplyError> {
        let mut attributes = Self::configured(change)?;
        if change.change.actions == [Action::Create, Action::Delete] {
            self.state.depose(&change.address);
        }
        let replaces = change
            .change
            .before
            .as_ref()
            .and_then(|b| b.id.as_deref())
            .unwrap_or("");
        let id = resource_id(&self.state.lineage, &change.address, replaces);
        let interface = match &mut attributes {
            Attributes::Subnet(s) => {
                let free = usable(&s.cidr).saturating_sub(self.occupied(&change.address));
                s.available_ip_count = Some(free);
                None
            }
            Attributes::ElasticIp(e) => {
                e.public_ip_address = Some(self.allocate_public()?);
                None
            }
            Attributes::NatGateway(n) => {
                let private = self.place(&n.subnet, None, &change.address)?;
                n.private_ip_address = Some(private);
                n.public_ip_address = self.elastic_address(n.elastic_ip.as_ref(), None);
                Some(n.subnet.clone())
            }
            Attributes::Instance(i) => {
                let private = self.place(&i.subnet, i.private_ip, &change.address)?;
                i.private_ip_address = Some(private);
                i.public_ip_address = self.instance_public(i, None)?;
                Some(i.subnet.clone())
            }
            Attributes::Vpc(_)
            | Attributes::InternetGateway(_)
            | Attributes::RouteTable(_)
            | Attributes::SecurityGroup(_)
            | Attributes::NetworkAcl(_)
            | Attributes::VpcPeering(_)
            | Attributes::VpcEndpoint(_)
            | Attributes::Volume(_)
            | Attributes::DhcpOptions(_)
            | Attributes::FlowLog(_) => None,
        };
        self.put(change, id, attributes);
        if let Some(subnet) = interface {
            self.refresh_subnet(&subnet);
        }
        Ok(())
    }

    fn update(&mut self, change: &ResourceChange) -> Result<(), ApplyError> {
        let mut attributes = Self::configured(change)?;
        let old = self
            .state
            .get(&change.address)
            .cloned()
            .ok_or_else(|| ApplyError {
                address: change.address.clone(),
                message: "cannot update, it is not in the state".into(),
            })?;
        attributes.keep_computed(&old.attributes);
        match &mut attributes {
            Attributes::Instance(i) => {
                let kept = i.public_ip_address.take();
                i.public_ip_address = self.instance_public(i, kept)?;
                if i.public_ip_address.is_none()
                    && let Some(k) = kept
                {
                    self.alloc.release_public(k);
                }
            }
            Attributes::Subnet(s) => {
                let free = usable(&s.cidr).saturating_sub(self.occupied(&change.address));
                s.available_ip_count = Some(free);
            }
            Attributes::Vpc(_)
            | Attributes::InternetGateway(_)
            | Attributes::ElasticIp(_)
            | Attributes::NatGateway(_)
            | Attributes::RouteTable(_)
            | Attributes::SecurityGroup(_)
            | Attributes::NetworkAcl(_)
            | Attributes::VpcPeering(_)
            | Attributes::VpcEndpoint(_)
            | Attributes::Volume(_)
            | Attributes::DhcpOptions(_)
            | Attributes::FlowLog(_) => {}
        }
        self.put(change, old.id, attributes);
        Ok(())
    }

    fn put(&mut self, change: &ResourceChange, id: String, attributes: Attributes) {
        self.state.put(ResourceState {
            address: change.address.clone(),
            id,
            attributes,
            dependencies: change.dependencies.clone(),
        });
    }

    /// Interfaces (instances and NAT gateways) in a subnet.
    fn occupied(&self, subnet: &Address) -> u64 {
        self.alloc.occupied(subnet)
    }

    fn refresh_subnet(&mut self, subnet: &Address) {
        let count = self.occupied(subnet);
        if let Some(r) = self.state.get_mut(subnet)
            && let Attributes::Subnet(s) = &mut r.attributes
        {
            s.available_ip_count = Some(usable(&s.cidr).saturating_sub(count));
        }
    }

    /// An interface's private address in `subnet`: its static one, else the
    /// first free one; either way taken from now on.
    fn place(
        &mut self,
        subnet: &Address,
        fixed: Option<Ipv4Addr>,
        who: &Address,
    ) -> Result<Ipv4Addr, ApplyError> {
        if let Some(fixed) = fixed {
            self.alloc.take(subnet, fixed);
            return Ok(fixed);
        }
        let error = |message: String| ApplyError {
            address: who.clone(),
            message,
        };
        let net = match self.state.get(subnet).map(|r| &r.attributes) {
            Some(Attributes::Subnet(s)) => s.cidr.parse::<Ipv4Net>().ok(),
            _ => None,
        }
        .ok_or_else(|| error(format!("{subnet} is not in the state")))?;
        self.alloc.place(subnet, net, None).ok_or_else(|| {
            error(format!(
                "{subnet} ({net}) has no free address left (InsufficientFreeAddressesInSubnet)"
            ))
        })
    }

    fn allocate_public(&mut self) -> Result<Ipv4Addr, ApplyError> {
        self.alloc.allocate_public().ok_or_else(|| ApplyError {
            address: Address::new(skyplan_spec::Kind::ElasticIp, "pool", None),
            message: "the simulated public address pool is exhausted".into(),
        })
    }

    /// The address of an elastic IP; a different address kept from before
    /// goes back to the pool (the elastic IP's own stays taken).
    fn elastic_address(
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
    fn instance_public(
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

/// The usable addresses of a subnet block (AWS keeps five).
fn usable(cidr: &str) -> u64 {
    cidr.parse::<Ipv4Net>()
        .map_or(0, |n| usable_addresses(n.prefix_len()))
}
