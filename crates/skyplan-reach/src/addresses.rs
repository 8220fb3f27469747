//! The addresses instances have: the ones `apply` gives them, from the
//! state when the stack has been applied, else as the plan would allocate
//! them. With a state, by running the plan on a copy of it with the same
//! simulator `apply` uses; without one, by allocating in creation order
//! (the order apply creates in) with the same allocator.

use std::collections::BTreeMap;
use std::fmt;
use std::net::Ipv4Addr;

use skyplan_model::{ElasticIp, Id, Model, PerId, PublicAddress, SubnetId, Takes, ids};
use skyplan_plan::allocate::Allocator;
use skyplan_plan::{PlanOptions, Simulator};
use skyplan_state::{HostAddresses, State};

use crate::host::Host;

/// The private and public address of every host (instance copies, auto
/// scaling groups' instances, load balancer nodes, databases).
#[derive(Clone, Debug, PartialEq)]
pub struct Addresses {
    private: BTreeMap<Host, Ipv4Addr>,
    public: BTreeMap<Host, Ipv4Addr>,
}

/// Why the addresses could not be worked out: the plan was refused, or
/// a step of its simulated apply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AddressError {
    Plan(Vec<skyplan_plan::PlanError>),
    Apply(skyplan_plan::apply::ApplyError),
}

impl fmt::Display for AddressError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AddressError::Plan(errors) => {
                for (i, e) in errors.iter().enumerate() {
                    if i > 0 {
                        f.write_str("; ")?;
                    }
                    write!(f, "{e}")?;
                }
                Ok(())
            }
            AddressError::Apply(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for AddressError {}

impl Addresses {
    /// The addresses after applying the stack on `state` (or on nothing).
    pub fn after_apply(m: &Model, state: Option<&State>) -> Result<Addresses, AddressError> {
        match state {
            None => Ok(Addresses::planned(m)),
            Some(state) => Addresses::simulated(m, Some(state)),
        }
    }

    /// The addresses an apply from nothing gives: creation order is apply's
    /// order then, so one pass with apply's allocator is the same.
    fn planned(m: &Model) -> Addresses {
        let mut out = Addresses::unknown(m);
        out.place_databases(m);
        let mut alloc: Allocator<SubnetId> = Allocator::default();
        let takes: Vec<Takes> = m
            .graph
            .creation_order()
            .into_iter()
            .map(|n| m.takes(m.graph.node(n).resource.typed()))
            .collect();
        // Addresses asked for are taken before any is handed out.
        for t in &takes {
            if let Takes::Interfaces(interfaces) = t {
                for i in interfaces {
                    if let Some(ip) = i.fixed {
                        alloc.reserve(&i.subnet, ip);
                    }
                }
            }
        }
        let mut eips: PerId<ElasticIp, Option<Ipv4Addr>> = PerId::new(&m.elastic_ips, None);
        for t in takes {
            match t {
                Takes::Nothing => {}
                Takes::PublicAddress(e) => eips[e] = alloc.allocate_public(),
                Takes::Interfaces(interfaces) => {
                    for i in interfaces {
                        let host = i.host.map(Host::from);
                        if let Some(net) = m.subnets[i.subnet].cidr.ok()
                            && let Some(ip) = alloc.place(&i.subnet, net, i.fixed)
                            && let Some(host) = host
                        {
                            out.private.insert(host, ip);
                        }
                        let public = match i.public {
                            PublicAddress::None => None,
                            PublicAddress::AtLaunch => alloc.allocate_public(),
                            PublicAddress::Elastic(e) => eips[e],
                        };
                        if let (Some(host), Some(ip)) = (host, public) {
                            out.public.insert(host, ip);
                        }
                    }
                }
            }
        }
        out
    }

    /// The addresses after simulating the plan on `state`, as `apply` does.
    fn simulated(m: &Model, state: Option<&State>) -> Result<Addresses, AddressError> {
        let desired = skyplan_plan::desired(m);
        let plan = skyplan_plan::plan(&desired, state, &PlanOptions::default(), "", "")
            .map_err(AddressError::Plan)?;
        // A state the spec matches is the network as built: read as it is
        // (a large state's copy cost more than the rest of the question).
        let simulated;
        let applied = match state {
            Some(built) if !plan.has_changes() => built,
            _ => {
                let start = state.cloned().unwrap_or_else(|| State::new("reach".into()));
                let mut sim = Simulator::new(&plan, start);
                for step in &plan.apply_order {
                    sim.run(step).map_err(AddressError::Apply)?;
                }
                simulated = sim.into_state();
                &simulated
            }
        };
        Ok(Addresses::read(m, applied))
    }

    /// The addresses of the network as built, without planning: the
    /// caller knows `built` is what the spec says (its `applied_spec` is
    /// the spec's digest).
    pub fn as_built(m: &Model, built: &impl HostAddresses) -> Addresses {
        Addresses::read(m, built)
    }

    /// The addresses `applied` gives the model's hosts.
    fn read(m: &Model, applied: &impl HostAddresses) -> Addresses {
        let mut out = Addresses::unknown(m);
        out.place_databases(m);
        for id in ids(&m.instances) {
            if let Some(a) = applied.instance(&m.instances[id].address) {
                let host = Host::Instance(id);
                out.private.extend(a.private.map(|ip| (host, ip)));
                out.public.extend(a.public.map(|ip| (host, ip)));
            }
        }
        for (l, lb) in m.load_balancers.iter().enumerate() {
            if let Some(ips) = applied.load_balancer(&lb.common.address) {
                for (k, ip) in ips.iter().enumerate() {
                    out.private
                        .insert(Host::Balancer(Id::new(l), k as u32), *ip);
                }
            }
        }
        // A group's hosts are matched to its instances subnet by subnet:
        // the jth host placed in a subnet is the jth instance there.
        for (g, group) in m.auto_scaling_groups.iter().enumerate() {
            let Some(instances) = applied.auto_scaling_group(&group.common.address) else {
                continue;
            };
            let n = usize::try_from(group.desired()).unwrap_or(0);
            let mut taken: BTreeMap<String, usize> = BTreeMap::new();
            for (k, s) in group.placement(n).into_iter().enumerate() {
                let subnet = &m.subnets[s].common.address;
                let j = taken.entry(subnet.clone()).or_default();
                let found = instances
                    .iter()
                    .filter(|i| i.subnet.to_string() == *subnet)
                    .nth(*j);
                *j += 1;
                if let Some(i) = found {
                    out.private
                        .insert(Host::Scaled(Id::new(g), k as u32), i.private_ip_address);
                }
            }
        }
        out
    }

    /// RDS takes its databases' addresses itself and does not say which
    /// (clients connect to a name): a database placed in a subnet is given
    /// the subnet's last usable address, which apply never hands out
    /// before the rest, so rules that cover the subnet see it as its own.
    fn place_databases(&mut self, m: &Model) {
        for host in Host::all(m) {
            if let Host::Database(..) = host
                && let Some(net) = m.subnets[host.subnet(m)].cidr.ok()
            {
                let last = u32::from(net.broadcast()).saturating_sub(1);
                self.private.insert(host, Ipv4Addr::from(last));
            }
        }
    }

    /// No address known: for questions that need none (the internet's view
    /// of public instances), without simulating an apply.
    pub fn unknown(_: &Model) -> Addresses {
        Addresses {
            private: BTreeMap::new(),
            public: BTreeMap::new(),
        }
    }

    pub fn private(&self, host: Host) -> Option<Ipv4Addr> {
        self.private.get(&host).copied()
    }

    pub fn public(&self, host: Host) -> Option<Ipv4Addr> {
        self.public.get(&host).copied()
    }
}

#[cfg(test)]
mod tests {
    use skyplan_diagnostics::SourceFiles;

    use super::*;

    fn model(files: &[(&str, &str)]) -> Model {
        let mut sources = SourceFiles::new();
        let ids: Vec<_> = files.iter().map(|(n, t)| sources.add(*n, *t)).collect();
        let mut d = Vec::new();
        let spec = skyplan_spec::load_stack(
            &sources,
            &ids,
            &Default::default(),
            &Default::default(),
            &mut d,
        );
        skyplan_model::resolve(spec, &mut d)
    }

    /// The one-pass allocation gives exactly what simulating the apply does.
    #[test]
    fn planned_addresses_are_the_simulated_ones() {
        let stacks: [&[(&str, &str)]; 6] = [
            &[
                (
                    "network.yaml",
                    include_str!("../../../specs/bastion/network.yaml"),
                ),
                (
                    "security.yaml",
                    include_str!("../../../specs/bastion/security.yaml"),
                ),
                (
                    "compute.yaml",
                    include_str!("../../../specs/bastion/compute.yaml"),
                ),
            ],
            &[
                (
                    "vpcs.yaml",
                    include_str!("../../../specs/hub-spoke/vpcs.yaml"),
                ),
                (
                    "services.yaml",
                    include_str!("../../../specs/hub-spoke/services.yaml"),
                ),
            ],
            &[
                (
                    "network.yaml",
                    include_str!("../../../specs/three-tier/network.yaml"),
                ),
                (
                    "tiers.yaml",
                    include_str!("../../../specs/three-tier/tiers.yaml"),
                ),
            ],
            &[
                (
                    "compute.yaml",
                    include_str!("../../../specs/dual-stack/compute.yaml"),
                ),
                (
                    "endpoints.yaml",
                    include_str!("../../../specs/dual-stack/endpoints.yaml"),
                ),
                (
                    "network.yaml",
                    include_str!("../../../specs/dual-stack/network.yaml"),
                ),
                (
                    "security.yaml",
                    include_str!("../../../specs/dual-stack/security.yaml"),
                ),
            ],
            &[
                (
                    "network.yaml",
                    include_str!("../../../specs/web-asg/network.yaml"),
                ),
                ("web.yaml", include_str!("../../../specs/web-asg/web.yaml")),
            ],
            &[
                (
                    "app.yaml",
                    include_str!("../../../specs/hybrid-hub/app.yaml"),
                ),
                (
                    "data.yaml",
                    include_str!("../../../specs/hybrid-hub/data.yaml"),
                ),
                (
                    "hub.yaml",
                    include_str!("../../../specs/hybrid-hub/hub.yaml"),
                ),
                (
                    "inspection.yaml",
                    include_str!("../../../specs/hybrid-hub/inspection.yaml"),
                ),
            ],
        ];
        for files in stacks {
            let m = model(files);
            let simulated = Addresses::simulated(&m, None).unwrap();
            assert_eq!(Addresses::planned(&m), simulated);
            assert!(
                Host::all(&m)
                    .iter()
                    .all(|h| simulated.private(*h).is_some())
            );
            // The state that apply writes gives the same, read whole or
            // only its built part.
            let state = applied(&m);
            assert_eq!(Addresses::as_built(&m, &state), simulated);
            let built = skyplan_state::Built::read(state.to_json().as_bytes()).unwrap();
            assert_eq!(Addresses::as_built(&m, &built), simulated);
        }
    }

    /// The state an apply of `m` from nothing writes.
    fn applied(m: &Model) -> State {
        let desired = skyplan_plan::desired(m);
        let plan = skyplan_plan::plan(&desired, None, &PlanOptions::default(), "", "").unwrap();
        let mut sim = Simulator::new(&plan, State::new("test".into()));
        for step in &plan.apply_order {
            sim.run(step).unwrap();
        }
        sim.into_state()
    }
}
