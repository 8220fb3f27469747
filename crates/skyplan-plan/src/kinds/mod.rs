//! One module per kind, declared by `skyplan_spec::for_each_kind!`: its
//! [`PlanKind`], what the plan wants of it (`desired`), what only apply
//! will know (`unknown_after`) and when a replacement must delete first
//! (`conflicts`).

use skyplan_model::{Id, NodeId};
use skyplan_spec::{Address, Kind};
use skyplan_state::Attributes;
use skyplan_state::attributes as attrs;

use crate::apply::{ApplyError, Simulator};
use crate::desired::Builder;
use skyplan_state::ResourceState;

/// What every kind's module reads.
mod prelude {
    pub(crate) use std::net::Ipv4Addr;

    pub(crate) use skyplan_model::traffic::Protocol;
    pub(crate) use skyplan_model::{
        self as model, FlowLogTarget, Id, RouteDestination, RouteTarget,
    };
    pub(crate) use skyplan_spec::{Address, Kind, NatConnectivity, Sp, Word};
    pub(crate) use skyplan_state::attributes as attrs;

    pub(crate) use skyplan_facts::partition;
    pub(crate) use skyplan_state::{Attributes, ResourceState};

    pub(crate) use skyplan_spec::HEALTH_CHECK;
    pub(crate) use skyplan_spec::schema::word_or_default_in;

    pub(crate) use super::{Follow, New, PlanKind, both, default_of};
    pub(crate) use crate::apply::{ACCOUNT, ApplyError, Simulator, usable};
    pub(crate) use crate::desired::{
        Builder, cidr_text, declared, instance_address, metadata, nacl_entry, root_volume,
    };
    pub(crate) use crate::ids::object_digest;
}

/// The plan's view of a kind, implemented on its state attributes. No
/// method has a default: a new kind answers every question in its file.
pub(crate) trait PlanKind: Sized {
    /// The model's list the graph's nodes of this kind index.
    type Node;

    /// The address and configured attributes of resource `id`; its
    /// references are recorded in `b`.
    fn desired(b: &mut Builder, id: Id<Self::Node>) -> (Address, Self);

    /// The computed attributes apply will know only once it creates this
    /// (besides `id`).
    fn unknown_after(&self, names: &mut Vec<&'static str>);

    /// Whether this new object of a replacement would conflict with the
    /// old one (`before`) while both exist, so the old one must go first.
    fn conflicts(&self, before: &Self) -> bool;

    /// Apply's creation of it: fills in what AWS computes (addresses,
    /// names; an ARN replaces `new.id`) and returns the subnets in which
    /// it now holds addresses.
    fn create(&mut self, sim: &mut Simulator, new: &mut New) -> Result<Vec<Address>, ApplyError>;

    /// Apply's update of it (`old` is the object it updates, whose computed
    /// attributes it already carries): what changes with its new
    /// configuration, and what must follow a changed IPv6 block.
    fn update(
        &mut self,
        sim: &mut Simulator,
        old: &ResourceState,
        address: &Address,
    ) -> Result<Follow, ApplyError>;
}

/// An object apply is creating.
pub(crate) struct New<'a> {
    pub(crate) address: &'a Address,
    /// Its id: `resource_id`'s unless the kind's ids are ARNs.
    pub(crate) id: String,
    /// The digest its generated names and numbers come from.
    pub(crate) digest: &'a str,
}

/// After an update whose IPv6 block changed: the VPC whose subnets, or the
/// subnets whose interfaces, follow the new block.
pub(crate) type Follow = Option<(Option<Address>, Vec<Address>)>;

/// The default the kind table gives attribute `name` of `kind`, as the
/// attribute's type (the table states each default once; a missing or
/// unreadable one is a bug the kind table's tests catch).
pub(crate) fn default_of<T: std::str::FromStr + Default + Clone>(kind: Kind, name: &str) -> T {
    kind.schema().or_default(None, name)
}

/// Whether both name the same thing.
pub(crate) fn both<T: PartialEq>(a: &Option<T>, b: &Option<T>) -> bool {
    a.is_some() && a == b
}

/// The `PlanKind` methods of a kind AWS computes nothing for but its id,
/// holding no address, whose updates change configuration only. A kind
/// says so in its file; the trait itself has no defaults.
macro_rules! computes_nothing {
    () => {
        /// AWS computes nothing for it but its id.
        fn unknown_after(&self, _: &mut Vec<&'static str>) {}

        /// It holds no address and AWS computes nothing for it.
        fn create(&mut self, _: &mut Simulator, _: &mut New) -> Result<Vec<Address>, ApplyError> {
            Ok(Vec::new())
        }

        updates_configuration_only!();
    };
}

/// `PlanKind::update` of a kind an update of which changes configuration
/// only: nothing computed moves, nothing else follows.
macro_rules! updates_configuration_only {
    () => {
        /// An update changes configuration only.
        fn update(
            &mut self,
            _: &mut Simulator,
            _: &ResourceState,
            _: &Address,
        ) -> Result<Follow, ApplyError> {
            Ok(None)
        }
    };
}

/// `PlanKind::create` and `update` of a kind that holds a service's own
/// address in each of its `subnets` (`private_ip_addresses`), moved with
/// them in place.
macro_rules! addresses_in_its_subnets {
    () => {
        fn create(
            &mut self,
            sim: &mut Simulator,
            new: &mut New,
        ) -> Result<Vec<Address>, ApplyError> {
            self.private_ip_addresses = sim.keep_addresses(&self.subnets, &[], new.address)?;
            Ok(self.subnets.clone())
        }

        /// Its subnets change in place; each new one gets an address.
        fn update(
            &mut self,
            sim: &mut Simulator,
            old: &ResourceState,
            address: &Address,
        ) -> Result<Follow, ApplyError> {
            self.private_ip_addresses = sim.readdress(&self.subnets, old, address)?;
            Ok(None)
        }
    };
}

/// `PlanKind::conflicts` of a kind two objects of which coexist while one
/// replaces the other.
macro_rules! conflicts_with_nothing {
    () => {
        /// Two of them coexist while one replaces the other.
        fn conflicts(&self, _: &Self) -> bool {
            false
        }
    };
}

macro_rules! plan_kinds {
    (top_level { $([$kind:ident $singular:ident $($top:tt)*])* }
     inside_vpc { $([$inner:ident $inner_singular:ident $($inside:tt)*])* }) => {
        $(mod $singular;)*
        $(mod $inner_singular;)*

        /// The address and attributes of graph node `node`.
        pub(crate) fn desired(b: &mut Builder, node: NodeId) -> (Address, Attributes) {
            match node {
                $(NodeId::$kind(id) => {
                    let (address, a) = <attrs::$kind as PlanKind>::desired(b, id);
                    (address, Attributes::$kind(Box::new(a)))
                })*
                $(NodeId::$inner(id) => {
                    let (address, a) = <attrs::$inner as PlanKind>::desired(b, id);
                    (address, Attributes::$inner(Box::new(a)))
                })*
            }
        }

        /// What apply will compute for a new object with these attributes.
        pub(crate) fn unknown_after(after: &Attributes) -> Vec<&'static str> {
            let mut names = vec!["id"];
            match after {
                $(Attributes::$kind(a) => a.unknown_after(&mut names),)*
                $(Attributes::$inner(a) => a.unknown_after(&mut names),)*
            }
            names
        }

        /// Apply's creation of `attributes`: see [`PlanKind::create`].
        pub(crate) fn create(
            attributes: &mut Attributes,
            sim: &mut Simulator,
            new: &mut New,
        ) -> Result<Vec<Address>, ApplyError> {
            match attributes {
                $(Attributes::$kind(a) => a.create(sim, new),)*
                $(Attributes::$inner(a) => a.create(sim, new),)*
            }
        }

        /// Apply's update of `attributes`: see [`PlanKind::update`].
        pub(crate) fn update(
            attributes: &mut Attributes,
            sim: &mut Simulator,
            old: &ResourceState,
            address: &Address,
        ) -> Result<Follow, ApplyError> {
            match attributes {
                $(Attributes::$kind(a) => a.update(sim, old, address),)*
                $(Attributes::$inner(a) => a.update(sim, old, address),)*
            }
        }

        /// Whether the new object of a replacement would conflict with the
        /// old one while both exist, so the old one must go first.
        pub(crate) fn conflicts(before: &Attributes, after: &Attributes) -> bool {
            match (before, after) {
                $((Attributes::$kind(b), Attributes::$kind(a)) => a.conflicts(b),)*
                $((Attributes::$inner(b), Attributes::$inner(a)) => a.conflicts(b),)*
                // A replacement keeps its kind.
                $((Attributes::$kind(_), _))|* | $((Attributes::$inner(_), _))|* => false,
            }
        }
    };
}
skyplan_spec::for_each_kind!(plan_kinds);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_the_plan_reads_are_in_the_table() {
        assert_eq!(
            default_of::<u16>(Kind::FlowLog, "max_aggregation_interval"),
            600
        );
        assert_eq!(default_of::<String>(Kind::FlowLog, "traffic"), "ALL");
        assert_eq!(
            default_of::<String>(Kind::LoadBalancer, "ip_address_type"),
            "ipv4"
        );
        assert_eq!(
            default_of::<String>(Kind::TargetGroup, "target_type"),
            "instance"
        );
        let port = skyplan_spec::schema::default_in(skyplan_spec::HEALTH_CHECK, "port");
        assert_eq!(port, Some("traffic-port"));
    }
}
