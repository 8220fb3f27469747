//! The state file: what the simulated AWS account holds.
//!
//! The JSON shape is the contract's (`format_version`, `serial`, `lineage`,
//! resources sorted by address). This crate is skyplan's persistence layer
//! and the one library crate that touches files (never the terminal):
//! [`file::write_atomic`] writes a temp file in the same directory, fsyncs
//! it, renames it over the state and fsyncs the directory, so a reader (or a
//! `kill -9`) only ever sees the old or the new state, whole.
//! [`file::StateLock`] stops a second `apply` with std's `File::try_lock`;
//! the OS releases it when the holder dies.

pub mod attributes;
mod built;
mod consistency;
pub mod file;
pub mod moves;
mod stream;

use std::collections::BTreeMap;

use serde::de::{Error as _, MapAccess, Visitor};
use serde::ser::SerializeStruct;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;
pub use skyplan_spec::Address;

pub use crate::attributes::Attributes;
use crate::attributes::AttributesOf;
pub use crate::built::{Built, HostAddresses, InstanceAddresses};
use skyplan_spec::Kind;

/// The state format this build reads and writes.
pub const FORMAT_VERSION: u64 = 1;

/// One resource in the simulated account.
///
/// Written as the contract's object: `address`, then the `kind`, `name`
/// and `index` the address spells (a reader checks they agree), `id`,
/// `attributes`, `dependencies`.
#[derive(Clone, Debug, PartialEq)]
pub struct ResourceState {
    pub address: Address,
    pub id: String,
    /// Of the address's kind.
    pub attributes: Attributes,
    /// Addresses this resource depended on when it was created or updated.
    pub dependencies: Vec<Address>,
}

impl Serialize for ResourceState {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut r = s.serialize_struct("ResourceState", 7)?;
        r.serialize_field("address", &self.address)?;
        r.serialize_field("kind", &self.address.kind)?;
        r.serialize_field("name", &self.address.name)?;
        match self.address.index {
            Some(i) => r.serialize_field("index", &i)?,
            None => r.skip_field("index")?,
        }
        r.serialize_field("id", &self.id)?;
        r.serialize_field("attributes", &self.attributes)?;
        r.serialize_field("dependencies", &self.dependencies)?;
        r.end()
    }
}

impl<'de> Deserialize<'de> for ResourceState {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<ResourceState, D::Error> {
        d.deserialize_struct("ResourceState", FIELDS, WrittenResource)
    }
}

/// The keys of a resource as written.
#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "lowercase")]
enum Field {
    Address,
    Kind,
    Name,
    Index,
    Id,
    Attributes,
    Dependencies,
}

const FIELDS: &[&str] = &[
    "address",
    "kind",
    "name",
    "index",
    "id",
    "attributes",
    "dependencies",
];

/// Reads a resource in one pass, then checks its address against the
/// kind, name and index it spells.
struct WrittenResource;

impl<'de> Visitor<'de> for WrittenResource {
    type Value = ResourceState;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a resource: address, kind, name, id, attributes, dependencies")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ResourceState, A::Error> {
        fn once<T, E: serde::de::Error>(
            slot: &mut Option<T>,
            value: T,
            key: &'static str,
        ) -> Result<(), E> {
            match slot.replace(value) {
                None => Ok(()),
                Some(_) => Err(E::duplicate_field(key)),
            }
        }
        let (mut address, mut kind, mut name, mut index, mut id) = (None, None, None, None, None);
        // Typed when the kind came before them (as skyplan writes it: one
        // pass over the text), else kept as text until the kind is known (a
        // state edited by hand).
        let (mut typed, mut text, mut dependencies) = (None, None::<Box<RawValue>>, None);
        while let Some(key) = map.next_key::<Field>()? {
            match key {
                Field::Address => once(&mut address, map.next_value::<String>()?, "address")?,
                Field::Kind => once(&mut kind, map.next_value::<String>()?, "kind")?,
                Field::Name => once(&mut name, map.next_value::<String>()?, "name")?,
                Field::Index => once(&mut index, map.next_value::<Option<u32>>()?, "index")?,
                Field::Id => once(&mut id, map.next_value::<String>()?, "id")?,
                Field::Attributes if typed.is_some() || text.is_some() => {
                    return Err(A::Error::duplicate_field("attributes"));
                }
                Field::Attributes => match kind.as_deref().and_then(Kind::from_singular) {
                    Some(k) => typed = Some(map.next_value_seed(AttributesOf(k))?),
                    None => text = Some(map.next_value()?),
                },
                Field::Dependencies => once(
                    &mut dependencies,
                    map.next_value::<Vec<Address>>()?,
                    "dependencies",
                )?,
            }
        }
        let address = address.ok_or_else(|| A::Error::missing_field("address"))?;
        let kind = kind.ok_or_else(|| A::Error::missing_field("kind"))?;
        let name = name.ok_or_else(|| A::Error::missing_field("name"))?;
        let index = index.flatten();
        // The address must be what its kind, name and index spell: a state
        // whose address says something else was edited by hand or forged.
        let parsed: Address = address.parse().ok().filter(|a: &Address| {
            a.kind.singular() == kind && a.name == name && a.index == index
        }).ok_or_else(|| {
            A::Error::custom(format!(
                "the address `{}` is not `kind.name` or `kind.name[index]` for kind `{}` and name `{}`",
                address.escape_debug(),
                kind.escape_debug(),
                name.escape_debug()
            ))
        })?;
        // Typed as `kind`, which the check above found the address's.
        let attributes = match (typed, text) {
            (Some(a), _) => a,
            (None, Some(text)) => Attributes::from_json(parsed.kind, text.get())
                .map_err(|e| A::Error::custom(format!("the attributes of {parsed}: {e}")))?,
            (None, None) => return Err(A::Error::missing_field("attributes")),
        };
        Ok(ResourceState {
            address: parsed,
            id: id.ok_or_else(|| A::Error::missing_field("id"))?,
            attributes,
            dependencies: dependencies.unwrap_or_default(),
        })
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct State {
    pub format_version: u64,
    pub serial: u64,
    pub lineage: String,
    /// By address; written as a list sorted by address.
    #[serde(with = "resource_list")]
    pub resources: BTreeMap<Address, ResourceState>,
    /// Old objects of create-before-destroy replacements whose new object
    /// exists but which are not deleted yet (an apply was interrupted
    /// between the two). The next plan deletes them.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "deposed_list"
    )]
    pub deposed: Vec<ResourceState>,
    /// Objects `state rm` took out of skyplan's hands. They still exist in
    /// the cloud, so their addresses stay taken and a new object never
    /// gets their ids or addresses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub forgotten: Vec<Forgotten>,
    /// Default security groups and network ACLs a VPC no longer takes over
    /// (`default_security_group:` removed from the spec). AWS keeps them
    /// with their rules as they were, as Terraform's `aws_default_*` do;
    /// reachability reads them. A VPC deleted takes them along.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub released: Vec<ResourceState>,
    /// What the internet reached when the last apply finished (`None`: not
    /// recorded, a state from before it was), for the next plan to say
    /// what it opens and closes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exposure: Option<Vec<Exposed>>,
    /// The digest of the spec (files and variable values) a whole apply
    /// last made the state match; `None` once anything else changed it
    /// (an interrupted apply, `state rm`, `state mv`). While the spec has
    /// this digest, the state is the network it describes, as is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applied_spec: Option<String>,
}

/// One protocol and port range the whole internet reaches on a host or a
/// load balancer.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exposed {
    /// `instance.web[0]`, `load_balancer.front`, `db_instance.orders`.
    pub address: String,
    pub protocol: ExposedProtocol,
    /// Inclusive; `0`-`0` for ICMP (echo request).
    pub from_port: u16,
    pub to_port: u16,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExposedProtocol {
    Tcp,
    Udp,
    Icmp,
}

impl std::fmt::Display for Exposed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let protocol = match self.protocol {
            ExposedProtocol::Tcp => "tcp",
            ExposedProtocol::Udp => "udp",
            ExposedProtocol::Icmp => return write!(f, "internet -> {} icmp", self.address),
        };
        write!(
            f,
            "internet -> {} {protocol}/{}",
            self.address, self.from_port
        )?;
        if self.to_port != self.from_port {
            write!(f, "-{}", self.to_port)?;
        }
        Ok(())
    }
}

/// An object removed from the state with `state rm`: what it still holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Forgotten {
    pub address: Address,
    pub id: String,
    /// Private addresses, by the id of the subnet they are in (a subnet
    /// replaced since has another id: the address is free there).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub private_ips: Vec<HeldAddress>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub public_ips: Vec<std::net::Ipv4Addr>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeldAddress {
    pub subnet_id: String,
    pub address: std::net::Ipv4Addr,
}

/// The resources as the contract's sorted list. Reading refuses a list
/// that names one address twice (keeping either copy would lose the other's
/// id).
mod resource_list {
    use std::collections::BTreeMap;

    use serde::de::{Error, SeqAccess, Visitor};
    use serde::{Deserializer, Serializer};

    use crate::{Address, ResourceMap, ResourceState};

    pub fn serialize<S: Serializer>(
        map: &BTreeMap<Address, ResourceState>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.collect_seq(map.values())
    }

    /// Into a [`ResourceMap`].
    struct Resources;

    impl<'de> Visitor<'de> for Resources {
        type Value = BTreeMap<Address, ResourceState>;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a list of resources")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut map = ResourceMap::with_capacity(seq.size_hint().unwrap_or(0));
            while let Some(r) = seq.next_element::<ResourceState>()? {
                map.insert(r).map_err(A::Error::custom)?;
            }
            map.into_map().map_err(A::Error::custom)
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<BTreeMap<Address, ResourceState>, D::Error> {
        d.deserialize_seq(Resources)
    }
}

/// A state's resources as they are read, listed, then built into the map
/// at once: a map filled one insertion at a time in address order (as
/// skyplan writes them) searches it from the root for each (a twentieth
/// of a large no-op plan), and leaves every node half empty. A resource
/// with the previous one's tags shares them (most carry the stack's
/// default tags).
struct ResourceMap {
    read: Vec<(Address, ResourceState)>,
    sorted: bool,
    previous_tags: skyplan_spec::TagSet,
}

impl ResourceMap {
    /// Room for `n` resources (reserved, not touched until they come).
    fn with_capacity(n: usize) -> ResourceMap {
        ResourceMap {
            read: Vec::with_capacity(n),
            sorted: true,
            previous_tags: skyplan_spec::TagSet::new(),
        }
    }

    /// Refuses a second resource at one address (keeping either would
    /// lose the other's id): here when the list is sorted, as skyplan
    /// writes it, else in [`ResourceMap::into_map`].
    fn insert(&mut self, mut r: ResourceState) -> Result<(), String> {
        r.attributes.share_tags(&self.previous_tags);
        self.previous_tags = r.attributes.tags().clone();
        if let Some((last, first)) = self.read.last() {
            match last.cmp(&r.address) {
                std::cmp::Ordering::Less => {}
                std::cmp::Ordering::Equal => return Err(twice(first, &r)),
                std::cmp::Ordering::Greater => self.sorted = false,
            }
        }
        self.read.push((r.address.clone(), r));
        Ok(())
    }

    fn into_map(mut self) -> Result<BTreeMap<Address, ResourceState>, String> {
        if !self.sorted {
            // Stable: of one address twice, the first read comes first.
            self.read.sort_by(|a, b| a.0.cmp(&b.0));
            if let Some(pair) = self.read.windows(2).find(|p| p[0].0 == p[1].0) {
                return Err(twice(&pair[0].1, &pair[1].1));
            }
        }
        // From a sorted list, the map is built bottom up, its nodes full.
        Ok(BTreeMap::from_iter(self.read))
    }
}

/// At most how many resources a state file of `bytes` holds as skyplan
/// writes them (each takes well over 160 bytes): room reserved for them
/// is only touched as they come, and a file of smaller ones (written by
/// hand) grows the list as it is read.
fn most_resources_in(bytes: u64) -> usize {
    usize::try_from(bytes / 160).unwrap_or(0)
}

fn twice(first: &ResourceState, second: &ResourceState) -> String {
    format!(
        "the address `{}` appears twice (ids {} and {})",
        first.address, first.id, second.id
    )
}

/// The deposed objects, sorted.
fn deposed_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<ResourceState>, D::Error> {
    let mut list = Vec::<ResourceState>::deserialize(d)?;
    list.sort_by(deposed_order);
    Ok(list)
}

/// Deposed objects are kept sorted by address, then id, so a state replayed
/// from its journal is byte-identical to the one the apply wrote.
fn deposed_order(a: &ResourceState, b: &ResourceState) -> std::cmp::Ordering {
    (&a.address, &a.id).cmp(&(&b.address, &b.id))
}

/// What one apply step changed: the new value of every live address it
/// touched, and the whole list of deposed objects of every address whose
/// deposed objects it touched (one address may have several).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Delta {
    #[serde(default)]
    pub resources: BTreeMap<Address, Option<ResourceState>>,
    #[serde(default)]
    pub deposed: BTreeMap<Address, Vec<ResourceState>>,
    /// The whole list of released default objects, when the step changed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub released: Option<Vec<ResourceState>>,
}

/// A [`Delta`] borrowed from the state it describes: what the journal
/// writes (the same JSON as the `Delta` a replay reads back).
#[derive(Debug, Serialize)]
pub struct DeltaView<'a> {
    resources: BTreeMap<&'a Address, Option<&'a ResourceState>>,
    deposed: BTreeMap<&'a Address, Vec<&'a ResourceState>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    released: Option<&'a [ResourceState]>,
}

/// Why a state file could not be used. It is never overwritten then.
#[derive(Debug, PartialEq, Eq)]
pub enum StateError {
    /// Not valid JSON or not the state shape (truncated, edited by hand).
    Corrupt {
        line: usize,
        column: usize,
        message: String,
    },
    /// Written by a newer skyplan.
    FutureVersion(u64),
    /// A journal with no state file to continue: it belongs to a state that
    /// is gone or elsewhere, so replaying it would adopt a stranger's objects.
    OrphanJournal {
        journal: String,
        lineage: String,
    },
    /// Reads, but breaks what every state skyplan writes holds (a hand
    /// edit): the first offending address and what is wrong there.
    Inconsistent {
        address: String,
        message: String,
    },
    /// The serial cannot grow any more.
    SerialExhausted,
    Io(String),
}

impl std::fmt::Display for StateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StateError::Corrupt {
                line,
                column,
                message,
            } => {
                write!(
                    f,
                    "the state file is corrupt at line {line}, column {column}: {message}"
                )
            }
            StateError::FutureVersion(v) => write!(
                f,
                "the state file has format_version {v}; this skyplan reads version {FORMAT_VERSION} (upgrade skyplan)"
            ),
            StateError::OrphanJournal { journal, lineage } => write!(
                f,
                "{journal} continues a state of lineage `{lineage}`, but there is no state file for it to continue; move the journal away (or restore the state file it belongs to)"
            ),
            StateError::Inconsistent { address, message } => write!(
                f,
                "the state file is inconsistent at {address}: {message} (was it edited by hand? restore the backup, or fix or remove that resource)"
            ),
            StateError::SerialExhausted => f.write_str(
                "the state's serial is at its maximum and cannot grow; the state was not written",
            ),
            StateError::Io(e) => f.write_str(e),
        }
    }
}

impl State {
    pub fn new(lineage: String) -> State {
        State {
            format_version: FORMAT_VERSION,
            serial: 0,
            lineage,
            resources: BTreeMap::new(),
            deposed: Vec::new(),
            forgotten: Vec::new(),
            released: Vec::new(),
            exposure: None,
            applied_spec: None,
        }
    }

    pub fn parse(text: &str) -> Result<State, StateError> {
        #[derive(Deserialize)]
        struct Version {
            format_version: u64,
        }
        // A newer file is named as such, not as corrupt: its version is
        // looked at only when the whole does not read (or reads newer).
        let future = || match serde_json::from_str::<Version>(text) {
            Ok(v) if v.format_version > FORMAT_VERSION => Some(v.format_version),
            _ => None,
        };
        match serde_json::from_str::<State>(text) {
            Ok(s) if s.format_version > FORMAT_VERSION => {
                Err(StateError::FutureVersion(s.format_version))
            }
            Ok(s) => Ok(s),
            Err(e) => Err(match future() {
                Some(v) => StateError::FutureVersion(v),
                None => StateError::Corrupt {
                    line: e.line(),
                    column: e.column(),
                    message: e.to_string(),
                },
            }),
        }
    }

    /// The state `reader` reads, taken in pieces (see `stream`); `None`
    /// when it does not read that way: [`State::parse`] of the whole text
    /// says why.
    /// `bytes`, the file's size, bounds how many resources it can hold.
    fn read_streamed(reader: impl std::io::Read, bytes: u64) -> Option<State> {
        let mut resources = ResourceMap::with_capacity(most_resources_in(bytes));
        let rest = stream::object(reader, |r| resources.insert(r).is_ok())?;
        let mut state = serde_json::from_str::<State>(&rest).ok()?;
        state.resources = resources.into_map().ok()?;
        (state.format_version <= FORMAT_VERSION).then_some(state)
    }

    /// Pretty, sorted JSON with a final newline: human-diffable.
    pub fn to_json(&self) -> String {
        let mut out = Vec::new();
        // Writing to a Vec cannot fail, and a state serializes whole.
        let _ = self.write_json(&mut out);
        String::from_utf8(out).unwrap_or_default()
    }

    /// [`State::to_json`] written to `out` as it is made.
    pub fn write_json(&self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, self)?;
        out.write_all(b"\n")
    }

    pub fn get(&self, address: &Address) -> Option<&ResourceState> {
        self.resources.get(address)
    }

    pub fn get_mut(&mut self, address: &Address) -> Option<&mut ResourceState> {
        self.resources.get_mut(address)
    }

    /// Inserts or replaces a resource.
    pub fn put(&mut self, resource: ResourceState) {
        self.resources.insert(resource.address.clone(), resource);
    }

    pub fn remove(&mut self, address: &Address) -> Option<ResourceState> {
        self.resources.remove(address)
    }

    /// `state rm`: takes a resource out of the state and remembers what its
    /// object, which still exists, holds.
    pub fn forget(&mut self, address: &Address) -> Option<ResourceState> {
        let removed = self.resources.remove(address)?;
        let private_ips = removed
            .attributes
            .held_addresses()
            .into_iter()
            .filter_map(|(subnet, address)| {
                Some(HeldAddress {
                    subnet_id: self.resources.get(subnet)?.id.clone(),
                    address,
                })
            })
            .collect();
        let public_ips = removed.attributes.public_ip_address().into_iter().collect();
        self.forgotten.push(Forgotten {
            address: removed.address.clone(),
            id: removed.id.clone(),
            private_ips,
            public_ips,
        });
        Some(removed)
    }

    /// The private addresses forgotten objects hold, by the address of the
    /// subnet (still of the same id) they are in.
    pub fn forgotten_addresses(&self) -> Vec<(&Address, std::net::Ipv4Addr)> {
        let by_id: std::collections::HashMap<&str, &Address> = self
            .resources
            .values()
            .map(|r| (r.id.as_str(), &r.address))
            .collect();
        self.forgotten
            .iter()
            .flat_map(|f| &f.private_ips)
            .filter_map(|h| Some((*by_id.get(h.subnet_id.as_str())?, h.address)))
            .collect()
    }

    /// Refuses a state that breaks what every state skyplan writes holds
    /// (unique ids, addresses in their subnets, groups at their size).
    pub fn check_consistent(&self) -> Result<(), StateError> {
        consistency::check(self)
    }

    /// Whether two states hold the same content (everything but the serial).
    pub fn same_content(&self, other: &State) -> bool {
        self.lineage == other.lineage
            && self.resources == other.resources
            && self.deposed == other.deposed
            && self.forgotten == other.forgotten
            && self.released == other.released
            && self.exposure == other.exposure
            && self.applied_spec == other.applied_spec
    }

    /// The serial after `steps` more content changes.
    /// Its lineage and serial without its objects: what a journal
    /// continuing it needs to know of it.
    pub fn header(&self) -> State {
        State {
            serial: self.serial,
            ..State::new(self.lineage.clone())
        }
    }

    pub fn serial_after(&self, steps: u64) -> Result<u64, StateError> {
        self.serial
            .checked_add(steps)
            .filter(|s| *s < u64::MAX)
            .ok_or(StateError::SerialExhausted)
    }

    /// Moves the object at `address` aside as deposed (its replacement is
    /// about to take the address).
    pub fn depose(&mut self, address: &Address) {
        if let Some(old) = self.remove(address) {
            self.deposed.push(old);
            self.deposed.sort_by(deposed_order);
        }
    }

    /// Applies one journal record.
    pub fn apply_delta(&mut self, delta: &Delta) {
        for (address, r) in &delta.resources {
            match r {
                Some(r) => self.put(r.clone()),
                None => {
                    self.remove(address);
                }
            }
        }
        for (address, list) in &delta.deposed {
            self.deposed.retain(|r| &r.address != address);
            self.deposed.extend(list.iter().cloned());
        }
        self.deposed.sort_by(deposed_order);
        if let Some(released) = &delta.released {
            self.released.clone_from(released);
        }
    }

    /// The record that brings another state's copy of these addresses to
    /// this state (`None`: the address is gone), borrowed from it: written
    /// once per apply step, it copies nothing.
    pub fn delta<'a>(
        &'a self,
        live: &'a [Address],
        deposed: &'a [Address],
        released: bool,
    ) -> DeltaView<'a> {
        DeltaView {
            released: released.then_some(self.released.as_slice()),
            resources: live.iter().map(|a| (a, self.get(a))).collect(),
            deposed: deposed
                .iter()
                .map(|a| (a, self.deposed.iter().filter(|r| &r.address == a).collect()))
                .collect(),
        }
    }

    /// Removes the deposed object of `address` with `id`.
    pub fn remove_deposed(&mut self, address: &Address, id: &str) -> Option<ResourceState> {
        let i = self
            .deposed
            .iter()
            .position(|r| &r.address == address && r.id == id)?;
        Some(self.deposed.remove(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A VPC at `address`, for tests.
    pub(crate) fn resource(address: &str) -> ResourceState {
        ResourceState {
            address: at(address),
            // Unique per address: a state never holds one id twice.
            id: format!("vpc-{}", address.replace('.', "-")),
            attributes: Attributes::from_json(
                skyplan_spec::Kind::Vpc,
                r#"{"cidr": "10.0.0.0/16"}"#,
            )
            .unwrap(),
            dependencies: Vec::new(),
        }
    }

    pub(crate) fn at(address: &str) -> Address {
        address.parse().unwrap()
    }

    /// A state whose one resource is the JSON object `resource`.
    fn with_resource(resource: &str) -> String {
        format!(
            r#"{{"format_version": 1, "serial": 1, "lineage": "l", "resources": [{resource}]}}"#
        )
    }

    /// Attributes read in one pass after their kind, or kept as text until
    /// it comes (a hand-edited state): the same resource either way.
    #[test]
    fn a_resource_reads_the_same_whatever_its_key_order() {
        let fields = [
            r#""address": "vpc.a""#,
            r#""kind": "vpc""#,
            r#""name": "a""#,
            r#""id": "vpc-1""#,
            r#""attributes": {"cidr": "10.0.0.0/16"}"#,
        ];
        let written = State::parse(&with_resource(&format!("{{{}}}", fields.join(", ")))).unwrap();
        let reversed: Vec<&str> = fields.iter().rev().copied().collect();
        let edited = State::parse(&with_resource(&format!("{{{}}}", reversed.join(", ")))).unwrap();
        assert_eq!(written, edited);
        assert_eq!(written.resources[&at("vpc.a")].id, "vpc-1");
    }

    #[test]
    fn a_resource_with_a_key_twice_or_unknown_or_missing_is_refused() {
        let cases = [
            (
                r#"{"address": "vpc.a", "kind": "vpc", "name": "a", "id": "vpc-1", "id": "vpc-2", "attributes": {"cidr": "10.0.0.0/16"}}"#,
                "duplicate field `id`",
            ),
            (
                r#"{"address": "vpc.a", "kind": "vpc", "name": "a", "id": "vpc-1", "colour": 1, "attributes": {"cidr": "10.0.0.0/16"}}"#,
                "unknown field `colour`",
            ),
            (
                r#"{"address": "vpc.a", "kind": "vpc", "name": "a", "attributes": {"cidr": "10.0.0.0/16"}}"#,
                "missing field `id`",
            ),
            (
                r#"{"address": "vpc.a", "kind": "vpc", "name": "a", "id": "vpc-1", "attributes": {"cidr": "10.0.0.0/16"}, "attributes": {"cidr": "10.1.0.0/16"}}"#,
                "duplicate field `attributes`",
            ),
            (
                r#"{"address": "vpc.a", "kind": "vpc", "name": "a", "id": "vpc-1", "attributes": {"cidr": "10.0.0.0/16", "ipv4": true}}"#,
                "unknown field `ipv4`",
            ),
            (
                r#"{"attributes": {"cidr": "10.0.0.0/16", "ipv4": true}, "address": "vpc.a", "kind": "vpc", "name": "a", "id": "vpc-1"}"#,
                "the attributes of vpc.a: unknown field `ipv4`",
            ),
            (
                r#"{"address": "subnet.a", "kind": "vpc", "name": "a", "id": "vpc-1", "attributes": {"cidr": "10.0.0.0/16"}}"#,
                "is not `kind.name`",
            ),
        ];
        for (resource, expected) in cases {
            match State::parse(&with_resource(resource)) {
                Err(StateError::Corrupt { message, .. }) => {
                    assert!(message.contains(expected), "{resource}: {message}")
                }
                other => panic!("{resource}: {other:?}"),
            }
        }
    }

    #[test]
    fn resources_stay_sorted_and_round_trip() {
        let mut s = State::new("l".into());
        s.put(resource("vpc.b"));
        s.put(resource("vpc.a"));
        assert_eq!(s.resources.keys().next(), Some(&at("vpc.a")));
        assert!(
            s.to_json().find("vpc.a") < s.to_json().find("vpc.b"),
            "written sorted"
        );
        let back = State::parse(&s.to_json()).unwrap();
        assert_eq!(back, s);
        assert_eq!(State::read_streamed(s.to_json().as_bytes(), 0), Some(back));
        assert!(s.remove(&at("vpc.a")).is_some());
        assert!(s.get(&at("vpc.a")).is_none());
    }

    #[test]
    fn corrupt_and_future_files_are_named() {
        let truncated = &State::new("l".into()).to_json()[..20];
        assert!(matches!(
            State::parse(truncated),
            Err(StateError::Corrupt { .. })
        ));
        let future = r#"{"format_version": 9, "serial": 1, "lineage": "x", "resources": []}"#;
        assert_eq!(State::parse(future), Err(StateError::FutureVersion(9)));
        // The reading in pieces leaves them to the whole reading, which
        // names what is wrong.
        for text in [truncated, future] {
            assert_eq!(State::read_streamed(text.as_bytes(), 0), None, "{text}");
        }
    }

    fn with(resources: Vec<ResourceState>) -> String {
        let list: Vec<String> = resources
            .iter()
            .map(|r| serde_json::to_string(r).unwrap())
            .collect();
        format!(
            r#"{{"format_version": 1, "serial": 1, "lineage": "l", "resources": [{}]}}"#,
            list.join(",")
        )
    }

    #[test]
    fn a_state_naming_an_address_twice_is_corrupt() {
        let mut second = resource("vpc.a");
        second.id = "vpc-1111111111111111f".into();
        // Out of order (edited by hand): sorted as read, the two found then.
        let unsorted = with(vec![
            resource("vpc.b"),
            resource("vpc.a"),
            resource("vpc.c"),
        ]);
        let read = State::parse(&unsorted).unwrap();
        assert!(read.resources.keys().is_sorted());
        assert_eq!(State::read_streamed(unsorted.as_bytes(), 0), Some(read));
        let apart = with(vec![resource("vpc.a"), resource("vpc.b"), second.clone()]);
        match State::parse(&apart) {
            Err(StateError::Corrupt { message, .. }) => assert!(
                message.contains("`vpc.a` appears twice (ids vpc-vpc-a and vpc-1111111111111111f)"),
                "{message}"
            ),
            other => panic!("expected corrupt, got {other:?}"),
        }
        let text = with(vec![resource("vpc.a"), second]);
        assert_eq!(
            State::read_streamed(text.as_bytes(), 0),
            None,
            "left to the whole read"
        );
        match State::parse(&text) {
            Err(StateError::Corrupt { message, .. }) => {
                assert!(message.contains("`vpc.a` appears twice"), "{message}")
            }
            other => panic!("expected corrupt, got {other:?}"),
        }
    }

    #[test]
    fn addresses_must_spell_kind_name_and_index() {
        let written = with(vec![resource("vpc.a")]);
        for (from, to) in [
            (r#""address":"vpc.a""#, r#""address":"vpc.a (deposed)""#),
            (r#""address":"vpc.a""#, r#""address":"vpc.b""#),
            (r#""kind":"vpc""#, r#""kind":"subnet""#),
            (r#""name":"a""#, r#""name":"b""#),
        ] {
            let forged = written.replace(from, to);
            assert_ne!(forged, written);
            assert!(
                matches!(State::parse(&forged), Err(StateError::Corrupt { .. })),
                "{forged}"
            );
        }
        let copy = written
            .replace(r#""address":"vpc.a""#, r#""address":"vpc.a[3]""#)
            .replace(r#""name":"a""#, r#""name":"a","index":3"#);
        assert_eq!(
            State::parse(&copy).unwrap().resources.keys().next(),
            Some(&at("vpc.a[3]"))
        );
    }

    #[test]
    fn the_serial_never_wraps() {
        let mut s = State::new("l".into());
        s.serial = u64::MAX - 2;
        assert_eq!(s.serial_after(1), Ok(u64::MAX - 1));
        assert_eq!(s.serial_after(2), Err(StateError::SerialExhausted));
    }

    #[test]
    fn several_deposed_objects_of_one_address_replay_exactly() {
        let mut s = State::new("l".into());
        for id in ["vpc-2", "vpc-1", "vpc-3"] {
            let mut r = resource("vpc.a");
            r.id = id.into();
            s.deposed.push(r);
        }
        s.deposed.sort_by(deposed_order);
        let mut replayed = s.clone();
        s.remove_deposed(&at("vpc.a"), "vpc-2").unwrap();
        let line = serde_json::to_string(&s.delta(&[], &[at("vpc.a")], false)).unwrap();
        replayed.apply_delta(&serde_json::from_str(&line).unwrap());
        assert_eq!(replayed, s);
        let ids: Vec<&str> = s.deposed.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["vpc-1", "vpc-3"]);
    }
}
