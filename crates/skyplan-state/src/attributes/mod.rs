//! The attributes of each kind as plans and states hold them: one typed
//! struct per kind (serde derive), configured attributes and the ones AWS
//! computes side by side, in the JSON shape of the contract.
//!
//! One file per kind, named after its row in `skyplan_spec::for_each_kind!`
//! (the row declares the module, so a kind without its file does not
//! compile), declaring its struct with [`kind_attributes!`]: every field is
//! `config` (what a spec states) or `computed` (what AWS computes), from
//! which `same_configuration` and `keep_computed` follow.
//!
//! Fields are declared in alphabetical order, so a state lists attributes
//! sorted. Each struct refuses keys it does not know: a state written by a
//! newer skyplan, or edited by hand, is refused rather than half read.

use std::net::{Ipv4Addr, Ipv6Addr};

use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Map, Value};
use skyplan_spec::words::as_word;
use skyplan_spec::{
    Address, EndpointType, InstanceState, Kind, NatConnectivity, TagSet, Tenancy, VolumeType,
};

fn is_false(b: &bool) -> bool {
    !*b
}

/// What the state knows of each kind beyond its fields; implemented in
/// the kind's file, with no default methods.
trait StateKind {
    /// The single-valued references, by attribute name (lists and blocks
    /// name their targets inside).
    fn references(&self) -> Vec<(&'static str, &Address)>;

    /// The interface the object is, if it is one (it then holds a private
    /// address in a subnet).
    fn interface(&self) -> Option<Interface<'_>>;
}

/// A kind's attributes: a serde struct of `config`, `unordered` and
/// `computed` fields. An `unordered` field is a configured list whose order
/// AWS does not keep (a group's rules, an ACL's numbered entries, a
/// table's routes, the subnets or groups of an association): written in
/// another order, it is the same configuration, never a change.
macro_rules! kind_attributes {
    ($(#[$meta:meta])* struct $name:ident {
        $($(#[$field_meta:meta])* $role:ident $field:ident: $ty:ty,)*
    }) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            $($(#[$field_meta])* pub $field: $ty,)*
        }

        impl $name {
            /// The attributes AWS computes.
            pub fn computed() -> Vec<&'static str> {
                [$(if_computed!($role, Some(stringify!($field)), None)),*]
                    .into_iter()
                    .flatten()
                    .collect()
            }

            /// The configured lists whose order AWS does not keep.
            pub fn unordered() -> Vec<&'static str> {
                [$(if_unordered!($role, Some(stringify!($field)), None)),*]
                    .into_iter()
                    .flatten()
                    .collect()
            }

            /// Whether the configured attributes are equal.
            pub(super) fn same_configuration(&self, other: &$name) -> bool {
                $(if_config!($role, self.$field, other.$field) &&)* true
            }

            /// Takes what AWS computed from `old`.
            // `old` goes unread by a kind that computes nothing.
            #[allow(unused_variables)]
            pub(super) fn keep_computed(&mut self, old: &$name) {
                $(if_computed!($role, self.$field.clone_from(&old.$field), ());)*
            }
        }
    };
}

/// Whether a configured field is the same in both (`true` for a computed
/// one).
macro_rules! if_config {
    (config, $a:expr, $b:expr) => {
        $a == $b
    };
    (unordered, $a:expr, $b:expr) => {
        same_items(&$a, &$b)
    };
    (computed, $a:expr, $b:expr) => {
        true
    };
}

/// `$computed` for a computed field, `$config` for a configured one.
macro_rules! if_computed {
    (computed, $computed:expr, $config:expr) => {
        $computed
    };
    (config, $computed:expr, $config:expr) => {
        $config
    };
    (unordered, $computed:expr, $config:expr) => {
        $config
    };
}

/// `$yes` for an `unordered` field, `$no` for any other.
macro_rules! if_unordered {
    (unordered, $yes:expr, $no:expr) => {
        $yes
    };
    (config, $yes:expr, $no:expr) => {
        $no
    };
    (computed, $yes:expr, $no:expr) => {
        $no
    };
}

/// Whether two lists hold the same items, in any order (as often as each
/// other). Equal lists answer at once; others are compared sorted by their
/// JSON, so it stays O(n log n).
pub fn same_items<T: PartialEq + Serialize>(a: &[T], b: &[T]) -> bool {
    if a == b {
        return true;
    }
    if a.len() != b.len() {
        return false;
    }
    let sorted = |items: &[T]| {
        let mut keys: Vec<String> = items
            .iter()
            .map(|x| serde_json::to_string(x).unwrap_or_default())
            .collect();
        keys.sort_unstable();
        keys
    };
    sorted(a) == sorted(b)
}

macro_rules! attributes {
    (top_level { $([$kind:ident $singular:ident $($top:tt)*])* }
     inside_vpc { $([$inner:ident $inner_singular:ident $($inside:tt)*])* }) => {
        $(mod $singular;
        pub use $singular::*;)*
        $(mod $inner_singular;
        pub use $inner_singular::*;)*

        /// The attributes of one object, of its kind (one struct per kind,
        /// named after it). Boxed: the kinds differ in size (a target group
        /// 400 bytes, an instance 336, a VPC 184), and inline, every
        /// object would take the largest's room in the state's map, the
        /// desired attributes and the plan (a hundred MB of a
        /// 100,000-resource no-op plan).
        #[derive(Clone, Debug, PartialEq)]
        pub enum Attributes {
            $($kind(Box<$kind>),)*
            $($inner(Box<$inner>),)*
        }

        /// Reads the attributes of `kind` with any serde deserializer.
        fn read<'de, D: serde::Deserializer<'de>>(
            kind: Kind,
            d: D,
        ) -> Result<Attributes, D::Error> {
            Ok(match kind {
                $(Kind::$kind => Attributes::$kind(Box::new($kind::deserialize(d)?)),)*
                $(Kind::$inner => Attributes::$inner(Box::new($inner::deserialize(d)?)),)*
            })
        }

        impl Attributes {
            pub fn kind(&self) -> Kind {
                match self {
                    $(Attributes::$kind(_) => Kind::$kind,)*
                    $(Attributes::$inner(_) => Kind::$inner,)*
                }
            }

            pub fn tags(&self) -> &TagSet {
                match self {
                    $(Attributes::$kind(a) => &a.tags,)*
                    $(Attributes::$inner(a) => &a.tags,)*
                }
            }

            /// Shares `other`'s storage when the tags are the same.
            pub fn share_tags(&mut self, other: &TagSet) {
                match self {
                    $(Attributes::$kind(a) => a.tags.share_with(other),)*
                    $(Attributes::$inner(a) => a.tags.share_with(other),)*
                }
            }

            /// Its configured lists whose order AWS does not keep.
            pub fn unordered(&self) -> Vec<&'static str> {
                match self {
                    $(Attributes::$kind(_) => $kind::unordered(),)*
                    $(Attributes::$inner(_) => $inner::unordered(),)*
                }
            }

            /// Whether the configured attributes are equal (what AWS
            /// computes is not configuration: a spec never states it).
            pub fn same_configuration(&self, other: &Attributes) -> bool {
                match (self, other) {
                    $((Attributes::$kind(a), Attributes::$kind(b)) => a.same_configuration(b),)*
                    $((Attributes::$inner(a), Attributes::$inner(b)) => {
                        a.same_configuration(b)
                    })*
                    // Objects of two kinds are never the same.
                    $((Attributes::$kind(_), _))|* | $((Attributes::$inner(_), _))|* => false,
                }
            }

            /// Keeps what AWS computed for `old` (an update changes
            /// configuration only).
            pub fn keep_computed(&mut self, old: &Attributes) {
                match (self, old) {
                    $((Attributes::$kind(a), Attributes::$kind(b)) => a.keep_computed(b),)*
                    $((Attributes::$inner(a), Attributes::$inner(b)) => a.keep_computed(b),)*
                    // A replacement computes everything anew.
                    $((Attributes::$kind(_), _))|* | $((Attributes::$inner(_), _))|* => {}
                }
            }

            /// The single-valued references, by attribute name (lists and
            /// blocks name their targets inside).
            pub fn references(&self) -> Vec<(&'static str, &Address)> {
                match self {
                    $(Attributes::$kind(a) => a.references(),)*
                    $(Attributes::$inner(a) => a.references(),)*
                }
            }

            /// The interface the object is, if it is one.
            fn interface(&self) -> Option<Interface<'_>> {
                match self {
                    $(Attributes::$kind(a) => a.interface(),)*
                    $(Attributes::$inner(a) => a.interface(),)*
                }
            }

            /// The names of the attributes AWS computes for `kind`.
            pub fn computed_of(kind: Kind) -> Vec<&'static str> {
                match kind {
                    $(Kind::$kind => $kind::computed(),)*
                    $(Kind::$inner => $inner::computed(),)*
                }
            }
        }

        impl Serialize for Attributes {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                match self {
                    $(Attributes::$kind(a) => a.serialize(s),)*
                    $(Attributes::$inner(a) => a.serialize(s),)*
                }
            }
        }
    };
}
skyplan_spec::for_each_kind!(attributes);

impl Attributes {
    /// The attributes of `kind` from their JSON text.
    pub fn from_json(kind: Kind, text: &str) -> Result<Attributes, serde_json::Error> {
        let mut d = serde_json::Deserializer::from_str(text);
        let attributes = read(kind, &mut d)?;
        d.end()?;
        Ok(attributes)
    }

    /// The attributes of `kind` from a JSON object (a saved plan's).
    pub fn from_map(kind: Kind, map: Map<String, Value>) -> Result<Attributes, serde_json::Error> {
        read(kind, Value::Object(map))
    }

    /// The attributes as a JSON object: the generic view the diff of a
    /// changed object and the plan renderer walk.
    pub fn to_map(&self) -> Map<String, Value> {
        match serde_json::to_value(self) {
            Ok(Value::Object(map)) => map,
            // Every struct serialises to an object, and no field can fail.
            _ => Map::new(),
        }
    }

    /// The subnets an object has network interfaces in: an instance's or
    /// NAT gateway's one, an interface endpoint's each.
    pub fn subnets_held(&self) -> Vec<&Address> {
        match self {
            Attributes::VpcEndpoint(e) => e.subnets.iter().collect(),
            Attributes::LoadBalancer(l) => l.subnets.iter().collect(),
            Attributes::AutoScalingGroup(g) => g.instances.iter().map(|i| &i.subnet).collect(),
            other => other.interface().map(|i| i.subnet).into_iter().collect(),
        }
    }

    /// The private addresses an object holds, with their subnets.
    pub fn held_addresses(&self) -> Vec<(&Address, Ipv4Addr)> {
        match self {
            Attributes::VpcEndpoint(e) => e
                .subnets
                .iter()
                .zip(e.private_ip_addresses.iter().copied())
                .collect(),
            Attributes::LoadBalancer(l) => l
                .subnets
                .iter()
                .zip(l.private_ip_addresses.iter().copied())
                .collect(),
            Attributes::AutoScalingGroup(g) => g
                .instances
                .iter()
                .map(|i| (&i.subnet, i.private_ip_address))
                .collect(),
            other => other
                .interface()
                .and_then(|i| Some((i.subnet, i.private_ip_address?)))
                .into_iter()
                .collect(),
        }
    }

    /// The private address an instance or NAT gateway holds.
    pub fn private_ip_address(&self) -> Option<Ipv4Addr> {
        self.interface().and_then(|i| i.private_ip_address)
    }

    /// The public address an object holds (a NAT gateway's is its elastic IP's).
    pub fn public_ip_address(&self) -> Option<Ipv4Addr> {
        match self {
            Attributes::ElasticIp(a) => a.public_ip_address,
            other => other.interface().and_then(|i| i.public_ip_address),
        }
    }
}

/// What instances and NAT gateways have alike.
struct Interface<'a> {
    subnet: &'a Address,
    private_ip_address: Option<Ipv4Addr>,
    public_ip_address: Option<Ipv4Addr>,
}

/// Deserialises the attributes of a kind known beforehand.
pub struct AttributesOf(pub Kind);

impl<'de> serde::de::DeserializeSeed<'de> for AttributesOf {
    type Value = Attributes;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Attributes, D::Error> {
        read(self.0, d)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn same_items_ignores_order_but_not_how_often() {
        use super::same_items;
        assert!(same_items(&[1, 2, 2], &[2, 1, 2]));
        assert!(!same_items(&[1, 2, 2], &[1, 1, 2]));
        assert!(!same_items(&[1], &[1, 1]));
        assert!(same_items::<u8>(&[], &[]));
    }

    use super::*;

    #[test]
    fn unknown_keys_and_words_are_refused() {
        let ok = r#"{"cidr": "10.0.0.0/16"}"#;
        assert!(Attributes::from_json(Kind::Vpc, ok).is_ok());
        let unknown = r#"{"cidr": "10.0.0.0/16", "ipv4": true}"#;
        assert!(Attributes::from_json(Kind::Vpc, unknown).is_err());
        let word = r#"{"cidr": "10.0.0.0/16", "tenancy": "host"}"#;
        let e = Attributes::from_json(Kind::Vpc, word).unwrap_err();
        assert!(e.to_string().contains("default, dedicated"), "{e}");
    }

    #[test]
    fn computed_attributes_are_not_configuration() {
        let a = r#"{"az": "eu-west-1a", "cidr": "10.0.0.0/24", "vpc": "vpc.main"}"#;
        let b = r#"{"az": "eu-west-1a", "cidr": "10.0.0.0/24", "vpc": "vpc.main", "available_ip_count": 251}"#;
        let (a, b) = (
            Attributes::from_json(Kind::Subnet, a).unwrap(),
            Attributes::from_json(Kind::Subnet, b).unwrap(),
        );
        assert_ne!(a, b);
        assert!(a.same_configuration(&b));
        let mut c = a.clone();
        c.keep_computed(&b);
        assert_eq!(c, b);
    }

    #[test]
    fn the_computed_fields_are_the_kind_tables() {
        for kind in Kind::ALL {
            let mut table: Vec<&str> = kind.schema().computed.iter().map(|c| c.name).collect();
            let mut fields = Attributes::computed_of(kind);
            table.sort_unstable();
            fields.sort_unstable();
            assert_eq!(fields, table, "{kind:?}");
        }
    }

    #[test]
    fn attributes_serialise_sorted() {
        let text = r#"{"vpc": "vpc.main", "cidr": "10.0.0.0/24", "az": "eu-west-1a", "available_ip_count": 1}"#;
        let a = Attributes::from_json(Kind::Subnet, text).unwrap();
        let keys: Vec<String> = a.to_map().keys().cloned().collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted);
        assert_eq!(
            serde_json::to_string(&a).unwrap(),
            r#"{"available_ip_count":1,"az":"eu-west-1a","cidr":"10.0.0.0/24","public_ip_on_launch":false,"tags":{},"vpc":"vpc.main"}"#
        );
    }
}
