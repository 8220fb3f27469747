//! The addresses instances have: the ones `apply` gives them, from the
//! state when the stack has been applied, else as the plan would allocate
//! them. With a state, by running the plan on a copy of it with the same
//! simulator `apply` uses; without one, by allocating in creation order
//! (the order apply creates in) with the same allocator.

use std::fmt;
use std::net::Ipv4Addr;

use skyplan_model::{ElasticIp, Id, Instance, InstanceId, Model, PerId, SubnetId, ids};
use skyplan_plan::allocate::Allocator;
use skyplan_plan::{PlanOptions, Simulator};
use skyplan_spec::{Address, Kind};
use skyplan_state::State;

/// The private and public address of every instance copy.
#[derive(Clone, Debug, PartialEq)]
pub struct Addresses {
    private: PerId<Instance, Option<Ipv4Addr>>,
    public: PerId<Instance, Option<Ipv4Addr>>,
}

/// Why the addresses could not be worked out (the plan was refused).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AddressError(pub String);

impl fmt::Display for AddressError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

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
        let mut alloc: Allocator<SubnetId> = Allocator::default();
        let fixed = |i: InstanceId| {
            let group = &m.instance_groups[m.instances[i].group];
            group
                .private_ip
                .as_ref()
                .and_then(|p| p.value.parse::<Ipv4Addr>().ok())
        };
        for i in ids(&m.instances) {
            if let Some(ip) = fixed(i) {
                alloc.reserve(&m.instances[i].subnet.id, ip);
            }
        }
        let mut eips: PerId<ElasticIp, Option<Ipv4Addr>> = PerId::new(&m.elastic_ips, None);
        for n in m.graph.creation_order() {
            let node = m.graph.node(n).resource;
            match node.kind {
                Kind::ElasticIp => eips[Id::new(node.id)] = alloc.allocate_public(),
                Kind::NatGateway => {
                    let subnet = m.nat_gateways[node.id].subnet.id;
                    if let Some(net) = m.subnets[subnet].cidr.ok() {
                        alloc.place(&subnet, net, None);
                    }
                }
                // A load balancer takes an address in each subnet.
                Kind::LoadBalancer => {
                    for s in &m.load_balancers[node.id].subnets {
                        if let Some(net) = m.subnets[s.id].cidr.ok() {
                            alloc.place(&s.id, net, None);
                        }
                    }
                }
                // An auto scaling group's instances, spread as apply does.
                Kind::AutoScalingGroup => {
                    let g = &m.auto_scaling_groups[node.id];
                    let n = usize::try_from(g.desired()).unwrap_or(0);
                    for s in g.placement(n) {
                        if let Some(net) = m.subnets[s].cidr.ok() {
                            alloc.place(&s, net, None);
                        }
                    }
                }
                // An interface endpoint takes an address in each subnet.
                Kind::VpcEndpoint => {
                    for s in &m.vpc_endpoints[node.id].subnets {
                        if let Some(net) = m.subnets[s.id].cidr.ok() {
                            alloc.place(&s.id, net, None);
                        }
                    }
                }
                Kind::Instance => {
                    let i = Id::new(node.id);
                    let copy = &m.instances[i];
                    let group = &m.instance_groups[copy.group];
                    let subnet = &m.subnets[copy.subnet.id];
                    if let Some(net) = subnet.cidr.ok() {
                        out.private[i] = alloc.place(&copy.subnet.id, net, fixed(i));
                    }
                    let public_ip = group
                        .public_ip
                        .as_ref()
                        .map_or(subnet.public_ip_on_launch, |p| p.value);
                    out.public[i] = match group.elastic_ip {
                        Some(e) => eips[e.id],
                        None if public_ip => alloc.allocate_public(),
                        None => None,
                    };
                }
                Kind::Vpc
                | Kind::Subnet
                | Kind::InternetGateway
                | Kind::RouteTable
                | Kind::SecurityGroup
                | Kind::NetworkAcl
                | Kind::VpcPeering
                | Kind::Volume
                | Kind::DhcpOptions
                | Kind::FlowLog
                | Kind::EgressOnlyInternetGateway
                | Kind::PrefixList
                | Kind::DefaultSecurityGroup
                | Kind::DefaultNetworkAcl
                | Kind::TargetGroup
                | Kind::LaunchTemplate => {}
            }
        }
        out
    }

    /// The addresses after simulating the plan on `state`, as `apply` does.
    fn simulated(m: &Model, state: Option<&State>) -> Result<Addresses, AddressError> {
        let desired = skyplan_plan::desired(m);
        let plan = skyplan_plan::plan(&desired, state, &PlanOptions::default(), "", "").map_err(
            |errors| {
                AddressError(
                    errors
                        .into_iter()
                        .map(|e| e.message)
                        .collect::<Vec<_>>()
                        .join("; "),
                )
            },
        )?;
        let start = state.cloned().unwrap_or_else(|| State::new("reach".into()));
        let mut sim = Simulator::new(&plan, start);
        for step in &plan.apply_order {
            sim.run(step).map_err(|e| AddressError(e.to_string()))?;
        }
        let applied = sim.into_state();
        let mut out = Addresses {
            private: PerId::new(&m.instances, None),
            public: PerId::new(&m.instances, None),
        };
        for id in ids(&m.instances) {
            let Ok(address) = m.instances[id].address.parse::<Address>() else {
                continue;
            };
            if let Some(r) = applied.get(&address) {
                out.private[id] = r.attributes.private_ip_address();
                out.public[id] = r.attributes.public_ip_address();
            }
        }
        Ok(out)
    }

    /// No address known: for questions that need none (the internet's view
    /// of public instances), without simulating an apply.
    pub fn unknown(m: &Model) -> Addresses {
        Addresses {
            private: PerId::new(&m.instances, None),
            public: PerId::new(&m.instances, None),
        }
    }

    pub fn private(&self, id: InstanceId) -> Option<Ipv4Addr> {
        self.private[id]
    }

    pub fn public(&self, id: InstanceId) -> Option<Ipv4Addr> {
        self.public[id]
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
        let spec = skyplan_spec::load_stack(&sources, &ids, &mut d);
        skyplan_model::resolve(spec, &mut d)
    }

    /// The one-pass allocation gives exactly what simulating the apply does.
    #[test]
    fn planned_addresses_are_the_simulated_ones() {
        let stacks: [&[(&str, &str)]; 3] = [
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
        ];
        for files in stacks {
            let m = model(files);
            let simulated = Addresses::simulated(&m, None).unwrap();
            assert_eq!(Addresses::planned(&m), simulated);
            assert!(ids(&m.instances).all(|i| simulated.private(i).is_some()));
        }
    }
}
