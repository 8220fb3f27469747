//! What creating a resource takes from the address pools, asked of every
//! kind in its own file (`takes`), so that a kind cannot be added without
//! saying whether it holds addresses. `reach` allocates these in apply's
//! creation order to know every host's addresses without a state.

use std::net::Ipv4Addr;

use crate::{AutoScalingGroupId, ElasticIpId, InstanceId, LoadBalancerId, SubnetId};

/// A resource's share of the address pools.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Takes {
    Nothing,
    /// One public address (an elastic IP's allocation).
    PublicAddress(ElasticIpId),
    /// Network interfaces, in the order apply creates them.
    Interfaces(Vec<Interface>),
}

/// One network interface: an address in a subnet, perhaps a public one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Interface {
    pub subnet: SubnetId,
    /// The address asked for (`private_ip`), else the next free one.
    pub fixed: Option<Ipv4Addr>,
    /// Who answers on it; `None` for a service's own interface (a NAT
    /// gateway's, an endpoint's).
    pub host: Option<HostId>,
    pub public: PublicAddress,
}

/// A host reachability reasons about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HostId {
    Instance(InstanceId),
    /// The `k`th instance an auto scaling group runs.
    Scaled(AutoScalingGroupId, u32),
    /// A load balancer's node in its `k`th subnet.
    Balancer(LoadBalancerId, u32),
}

/// Where an interface's public address comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PublicAddress {
    None,
    /// Assigned at launch from Amazon's pool.
    AtLaunch,
    /// An elastic IP, allocated when it was created.
    Elastic(ElasticIpId),
}

impl Takes {
    /// A service's own interface in each of `subnets` (an interface
    /// endpoint's, a transit gateway attachment's).
    pub(crate) fn service_interfaces(subnets: &[crate::Ref<crate::Subnet>]) -> Takes {
        Takes::Interfaces(
            subnets
                .iter()
                .map(|s| Interface {
                    subnet: s.id,
                    fixed: None,
                    host: None,
                    public: PublicAddress::None,
                })
                .collect(),
        )
    }
}

/// A kind that takes no addresses says so with this line in its file.
macro_rules! takes_nothing {
    ($model:ident) => {
        /// It takes no addresses.
        pub(crate) fn takes(_: &Model, _: Id<$model>) -> crate::takes::Takes {
            crate::takes::Takes::Nothing
        }
    };
}
pub(crate) use takes_nothing;
