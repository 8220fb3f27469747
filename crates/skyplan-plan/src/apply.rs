//! Carrying a plan out on the simulated account (the state): AWS-style
//! ids, private addresses allocated from each subnet's usable range,
//! public addresses from a pool, `available_ip_count` kept up to date.
//! One [`Simulator::run`] call per step, so the caller can persist the state
//! between steps and an interrupted apply leaves exactly what was done.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::net::Ipv4Addr;

use serde_json::{Value, json};
use skyplan_cidr::{Ipv4Net, usable_addresses};
use skyplan_state::{ResourceState, State};

use skyplan_spec::Kind;

use crate::ids::resource_id;
use crate::plan::{Action, Plan, ResourceChange, Step, StepAction};

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

/// The addresses a step changed, live and deposed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Touched {
    pub live: Vec<String>,
    pub deposed: Vec<String>,
}

pub struct Simulator<'p> {
    changes: HashMap<&'p str, &'p ResourceChange>,
    state: State,
    /// Private addresses taken in each subnet (by subnet address).
    taken: HashMap<String, HashSet<Ipv4Addr>>,
    /// Static addresses the plan will assign, so dynamic ones avoid them.
    reserved: HashMap<String, HashSet<Ipv4Addr>>,
    /// Where to start looking for a free address in each subnet.
    cursor: HashMap<String, u32>,
    public_taken: HashSet<Ipv4Addr>,
    public_cursor: u32,
}

fn attr_str<'a>(attrs: &'a BTreeMap<String, Value>, key: &str) -> Option<&'a str> {
    attrs.get(key).and_then(Value::as_str)
}

fn ip(v: Option<&str>) -> Option<Ipv4Addr> {
    v.and_then(|s| s.parse().ok())
}

impl<'p> Simulator<'p> {
    pub fn new(plan: &'p Plan, state: State) -> Simulator<'p> {
        let mut sim = Simulator {
            changes: plan
                .resource_changes
                .iter()
                .filter(|c| c.deposed.is_none())
                .map(|c| (c.address.as_str(), c))
                .collect(),
            state,
            taken: HashMap::new(),
            reserved: HashMap::new(),
            cursor: HashMap::new(),
            public_taken: HashSet::new(),
            public_cursor: 0,
        };
        for r in sim.state.resources.values().chain(&sim.state.deposed) {
            if let (Some(subnet), Some(addr)) = (
                attr_str(&r.attributes, "subnet"),
                ip(attr_str(&r.attributes, "private_ip_address")),
            ) {
                sim.taken
                    .entry(subnet.to_string())
                    .or_default()
                    .insert(addr);
            }
            if let Some(addr) = ip(attr_str(&r.attributes, "public_ip_address")) {
                sim.public_taken.insert(addr);
            }
        }
        for c in &plan.resource_changes {
            if let (Some(subnet), Some(addr)) = (
                c.change.after.get("subnet").and_then(Value::as_str),
                ip(c.change.after.get("private_ip").and_then(Value::as_str)),
            ) {
                sim.reserved
                    .entry(subnet.to_string())
                    .or_default()
                    .insert(addr);
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
    pub fn run(&mut self, step: &Step) -> Result<Touched, String> {
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
            r.and_then(|r| attr_str(&r.attributes, "subnet"))
                .map(str::to_string)
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

    fn run_step(&mut self, step: &Step) -> Result<(), String> {
        let change = || {
            self.changes
                .get(step.address.as_str())
                .copied()
                .ok_or_else(|| format!("{}: not in the plan", step.address))
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
        if let Some(addr) = ip(attr_str(&old.attributes, "public_ip_address"))
            && old.kind != "nat_gateway"
        {
            self.public_taken.remove(&addr);
            self.public_cursor = 0;
        }
        if let (Some(subnet), Some(addr)) = (
            attr_str(&old.attributes, "subnet"),
            ip(attr_str(&old.attributes, "private_ip_address")),
        ) {
            let subnet = subnet.to_string();
            if let Some(set) = self.taken.get_mut(&subnet) {
                set.remove(&addr);
            }
            self.cursor.remove(&subnet);
            self.refresh_subnet(&subnet);
        }
    }

    fn configured(change: &ResourceChange) -> Result<BTreeMap<String, Value>, String> {
        match &change.change.after {
            Value::Object(o) => Ok(o
                .iter()
                .filter(|(k, _)| *k != "id")
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect()),
            _ => Err(format!(
                "{}: the plan has no attributes to create it with",
                change.address
            )),
        }
    }

    fn create(&mut self, change: &ResourceChange) -> Result<(), String> {
        let mut attributes = Self::configured(change)?;
        if change.change.actions == [Action::Create, Action::Delete] {
            self.state.depose(&change.address);
        }
        let replaces = change
            .change
            .before
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or("");
        let kind = Kind::from_singular(&change.kind)
            .ok_or_else(|| format!("{}: unknown kind `{}`", change.address, change.kind))?;
        let id = resource_id(kind, &self.state.lineage, &change.address, replaces);
        match change.kind.as_str() {
            "subnet" => {
                let count = self.occupied(&change.address);
                let usable = Self::usable(&attributes);
                attributes.insert(
                    "available_ip_count".into(),
                    json!(usable.saturating_sub(count)),
                );
            }
            "elastic_ip" => {
                let addr = self.allocate_public()?;
                attributes.insert("public_ip_address".into(), json!(addr.to_string()));
            }
            "nat_gateway" | "instance" => {
                let subnet = attr_str(&attributes, "subnet")
                    .unwrap_or_default()
                    .to_string();
                let private = match ip(attr_str(&attributes, "private_ip")) {
                    Some(fixed) => fixed,
                    None => self.allocate_private(&subnet, &change.address)?,
                };
                self.taken
                    .entry(subnet.clone())
                    .or_default()
                    .insert(private);
                attributes.insert("private_ip_address".into(), json!(private.to_string()));
                if let Some(public) = self.public_for(&attributes, None)? {
                    attributes.insert("public_ip_address".into(), json!(public.to_string()));
                }
                self.put(change, id, attributes);
                self.refresh_subnet(&subnet);
                return Ok(());
            }
            _ => {}
        }
        self.put(change, id, attributes);
        Ok(())
    }

    fn update(&mut self, change: &ResourceChange) -> Result<(), String> {
        let mut attributes = Self::configured(change)?;
        let old =
            self.state.get(&change.address).cloned().ok_or_else(|| {
                format!("{}: cannot update, it is not in the state", change.address)
            })?;
        let kind = Kind::from_singular(&change.kind)
            .ok_or_else(|| format!("{}: unknown kind `{}`", change.address, change.kind))?;
        for c in kind.schema().computed {
            if let Some(v) = old.attributes.get(c.name) {
                attributes.insert(c.name.to_string(), v.clone());
            }
        }
        if change.kind == "instance" {
            let kept = ip(attr_str(&old.attributes, "public_ip_address"));
            attributes.remove("public_ip_address");
            match self.public_for(&attributes, kept)? {
                Some(public) => {
                    attributes.insert("public_ip_address".into(), json!(public.to_string()));
                }
                None => {
                    if let Some(k) = kept {
                        self.public_taken.remove(&k);
                        self.public_cursor = 0;
                    }
                }
            }
        }
        if change.kind == "subnet" {
            let usable = Self::usable(&attributes);
            attributes.insert(
                "available_ip_count".into(),
                json!(usable.saturating_sub(self.occupied(&change.address))),
            );
        }
        self.put(change, old.id, attributes);
        Ok(())
    }

    fn put(&mut self, change: &ResourceChange, id: String, attributes: BTreeMap<String, Value>) {
        self.state.put(ResourceState {
            address: change.address.clone(),
            kind: change.kind.clone(),
            name: change.name.clone(),
            index: change.index,
            id,
            attributes,
            dependencies: change.dependencies.clone(),
        });
    }

    fn usable(attributes: &BTreeMap<String, Value>) -> u64 {
        attr_str(attributes, "cidr")
            .and_then(|c| c.parse::<Ipv4Net>().ok())
            .map_or(0, |n| usable_addresses(n.prefix_len()))
    }

    /// Interfaces (instances and NAT gateways) in a subnet.
    fn occupied(&self, subnet: &str) -> u64 {
        self.taken.get(subnet).map_or(0, |s| s.len() as u64)
    }

    fn refresh_subnet(&mut self, subnet: &str) {
        let count = self.occupied(subnet);
        if let Some(r) = self.state.get_mut(subnet) {
            let usable = Self::usable(&r.attributes);
            r.attributes.insert(
                "available_ip_count".into(),
                json!(usable.saturating_sub(count)),
            );
        }
    }

    /// The first free address from +4, skipping reserved and static ones.
    fn allocate_private(&mut self, subnet: &str, who: &str) -> Result<Ipv4Addr, String> {
        let net = self
            .state
            .get(subnet)
            .and_then(|r| attr_str(&r.attributes, "cidr"))
            .and_then(|c| c.parse::<Ipv4Net>().ok())
            .ok_or_else(|| format!("{who}: {subnet} is not in the state"))?;
        let size = 1u32 << (32 - u32::from(net.prefix_len()));
        let base = u32::from(net.network());
        let taken = self.taken.get(subnet);
        let reserved = self.reserved.get(subnet);
        let start = self.cursor.get(subnet).copied().unwrap_or(4);
        for offset in start.max(4)..size.saturating_sub(1) {
            let addr = Ipv4Addr::from(base + offset);
            if taken.is_some_and(|t| t.contains(&addr))
                || reserved.is_some_and(|r| r.contains(&addr))
            {
                continue;
            }
            self.cursor.insert(subnet.to_string(), offset + 1);
            return Ok(addr);
        }
        Err(format!(
            "{who}: {subnet} ({net}) has no free address left (InsufficientFreeAddressesInSubnet)"
        ))
    }

    fn allocate_public(&mut self) -> Result<Ipv4Addr, String> {
        loop {
            let addr = public_address(self.public_cursor)
                .ok_or("the simulated public address pool is exhausted")?;
            self.public_cursor += 1;
            if self.public_taken.insert(addr) {
                return Ok(addr);
            }
        }
    }

    /// The public address of an instance or NAT gateway: its elastic IP's,
    /// else (for an instance asking for one) the kept or a new pool address.
    fn public_for(
        &mut self,
        attributes: &BTreeMap<String, Value>,
        kept: Option<Ipv4Addr>,
    ) -> Result<Option<Ipv4Addr>, String> {
        if let Some(eip) = attr_str(attributes, "elastic_ip") {
            if let Some(k) = kept {
                self.public_taken.remove(&k);
            }
            return Ok(self
                .state
                .get(eip)
                .and_then(|r| ip(attr_str(&r.attributes, "public_ip_address"))));
        }
        if attributes.get("public_ip") == Some(&json!(true)) {
            return match kept {
                Some(k) => Ok(Some(k)),
                None => self.allocate_public().map(Some),
            };
        }
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::public_address;

    #[test]
    fn the_public_pool_starts_in_documentation_ranges() {
        assert_eq!(public_address(0).unwrap().to_string(), "203.0.113.1");
        assert_eq!(public_address(254).unwrap().to_string(), "198.51.100.1");
        assert_eq!(public_address(762).unwrap().to_string(), "3.0.0.0");
    }
}
