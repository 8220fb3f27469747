//! What has a network interface on a path: an instance, an instance an auto
//! scaling group runs, a load balancer's node in one of its subnets, or a
//! database in a subnet RDS may place it in. The engine asks each the same
//! questions (its subnet, groups, state, public address), so every path
//! works for all four.

use std::net::Ipv4Addr;

use skyplan_diagnostics::Span;
use skyplan_model::{
    AutoScalingGroupId, DbInstanceId, HostId, Id, InstanceId, LoadBalancerId, Model,
    SecurityGroupId, SubnetId, VpcId, ids,
};
use skyplan_spec::InstanceState;

use crate::hop::{Check, Decision, Hop};

/// One network interface the engine evaluates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Host {
    Instance(InstanceId),
    /// The `k`th instance an auto scaling group runs (as apply spreads
    /// them over its subnets).
    Scaled(AutoScalingGroupId, u32),
    /// A load balancer's node in its `k`th subnet.
    Balancer(LoadBalancerId, u32),
    /// A database placed in the `k`th of the subnets RDS may pick
    /// ([`Model::db_placements`]).
    Database(DbInstanceId, u32),
}

impl From<HostId> for Host {
    fn from(h: HostId) -> Host {
        match h {
            HostId::Instance(i) => Host::Instance(i),
            HostId::Scaled(g, k) => Host::Scaled(g, k),
            HostId::Balancer(l, k) => Host::Balancer(l, k),
        }
    }
}

/// A database in each subnet RDS may place it in.
pub(crate) fn placements(m: &Model, d: DbInstanceId) -> Vec<Host> {
    let n = u32::try_from(m.db_placements(d).len()).unwrap_or(0);
    (0..n).map(|k| Host::Database(d, k)).collect()
}

/// The instances an auto scaling group runs: none without a subnet (it
/// launches nothing then).
pub(crate) fn scaled_hosts(m: &Model, g: AutoScalingGroupId) -> Vec<Host> {
    let group = &m.auto_scaling_groups[g];
    if group.subnets.is_empty() {
        return Vec::new();
    }
    let n = u32::try_from(group.desired()).unwrap_or(0);
    (0..n).map(|k| Host::Scaled(g, k)).collect()
}

impl Host {
    /// Every host of the stack: instances, then auto scaling groups'
    /// instances, then load balancer nodes, then databases' placements.
    pub fn all(m: &Model) -> Vec<Host> {
        let mut out: Vec<Host> = ids(&m.instances).map(Host::Instance).collect();
        for g in 0..m.auto_scaling_groups.len() {
            out.extend(scaled_hosts(m, Id::new(g)));
        }
        for (l, lb) in m.load_balancers.iter().enumerate() {
            let n = u32::try_from(lb.subnets.len()).unwrap_or(0);
            out.extend((0..n).map(|k| Host::Balancer(Id::new(l), k)));
        }
        for d in ids(&m.db_instances) {
            out.extend(placements(m, d));
        }
        out
    }

    /// How hops name it: `instance.web[0]`, `auto_scaling_group.web[1]`,
    /// `load_balancer.front` (in subnet.public-a).
    pub fn address(self, m: &Model) -> String {
        match self {
            Host::Instance(i) => m.instances[i].address.clone(),
            Host::Scaled(g, k) => format!("{}[{k}]", m.auto_scaling_groups[g].common.address),
            Host::Balancer(l, _) => m.load_balancers[l].common.address.clone(),
            Host::Database(d, _) => m.db_instances[d].common.address.clone(),
        }
    }

    pub fn subnet(self, m: &Model) -> SubnetId {
        match self {
            Host::Instance(i) => m.instances[i].subnet.id,
            Host::Scaled(g, k) => {
                let group = &m.auto_scaling_groups[g];
                group.subnets[k as usize % group.subnets.len().max(1)].id
            }
            Host::Balancer(l, k) => m.load_balancers[l].subnets[k as usize].id,
            Host::Database(d, k) => m.db_placements(d)[k as usize],
        }
    }

    pub fn vpc(self, m: &Model) -> VpcId {
        m.subnet_vpc(self.subnet(m))
    }

    /// Its security groups (none: its VPC's default group).
    pub fn groups(self, m: &Model) -> Vec<SecurityGroupId> {
        match self {
            Host::Instance(i) => m.instance_groups[m.instances[i].group]
                .security_groups
                .iter()
                .map(|r| r.id)
                .collect(),
            Host::Scaled(g, _) => {
                let template = m.auto_scaling_groups[g].launch_template.id;
                m.launch_templates[template]
                    .security_groups
                    .iter()
                    .map(|r| r.id)
                    .collect()
            }
            Host::Balancer(l, _) => m.load_balancers[l]
                .security_groups
                .iter()
                .map(|r| r.id)
                .collect(),
            Host::Database(d, _) => m.db_instances[d]
                .security_groups
                .iter()
                .map(|r| r.id)
                .collect(),
        }
    }

    /// Where it is declared, for hops that blame it as a whole.
    pub fn span(self, m: &Model) -> Span {
        match self {
            Host::Instance(i) => m.instance_groups[m.instances[i].group].common.name.span,
            Host::Scaled(g, _) => m.auto_scaling_groups[g].common.name.span,
            Host::Balancer(l, _) => m.load_balancers[l].common.name.span,
            Host::Database(d, _) => m.db_instances[d].common.name.span,
        }
    }

    /// Whether it sends and receives: an instance by its state; a group's
    /// instances, load balancers and databases always.
    pub(crate) fn state_hop(self, m: &Model) -> Hop {
        let (decision, rule, span) = match self {
            Host::Instance(i) => {
                let group = &m.instance_groups[m.instances[i].group];
                let state = group
                    .state
                    .as_ref()
                    .map_or(InstanceState::Running, |s| s.value);
                let decision = if state == InstanceState::Running {
                    Decision::Allow
                } else {
                    Decision::Deny
                };
                let rule = format!("state: {}", skyplan_spec::Word::as_str(state));
                (decision, rule, group.state.as_ref().map(|s| s.span))
            }
            Host::Scaled(g, _) => (
                Decision::Allow,
                format!(
                    "running, launched from {}",
                    m.launch_templates[m.auto_scaling_groups[g].launch_template.id]
                        .common
                        .address
                ),
                None,
            ),
            Host::Balancer(..) => (Decision::Allow, "active".to_string(), None),
            Host::Database(d, _) => (
                Decision::Allow,
                format!("available in {}", m.subnets[self.subnet(m)].common.address),
                Some(m.db_instances[d].common.name.span),
            ),
        };
        Hop {
            resource: self.address(m),
            check: Check::InstanceState,
            decision,
            rule,
            span,
            fix: None,
        }
    }

    /// Whether the internet can address it, and how.
    pub(crate) fn public_hop(self, m: &Model, known: Option<Ipv4Addr>) -> Hop {
        let subnet = &m.subnets[self.subnet(m)];
        let source = match self {
            Host::Instance(i) => {
                let group = &m.instance_groups[m.instances[i].group];
                let running = group
                    .state
                    .as_ref()
                    .is_none_or(|s| s.value == InstanceState::Running);
                // An elastic IP stays with a stopped instance; an address
                // assigned at launch does not.
                match (group.elastic_ip, group.public_ip.as_ref()) {
                    (Some(e), _) => Ok(m.elastic_ips[e.id].common.address.clone()),
                    (None, Some(p)) if p.value && running => Ok("`public_ip: true`".to_string()),
                    (None, None) if running && subnet.public_ip_on_launch => {
                        Ok(format!("assigned at launch by {}", subnet.common.address))
                    }
                    (None, _) if running => Err(
                        "no public address (no `public_ip`, no elastic IP, and its subnet does not assign one)",
                    ),
                    (None, _) => {
                        Err("no public address while it is not running (only an elastic IP stays)")
                    }
                }
            }
            Host::Scaled(..) if subnet.public_ip_on_launch => {
                Ok(format!("assigned at launch by {}", subnet.common.address))
            }
            Host::Scaled(..) => Err("no public address (its subnet does not assign one)"),
            Host::Balancer(l, _) if m.load_balancers[l].internal => {
                Err("an internal load balancer has no public address")
            }
            Host::Balancer(..) => Ok("internet-facing".to_string()),
            Host::Database(d, _) if m.db_instances[d].publicly_accessible() => {
                Ok("`publicly_accessible: true`".to_string())
            }
            Host::Database(..) => Err("not publicly accessible (`publicly_accessible` is false)"),
        };
        match source {
            Ok(source) => {
                let ip = known.map_or_else(String::new, |ip| format!(" {ip}"));
                Hop {
                    resource: self.address(m),
                    check: Check::PublicAddress,
                    decision: Decision::Allow,
                    rule: format!("public address{ip} ({source})"),
                    span: None,
                    fix: None,
                }
            }
            Err(why) => Hop {
                resource: self.address(m),
                check: Check::PublicAddress,
                decision: Decision::Deny,
                rule: why.to_string(),
                span: Some(self.span(m)),
                fix: None,
            },
        }
    }
}
