//! A live network's snapshot (the AWS CLI's `describe-*` outputs of one
//! region) turned into a stack: spec files that say the network in
//! skyplan's language, with references as names, and a state holding the
//! real ids and addresses, so `plan` right after says "No changes" and
//! `lint`, `reach` and `exposure` work on the real network.
//!
//! Two steps, with the stack's own check in between (the caller loads the
//! spec texts like any stack): [`import`] reads the snapshot and writes the
//! specs, noting everything they cannot say; [`state`] plans those specs
//! from nothing, carries the plan out with apply's simulator and puts the
//! snapshot's ids and addresses in, so every configured attribute is the
//! specs' by construction. Nothing here touches files.

mod base64;
mod build;
mod names;
mod snapshot;
mod yaml;

use std::collections::BTreeMap;
use std::fmt;
use std::net::{Ipv4Addr, Ipv6Addr};

use skyplan_plan::{Desired, PlanOptions, Simulator};
use skyplan_spec::Address;
use skyplan_state::{Attributes, State};

pub use snapshot::{OPTIONAL, REQUIRED, SnapshotFile, TOGETHER};

/// Why a snapshot cannot be imported: the file, and the id when one
/// record is at fault.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError {
    pub file: String,
    pub id: Option<String>,
    pub problem: Problem,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// A file every snapshot has is not there.
    Missing,
    /// Not JSON, or not the command's output.
    Malformed(String),
    /// A resource of another region than the snapshot's.
    OtherRegion { region: String, expected: String },
    /// A record names an id the snapshot does not hold.
    Absent { what: &'static str, id: String },
    /// The records contradict each other (an address outside its subnet).
    Inconsistent(String),
}

impl ImportError {
    pub(crate) fn new(file: &str, id: Option<&str>, problem: Problem) -> ImportError {
        ImportError {
            file: file.to_string(),
            id: id.map(str::to_string),
            problem,
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(id) = &self.id {
            write!(f, ": {id}")?;
        }
        match &self.problem {
            Problem::Missing => write!(
                f,
                ": missing from the snapshot; scripts/snapshot.sh writes every file import needs"
            ),
            Problem::Malformed(what) => write!(f, ": {what}"),
            Problem::OtherRegion { region, expected } => write!(
                f,
                ": is in {region}, the snapshot's other resources in {expected}; a snapshot holds one region (one folder per region)"
            ),
            Problem::Absent { what, id } => write!(
                f,
                ": names {what} {id}, which the snapshot does not hold; take the snapshot again (all files at one time)"
            ),
            Problem::Inconsistent(what) => write!(f, ": {what}"),
        }
    }
}

impl std::error::Error for ImportError {}

/// Something of the network the specs cannot say, or say only in part.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// The AWS id it is about; `None`: the snapshot as a whole.
    pub id: Option<String>,
    pub text: String,
}

/// How to import.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The region, when no subnet, instance or volume says it.
    pub region: Option<String>,
    /// Import default VPCs (and everything in them) too.
    pub default_vpcs: bool,
    /// Addresses already given to ids (a state's): they keep their names.
    pub known: BTreeMap<String, Address>,
}

/// The snapshot as a stack.
#[derive(Debug)]
pub struct Imported {
    /// Spec files: name and text.
    pub files: Vec<(String, String)>,
    /// What apply cannot know: every resource's id and addresses.
    pub observed: Observed,
    pub notes: Vec<Note>,
    pub region: String,
}

/// The real id and addresses of each resource of the specs.
#[derive(Clone, Debug, Default)]
pub struct Observed {
    pub(crate) by_address: BTreeMap<Address, Real>,
}

/// One resource's id and the addresses AWS gave it.
#[derive(Clone, Debug, Default)]
pub(crate) struct Real {
    pub(crate) id: String,
    pub(crate) private_ip: Option<Ipv4Addr>,
    pub(crate) public_ip: Option<Ipv4Addr>,
    pub(crate) ipv6_address: Option<Ipv6Addr>,
    pub(crate) ipv6_block: Option<String>,
    /// The name of the subnet its private address is in.
    pub(crate) subnet: Option<String>,
    /// An interface endpoint's or load balancer's addresses, in the order
    /// of its subnets.
    pub(crate) private_ips: Option<Vec<Ipv4Addr>>,
    /// More addresses it holds (a load balancer's, a group's instances'),
    /// by the name of their subnet.
    pub(crate) held: Vec<(String, Ipv4Addr)>,
    pub(crate) dns_name: Option<String>,
    /// An auto scaling group's instances.
    pub(crate) group_instances: Option<Vec<build::Member>>,
}

/// Reads a snapshot and writes it as spec files.
pub fn import(files: &[SnapshotFile], options: &Options) -> Result<Imported, ImportError> {
    let snapshot = snapshot::Snapshot::read(files)?;
    build::Builder::new(&snapshot, options)?.build()
}

/// The state of the imported network: `desired` (the imported specs,
/// loaded) planned from nothing and carried out by apply's simulator,
/// then given the snapshot's ids and addresses.
pub fn state(
    desired: &[Desired],
    observed: &Observed,
    lineage: String,
) -> Result<State, ImportError> {
    let plan =
        skyplan_plan::plan(desired, None, &PlanOptions::default(), "", "").map_err(|errors| {
            let what: Vec<String> = errors.iter().map(ToString::to_string).collect();
            inconsistent(None, what.join("; "))
        })?;
    let mut sim = Simulator::new(&plan, State::new(lineage));
    // The real addresses are taken before any step runs; a static one the
    // specs ask for is the simulator's to give.
    let asked: std::collections::BTreeSet<Ipv4Addr> = desired
        .iter()
        .filter_map(|d| match &d.attributes {
            Attributes::Instance(i) => i.private_ip,
            _ => None,
        })
        .collect();
    let subnet = |name: &str| Address::new(skyplan_spec::Kind::Subnet, name, None);
    for real in observed.by_address.values() {
        if let Some(name) = &real.subnet {
            let private = real.private_ip.filter(|ip| !asked.contains(ip));
            sim.hold(&subnet(name), private, real.public_ip);
        }
        for (name, ip) in &real.held {
            sim.hold(&subnet(name), Some(*ip), None);
        }
    }
    for step in &plan.apply_order {
        sim.run(step)
            .map_err(|e| inconsistent(Some(&step.address), e.to_string()))?;
    }
    let mut state = sim.into_state();
    // Specs that lost a resource (a declaration dropped for an error)
    // would plan to create what exists.
    if let Some(lost) = observed
        .by_address
        .keys()
        .find(|a| !state.resources.contains_key(a))
    {
        return Err(inconsistent(
            Some(lost),
            "the imported specs do not declare it as written (an error above drops it)".into(),
        ));
    }
    let simulated = ipv6_bases(&state);
    for (address, resource) in state.resources.iter_mut() {
        let Some(real) = observed.by_address.get(address) else {
            return Err(inconsistent(
                Some(address),
                "the imported specs declare it, but the snapshot has no id for it".into(),
            ));
        };
        resource.id = real.id.clone();
        put_addresses(&mut resource.attributes, real);
    }
    let real_bases = ipv6_bases(&state);
    for (address, resource) in state.resources.iter_mut() {
        let unseen = observed
            .by_address
            .get(address)
            .is_some_and(|r| r.ipv6_address.is_none());
        if let (true, Attributes::Instance(i)) = (unseen, &mut resource.attributes) {
            rebase_ipv6(i, &simulated, &real_bases);
        }
    }
    state
        .check_consistent()
        .map_err(|e| inconsistent(None, e.to_string()))?;
    Ok(state)
}

/// What a snapshot cannot show, taken from the state for the resources
/// it holds, so a refresh never reports it as changed: an instance's user
/// data (not in describe-instances), whether its address was asked for
/// (`private_ip`: AWS reports only the address), and its root volume
/// settings when the state leaves them to the AMI.
pub fn carry_unobservable(desired: &mut [Desired], saved: &State) {
    for d in desired {
        let Some(before) = saved.get(&d.address) else {
            continue;
        };
        if let (Attributes::Instance(now), Attributes::Instance(then)) =
            (&mut d.attributes, &before.attributes)
        {
            now.user_data.clone_from(&then.user_data);
            now.private_ip = then.private_ip;
            if then.root_volume.is_none() {
                now.root_volume = None;
            }
        }
    }
}

/// The saved state as the snapshot shows the network: `refreshed_desired`
/// (the snapshot imported with the state's names, loaded, and given what
/// it cannot show by [`carry_unobservable`]) built as [`state`] builds
/// one, with the saved state's lineage, serial and bookkeeping.
pub fn refresh(
    refreshed_desired: &[Desired],
    observed: &Observed,
    saved: &State,
) -> Result<State, ImportError> {
    let mut refreshed = state(refreshed_desired, observed, saved.lineage.clone())?;
    refreshed.serial = saved.serial;
    refreshed.forgotten.clone_from(&saved.forgotten);
    refreshed.released.clone_from(&saved.released);
    refreshed.deposed.clone_from(&saved.deposed);
    Ok(refreshed)
}

/// A state's resources by id: the names a refresh keeps.
pub fn known_ids(saved: &State) -> BTreeMap<String, Address> {
    saved
        .resources
        .values()
        .map(|r| (r.id.clone(), r.address.clone()))
        .collect()
}

fn inconsistent(address: Option<&Address>, what: String) -> ImportError {
    ImportError {
        file: "the snapshot".into(),
        id: address.map(ToString::to_string),
        problem: Problem::Inconsistent(what),
    }
}

/// The base address of each subnet's IPv6 block.
fn ipv6_bases(state: &State) -> BTreeMap<Address, u128> {
    state
        .resources
        .iter()
        .filter_map(|(a, r)| {
            let Attributes::Subnet(s) = &r.attributes else {
                return None;
            };
            let base: Ipv6Addr = s
                .ipv6_cidr_block
                .as_deref()?
                .split('/')
                .next()?
                .parse()
                .ok()?;
            Some((a.clone(), u128::from(base)))
        })
        .collect()
}

/// An instance's IPv6 address the snapshot does not say (apply's) moves
/// with its subnet's block to the block AWS gave it: the same offset in it.
fn rebase_ipv6(
    i: &mut skyplan_state::attributes::Instance,
    simulated: &BTreeMap<Address, u128>,
    real: &BTreeMap<Address, u128>,
) {
    if let (Some(ip), Some(from), Some(to)) = (
        i.ipv6_address,
        simulated.get(&i.subnet),
        real.get(&i.subnet),
    ) {
        let offset = u128::from(ip).wrapping_sub(*from);
        i.ipv6_address = Some(Ipv6Addr::from(to.wrapping_add(offset)));
    }
}

/// Puts what AWS gave a resource over what the simulator gave it; an
/// address the snapshot does not say stays the simulator's.
fn put_addresses(attributes: &mut Attributes, real: &Real) {
    match attributes {
        Attributes::Vpc(v) => {
            if real.ipv6_block.is_some() {
                v.ipv6_cidr_block.clone_from(&real.ipv6_block);
            }
        }
        Attributes::Subnet(s) => {
            if real.ipv6_block.is_some() {
                s.ipv6_cidr_block.clone_from(&real.ipv6_block);
            }
        }
        Attributes::Instance(i) => {
            i.private_ip_address = real.private_ip.or(i.private_ip_address);
            i.public_ip_address = real.public_ip.or(i.public_ip_address);
            i.ipv6_address = real.ipv6_address.or(i.ipv6_address);
        }
        Attributes::ElasticIp(e) => {
            e.public_ip_address = real.public_ip.or(e.public_ip_address);
        }
        Attributes::NatGateway(n) => {
            n.private_ip_address = real.private_ip.or(n.private_ip_address);
            n.public_ip_address = real.public_ip.or(n.public_ip_address);
        }
        Attributes::VpcEndpoint(e) => {
            if let Some(ips) = &real.private_ips {
                e.private_ip_addresses.clone_from(ips);
            }
        }
        Attributes::LoadBalancer(l) => {
            if real.dns_name.is_some() {
                l.dns_name.clone_from(&real.dns_name);
            }
            if let Some(ips) = &real.private_ips {
                l.private_ip_addresses.clone_from(ips);
            }
        }
        Attributes::DbInstance(d) => {
            if real.dns_name.is_some() {
                d.endpoint.clone_from(&real.dns_name);
            }
        }
        Attributes::AutoScalingGroup(g) => {
            if let Some(members) = &real.group_instances {
                g.instances = members
                    .iter()
                    .map(|m| skyplan_state::attributes::GroupInstance {
                        id: m.id.clone(),
                        ipv6_address: m.ipv6_address,
                        private_ip_address: m.private_ip,
                        subnet: Address::new(skyplan_spec::Kind::Subnet, m.subnet.clone(), None),
                    })
                    .collect();
            }
        }
        Attributes::InternetGateway(_)
        | Attributes::RouteTable(_)
        | Attributes::SecurityGroup(_)
        | Attributes::NetworkAcl(_)
        | Attributes::VpcPeering(_)
        | Attributes::Volume(_)
        | Attributes::DhcpOptions(_)
        | Attributes::FlowLog(_)
        | Attributes::EgressOnlyInternetGateway(_)
        | Attributes::PrefixList(_)
        | Attributes::TargetGroup(_)
        | Attributes::LaunchTemplate(_)
        | Attributes::DbSubnetGroup(_)
        | Attributes::TransitGateway(_)
        | Attributes::TransitGatewayAttachment(_)
        | Attributes::CustomerGateway(_)
        | Attributes::VpnGateway(_)
        | Attributes::VpnConnection(_)
        | Attributes::TransitGatewayRouteTable(_)
        | Attributes::DxGateway(_)
        | Attributes::DefaultSecurityGroup(_)
        | Attributes::DefaultNetworkAcl(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The moto-built bastion snapshot of `tests/fixtures`.
    fn fixture() -> Vec<SnapshotFile> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/snapshots/bastion");
        let mut files: Vec<SnapshotFile> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| {
                let path = e.unwrap().path();
                SnapshotFile {
                    name: path.file_name().unwrap().to_string_lossy().into_owned(),
                    text: std::fs::read_to_string(&path).unwrap(),
                }
            })
            .collect();
        files.sort_by(|a, b| a.name.cmp(&b.name));
        files
    }

    /// Values that break records: other types, huge and negative numbers,
    /// empty and odd strings, nulls, deep nesting.
    const HOSTILE: &[&str] = &[
        "null",
        "[]",
        "{}",
        "-1",
        "1e999",
        "18446744073709551616",
        "\"\"",
        "\"\\u001b[31m\\n- x: [\"",
        "\"999.999.999.999\"",
        "\"10.0.0.0/33\"",
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    ];

    /// Every value of every file replaced by each hostile value in turn
    /// (every 19th line, to stay fast), and every file cut short: the
    /// import answers (a stack or an error naming a file), never panics.
    #[test]
    fn hostile_snapshots_never_panic() {
        let base = fixture();
        let options = Options::default();
        let mut answered = 0;
        for (f, file) in base.iter().enumerate() {
            let lines: Vec<&str> = file.text.lines().collect();
            for (n, line) in lines.iter().enumerate().filter(|(n, _)| n % 19 == 0) {
                let Some((key, _)) = line.split_once("\": ") else {
                    continue;
                };
                for value in HOSTILE {
                    let mut text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
                    let comma = if line.trim_end().ends_with(',') {
                        ","
                    } else {
                        ""
                    };
                    text[n] = format!("{key}\": {value}{comma}");
                    let mut files = fixture_like(&base);
                    files[f].text = text.join("\n");
                    let outcome = import(&files, &options);
                    if let Err(e) = &outcome {
                        assert!(!e.file.is_empty(), "{e:?}");
                    }
                    answered += 1;
                }
            }
            for cut in (0..file.text.len()).step_by(file.text.len() / 7 + 1) {
                let mut files = fixture_like(&base);
                files[f].text.truncate(cut);
                let e = import(&files, &options).expect_err("a cut file is malformed");
                assert_eq!(e.file, file.name);
                answered += 1;
            }
        }
        assert!(answered > 300, "{answered}");
    }

    fn fixture_like(base: &[SnapshotFile]) -> Vec<SnapshotFile> {
        base.iter()
            .map(|f| SnapshotFile {
                name: f.name.clone(),
                text: f.text.clone(),
            })
            .collect()
    }
}
