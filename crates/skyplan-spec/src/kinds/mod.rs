//! The one list of resource kinds. Every aggregate over kinds — the
//! [`Kind`] enum and its names, the stack's lists and their decoder, the
//! model's lists, the state's `Attributes` enum — is generated from
//! [`for_each_kind!`], so a new kind is one row here plus its own files.

/// Calls `$callback!` with every resource kind, in two groups:
///
/// - `top_level`: kinds declared under their own top-level key. A row is
///   `[Kind singular plural Spec order rank resolve Model models keeps_written?]`
/// - `inside_vpc`: kinds declared inside their VPC (and named after it).
///   A row is `[Kind singular plural order rank resolve Model models]`
///
/// where `singular` also names the kind's module in each layer (here
/// `kinds/<singular>.rs`: its kind-table entry `SCHEMA`, its declaration
/// `Spec` and their decoder), `Spec` is its declaration, `order` its place in the contract's kind order (docs,
/// `Ord`), `rank` its place in the dependency graph's node order (which
/// decides the order of plans), `resolve` its place in the model's
/// resolution order (after every kind it references, so a reference to a
/// dropped declaration is dropped with it), `Model` and `models` the model's type and
/// list of its declarations (an instance's declaration is an
/// `InstanceGroup`, expanded into `count` copies), and `keeps_written`
/// marks a kind whose launch settings are checked even when another of
/// its attributes is broken.
#[macro_export]
macro_rules! for_each_kind {
    ($callback:ident) => {
        $callback! {
            top_level {
                [Vpc vpc vpcs VpcSpec 0 0 3 Vpc vpcs]
                [Subnet subnet subnets SubnetSpec 1 1 7 Subnet subnets]
                [InternetGateway internet_gateway internet_gateways InternetGatewaySpec 2 2 8 InternetGateway internet_gateways]
                [ElasticIp elastic_ip elastic_ips ElasticIpSpec 3 3 6 ElasticIp elastic_ips]
                [NatGateway nat_gateway nat_gateways NatGatewaySpec 4 4 10 NatGateway nat_gateways]
                [RouteTable route_table route_tables RouteTableSpec 5 7 15 RouteTable route_tables]
                [SecurityGroup security_group security_groups SecurityGroupSpec 6 5 11 SecurityGroup security_groups]
                [NetworkAcl network_acl network_acls NetworkAclSpec 7 8 16 NetworkAcl network_acls]
                [VpcPeering vpc_peering vpc_peerings VpcPeeringSpec 8 9 9 VpcPeering vpc_peerings]
                [VpcEndpoint vpc_endpoint vpc_endpoints VpcEndpointSpec 9 10 21 VpcEndpoint vpc_endpoints]
                [Instance instance instances InstanceSpec 10 6 14 InstanceGroup instance_groups keeps_written]
                [Volume volume volumes VolumeSpec 11 11 22 Volume volumes]
                [DhcpOptions dhcp_options dhcp_options DhcpOptionsSpec 12 12 1 DhcpOptions dhcp_options]
                [FlowLog flow_log flow_logs FlowLogSpec 13 13 23 FlowLog flow_logs]
                [EgressOnlyInternetGateway egress_only_internet_gateway egress_only_internet_gateways EgressOnlyInternetGatewaySpec 14 14 5 EgressOnlyInternetGateway egress_only_internet_gateways]
                [PrefixList prefix_list prefix_lists PrefixListSpec 15 15 2 PrefixList prefix_lists]
                [LoadBalancer load_balancer load_balancers LoadBalancerSpec 18 19 18 LoadBalancer load_balancers]
                [TargetGroup target_group target_groups TargetGroupSpec 19 18 17 TargetGroup target_groups]
                [LaunchTemplate launch_template launch_templates LaunchTemplateSpec 20 20 19 LaunchTemplate launch_templates]
                [AutoScalingGroup auto_scaling_group auto_scaling_groups AutoScalingGroupSpec 21 21 20 AutoScalingGroup auto_scaling_groups]
                [DbSubnetGroup db_subnet_group db_subnet_groups DbSubnetGroupSpec 22 22 24 DbSubnetGroup db_subnet_groups]
                [TransitGateway transit_gateway transit_gateways TransitGatewaySpec 23 23 0 TransitGateway transit_gateways]
                [TransitGatewayAttachment transit_gateway_attachment transit_gateway_attachments TransitGatewayAttachmentSpec 24 24 25 TransitGatewayAttachment transit_gateway_attachments]
                [CustomerGateway customer_gateway customer_gateways CustomerGatewaySpec 25 25 26 CustomerGateway customer_gateways]
                [VpnGateway vpn_gateway vpn_gateways VpnGatewaySpec 26 26 4 VpnGateway vpn_gateways]
                [VpnConnection vpn_connection vpn_connections VpnConnectionSpec 27 27 27 VpnConnection vpn_connections]
                [DbInstance db_instance db_instances DbInstanceSpec 28 28 28 DbInstance db_instances]
                [TransitGatewayRouteTable transit_gateway_route_table transit_gateway_route_tables TransitGatewayRouteTableSpec 29 29 30 TransitGatewayRouteTable transit_gateway_route_tables]
                [DxGateway dx_gateway dx_gateways DxGatewaySpec 30 30 29 DxGateway dx_gateways]
            }
            inside_vpc {
                [DefaultSecurityGroup default_security_group default_security_groups 16 16 12 DefaultSecurityGroup default_security_groups]
                [DefaultNetworkAcl default_network_acl default_network_acls 17 17 13 DefaultNetworkAcl default_network_acls]
            }
        }
    };
}

/// What every kind's module reads.
mod prelude {
    pub(crate) use crate::declarations::*;
    pub(crate) use crate::decode::*;
    pub(crate) use crate::kinds::*;
    pub(crate) use crate::schema::{self, *};
    pub(crate) use crate::words::*;
    pub(crate) use crate::yaml::Node;
    pub(crate) use skyplan_diagnostics::{Diagnostic, Rule, Span};
}

/// A kind's attributes, its declaration and its `decode`, from one list of
/// `field: reader(type) force_new? (= "default")? "doc"` lines (or
/// `=> SHARED` instead of the doc: an attribute several tables share): the field's
/// key is its name; the reader says how it is read, whether it is required
/// (`req_*`) and, with its argument, its type in the kind table
/// (`ATTRIBUTES`, which the kind's `SCHEMA` lists); the doc line is the
/// table's and the field's. Required fields are all read (each reporting)
/// before a missing one drops the declaration.
macro_rules! declaration {
    ($(#[$meta:meta])* $name:ident {}) => {
        /// Its attributes, in the kind table: none.
        pub(crate) const ATTRIBUTES: &[Attr] = &[];

        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq)]
        pub struct $name {}

        pub(crate) fn decode(_: &mut Decoder, _: &Fields) -> Option<$name> {
            Some($name {})
        }
    };
    ($(#[$meta:meta])* $name:ident { $($body:tt)* }) => {
        declaration!(@table pub(crate) ATTRIBUTES, $(#[$meta])* $name [] { $($body)* });

        pub(crate) fn decode(d: &mut Decoder, f: &Fields) -> Option<$name> {
            declaration!(@read ATTRIBUTES, d, f, $name [] { $($body)* })
        }
    };
    // The attribute table and the struct.
    (@table $vis:vis $table:ident, $(#[$meta:meta])* $name:ident [$($extra:tt)*] {
        $($field:ident $(as $key:literal)?: $reader:ident $(<$word:ty>)? $(($($arg:tt)*))?
            $($force_new:ident)? $(= $default:literal)? $($doc:literal)? $(=> $shared:ident)?),*
        $(,)?
    }) => {
        /// Its attributes, in the kind table.
        $vis const $table: &[Attr] = &[$({
            let a = declared_entry!(
                [$($doc)?] [$($shared)?] declared_key!($field $($key)?),
                $reader $(<$word>)? $(($($arg)*))?
            );
            $(let a = default(a, $default);)?
            $(let a = $force_new(a);)?
            a
        }),*];

        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq)]
        pub struct $name {
            $($extra)*
            $($(#[doc = $doc])? pub $field: declared_type!($reader $(<$word>)? $(($($arg)*))?),)*
        }
    };
    // Every field read (each reporting), then the required ones checked.
    (@read $table:ident, $d:ident, $f:ident, $name:ident [$($extra:ident),*] {
        $($field:ident $(as $key:literal)?: $reader:ident $(<$word:ty>)? $(($($arg:tt)*))?
            $($force_new:ident)? $(= $default:literal)? $($doc:literal)? $(=> $shared:ident)?),*
        $(,)?
    }) => {{
        $(let $field = read_declared!(
            [$reader $(($($arg)*))?], $d, $f, declared_key!($field $($key)?), $table
        );)*
        Some($name {
            $($extra,)*
            $($field: finish_declared!($reader, $field),)*
        })
    }};
}

/// A nested block's table (`$table`), struct (with the `span` of the whole
/// entry) and reader (`$reader(d, node)`, which names it `$what` in
/// errors), from the same lines as [`declaration!`]. With `then $check ->
/// $out`, the reader hands the entry read to `$check(d, fields, entry)`,
/// for checks across its attributes (a route's one destination), and
/// returns what that makes of it.
macro_rules! block {
    ($(#[$meta:meta])* $name:ident in $vis:vis $table:ident, read $reader:ident as $what:literal {
        $($body:tt)*
    }) => {
        block!(@table $(#[$meta])* $name in $vis $table { $($body)* });

        pub(crate) fn $reader(d: &mut Decoder, node: &Node) -> Option<$name> {
            let span = d.span(node);
            let f = &d.fields(node, &keys_of($table), $what, span)?;
            declaration!(@read $table, d, f, $name [span] { $($body)* })
        }
    };
    ($(#[$meta:meta])* $name:ident in $vis:vis $table:ident,
        read $reader:ident as $what:literal then $check:ident -> $out:ty {
        $($body:tt)*
    }) => {
        block!(@table $(#[$meta])* $name in $vis $table { $($body)* });

        pub(crate) fn $reader(d: &mut Decoder, node: &Node) -> Option<$out> {
            let span = d.span(node);
            let f = &d.fields(node, &keys_of($table), $what, span)?;
            let entry = declaration!(@read $table, d, f, $name [span] { $($body)* })?;
            $check(d, f, entry)
        }
    };
    (@table $(#[$meta:meta])* $name:ident in $vis:vis $table:ident { $($body:tt)* }) => {
        declaration!(@table $vis $table, $(#[$meta])* $name [
            /// The whole entry.
            pub span: Span,
        ] { $($body)* });
    };
}

/// A `declaration!` line's kind-table attribute: its type from the reader
/// and its argument, required for the `req_*` readers.
macro_rules! declared_attr {
    ($key:expr, $doc:expr, req_name(InstanceCopy)) => {
        required(attr($key, AttrType::InstanceCopy, $doc))
    };
    ($key:expr, $doc:expr, req_name($kind:ident)) => {
        required(attr($key, AttrType::Reference(Kind::$kind), $doc))
    };
    ($key:expr, $doc:expr, name(InstanceCopy)) => {
        attr($key, AttrType::InstanceCopy, $doc)
    };
    ($key:expr, $doc:expr, name($kind:ident)) => {
        attr($key, AttrType::Reference(Kind::$kind), $doc)
    };
    ($key:expr, $doc:expr, req_names($kind:ident)) => {
        required(attr($key, AttrType::References(Kind::$kind), $doc))
    };
    ($key:expr, $doc:expr, names($kind:ident)) => {
        attr($key, AttrType::References(Kind::$kind), $doc)
    };
    ($key:expr, $doc:expr, req_str($ty:ident)) => {
        required(attr($key, AttrType::$ty, $doc))
    };
    ($key:expr, $doc:expr, str($ty:ident)) => {
        attr($key, AttrType::$ty, $doc)
    };
    ($key:expr, $doc:expr, str_list($ty:ident)) => {
        attr($key, AttrType::$ty, $doc)
    };
    ($key:expr, $doc:expr, bool) => {
        attr($key, AttrType::Bool, $doc)
    };
    ($key:expr, $doc:expr, list($ty:ident)) => {
        attr($key, AttrType::$ty, $doc)
    };
    ($key:expr, $doc:expr, with($read:ident: $field:ty, $($ty:tt)*)) => {
        attr($key, AttrType::$($ty)*, $doc)
    };
    ($key:expr, $doc:expr, req_with($read:ident: $field:ty, $($ty:tt)*)) => {
        required(attr($key, AttrType::$($ty)*, $doc))
    };
    ($key:expr, $doc:expr, choice($($word:literal),*)) => {
        attr($key, AttrType::Choice(&[$($word),*]), $doc)
    };
    ($key:expr, $doc:expr, req_uint($min:expr, $max:expr)) => {
        required(attr($key, AttrType::Integer { min: $min, max: $max }, $doc))
    };
    ($key:expr, $doc:expr, req_choice($words:ident)) => {
        required(attr($key, AttrType::Choice($words), $doc))
    };
    ($key:expr, $doc:expr, req_choice($($word:literal),*)) => {
        required(attr($key, AttrType::Choice(&[$($word),*]), $doc))
    };
    ($key:expr, $doc:expr, name_list($kind:ident)) => {
        attr($key, AttrType::References(Kind::$kind), $doc)
    };
    ($key:expr, $doc:expr, blocks($read:ident: $ty:ty, $attrs:ident)) => {
        attr($key, AttrType::List($attrs), $doc)
    };
    ($key:expr, $doc:expr, maybe_blocks($read:ident: $ty:ty, $attrs:ident)) => {
        attr($key, AttrType::List($attrs), $doc)
    };
    ($key:expr, $doc:expr, req_int($min:expr, $max:expr)) => {
        required(attr($key, AttrType::Integer { min: $min, max: $max }, $doc))
    };
    ($key:expr, $doc:expr, req_scalar_text($ty:ident)) => {
        required(attr($key, AttrType::$ty, $doc))
    };
    ($key:expr, $doc:expr, scalar_text($ty:ident)) => {
        attr($key, AttrType::$ty, $doc)
    };
    ($key:expr, $doc:expr, req_ranged($min:expr, $max:expr)) => {
        required(attr(
            $key,
            AttrType::Integer {
                min: $min,
                max: $max,
            },
            $doc,
        ))
    };
    ($key:expr, $doc:expr, $reader:ident($min:expr, $max:expr)) => {
        attr(
            $key,
            AttrType::Integer {
                min: $min,
                max: $max,
            },
            $doc,
        )
    };
    ($key:expr, $doc:expr, word<$word:ty>) => {
        attr($key, AttrType::Choice(<$word>::WORDS), $doc)
    };
    ($key:expr, $doc:expr, req_word<$word:ty>) => {
        required(attr($key, AttrType::Choice(<$word>::WORDS), $doc))
    };
}

/// A `declaration!` line's table entry: built from its reader and doc, or
/// the shared attribute it names.
macro_rules! declared_entry {
    ([$doc:literal] [] $key:expr, $($reader:tt)*) => {
        declared_attr!($key, $doc, $($reader)*)
    };
    ([] [$shared:ident] $key:expr, $($reader:tt)*) => {
        $shared
    };
}

/// A `declaration!` field's key: its name, or the `as "key"` it gives
/// (for keys that are Rust keywords, like `type`).
macro_rules! declared_key {
    ($field:ident) => {
        stringify!($field)
    };
    ($field:ident $key:literal) => {
        $key
    };
}

/// The type a `declaration!` reader gives.
macro_rules! declared_type {
    (req_name $($args:tt)*) => { Sp<String> };
    (req_str $($args:tt)*) => { Sp<String> };
    (req_names $($args:tt)*) => { Sp<Vec<Sp<String>>> };
    (req_ranged $($args:tt)*) => { Sp<i64> };
    (str $($args:tt)*) => { Option<Sp<String>> };
    (name $($args:tt)*) => { Option<Sp<String>> };
    (bool $($args:tt)*) => { Option<Sp<bool>> };
    (int $($args:tt)*) => { Option<Sp<i64>> };
    (ranged $($args:tt)*) => { Option<Sp<i64>> };
    (names $($args:tt)*) => { Vec<Sp<String>> };
    (str_list $($args:tt)*) => { Option<Sp<Vec<Sp<String>>>> };
    (list $($args:tt)*) => { Vec<Sp<String>> };
    (choice $($args:tt)*) => { Option<Sp<String>> };
    (req_choice $($args:tt)*) => { Sp<String> };
    (name_list $($args:tt)*) => { Option<Sp<Vec<Sp<String>>>> };
    (uint $($args:tt)*) => { Option<Sp<u64>> };
    (req_uint $($args:tt)*) => { Sp<u64> };
    (req_int $($args:tt)*) => { Sp<i64> };
    (scalar_text $($args:tt)*) => { Option<Sp<String>> };
    (req_scalar_text $($args:tt)*) => { Sp<String> };
    (word <$word:ty>) => { Option<Sp<$word>> };
    (req_word <$word:ty>) => { Sp<$word> };
    (with ($read:ident: $ty:ty, $($attr:tt)*)) => { $ty };
    (blocks ($read:ident: $ty:ty, $attrs:ident)) => { Vec<$ty> };
    (maybe_blocks ($read:ident: $ty:ty, $attrs:ident)) => { Option<Vec<$ty>> };
    (req_with ($read:ident: $ty:ty, $($attr:tt)*)) => { $ty };
}

/// How a `declaration!` reader reads its key.
macro_rules! read_declared {
    ([req_names $($args:tt)*], $d:ident, $f:ident, $key:expr, $table:ident) => {
        req_names($d, $f, $key)
    };
    ([req_ranged $($args:tt)*], $d:ident, $f:ident, $key:expr, $table:ident) => {
        req_ranged($d, $f, $key, $table)
    };
    ([ranged $($args:tt)*], $d:ident, $f:ident, $key:expr, $table:ident) => {
        $f.ranged($d, $key, $table)
    };
    ([word $($args:tt)*], $d:ident, $f:ident, $key:expr, $table:ident) => {
        word($d, $f, $key)
    };
    ([req_word $($args:tt)*], $d:ident, $f:ident, $key:expr, $table:ident) => {
        req_word($d, $f, $key)
    };
    ([choice $($args:tt)*], $d:ident, $f:ident, $key:expr, $table:ident) => {
        $f.choice($d, $key, schema::choices($table, $key))
    };
    ([req_choice $($args:tt)*], $d:ident, $f:ident, $key:expr, $table:ident) => {
        $f.req_choice($d, $key, schema::choices($table, $key))
    };
    ([list $($args:tt)*], $d:ident, $f:ident, $key:expr, $table:ident) => {
        $f.str_list($d, $key).map(|l| l.value).unwrap_or_default()
    };
    ([blocks ($read:ident: $($rest:tt)*)], $d:ident, $f:ident, $key:expr, $table:ident) => {
        $f.list($d, $key, $read).unwrap_or_default()
    };
    ([maybe_blocks ($read:ident: $($rest:tt)*)], $d:ident, $f:ident, $key:expr, $table:ident) => {
        $f.list($d, $key, $read)
    };
    ([with ($read:ident: $($rest:tt)*)], $d:ident, $f:ident, $key:expr, $table:ident) => {
        $read($d, $f, $key)
    };
    ([req_with ($read:ident: $($rest:tt)*)], $d:ident, $f:ident, $key:expr, $table:ident) => {
        $read($d, $f, $key)
    };
    ([$reader:ident $($args:tt)*], $d:ident, $f:ident, $key:expr, $table:ident) => {
        $f.$reader($d, $key)
    };
}

/// A read value as its field: required ones drop the declaration when
/// missing (after every field was read and reported).
macro_rules! finish_declared {
    (req_name, $v:ident) => {
        $v?
    };
    (req_str, $v:ident) => {
        $v?
    };
    (req_names, $v:ident) => {
        $v?
    };
    (req_ranged, $v:ident) => {
        $v?
    };
    (req_with, $v:ident) => {
        $v?
    };
    (req_uint, $v:ident) => {
        $v?
    };
    (req_choice, $v:ident) => {
        $v?
    };
    (req_word, $v:ident) => {
        $v?
    };
    (req_int, $v:ident) => {
        $v?
    };
    (req_scalar_text, $v:ident) => {
        $v?
    };
    ($reader:ident, $v:ident) => {
        $v
    };
}

macro_rules! kind_enum {
    (top_level { $([$kind:ident $singular:ident $plural:ident $spec:ident
        $order:literal $rank:literal $resolve:literal $model:ident $models:ident $($keeps:ident)?])* }
     inside_vpc { $([$inner:ident $inner_singular:ident $inner_plural:ident
        $inner_order:literal $inner_rank:literal $inner_resolve:literal
        $inner_model:ident $inner_models:ident])* }) => {
        $(pub mod $singular;
        pub use $singular::*;)*
        $(pub mod $inner_singular;
        pub use $inner_singular::*;)*

        /// The resource kinds of the spec language. Their discriminants are
        /// the contract's order, which is also their `Ord`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Kind {
            $($kind = $order,)*
            $($inner = $inner_order,)*
        }

        impl Kind {
            /// Every kind, in the contract's order.
            pub const ALL: [Kind; [$($order,)* $($inner_order,)*].len()] =
                in_order([$(Kind::$kind,)* $(Kind::$inner,)*]);

            /// Whether a spec declares it under its own top-level key. The
            /// VPC's default group and ACL are declared inside their VPC
            /// (and named after it).
            pub const fn is_top_level(self) -> bool {
                match self {
                    $(Kind::$kind => true,)*
                    $(Kind::$inner => false,)*
                }
            }

            /// The singular name used in addresses (`subnet.app-a`).
            pub const fn singular(self) -> &'static str {
                match self {
                    $(Kind::$kind => stringify!($singular),)*
                    $(Kind::$inner => stringify!($inner_singular),)*
                }
            }

            /// The plural top-level key of a spec file (`subnets`).
            pub const fn plural(self) -> &'static str {
                match self {
                    $(Kind::$kind => stringify!($plural),)*
                    $(Kind::$inner => stringify!($inner_plural),)*
                }
            }

            /// Where the dependency graph puts its nodes: kinds by rank,
            /// then declarations in order, which decides the order of
            /// plans.
            pub const fn graph_rank(self) -> usize {
                match self {
                    $(Kind::$kind => $rank,)*
                    $(Kind::$inner => $inner_rank,)*
                }
            }

            /// Where the model resolves it: after every kind it refers to.
            pub const fn resolve_rank(self) -> usize {
                match self {
                    $(Kind::$kind => $resolve,)*
                    $(Kind::$inner => $inner_resolve,)*
                }
            }

            /// The kind's entry of the kind table.
            pub const fn schema(self) -> &'static crate::schema::KindSchema {
                match self {
                    $(Kind::$kind => &$singular::SCHEMA,)*
                    $(Kind::$inner => &$inner_singular::SCHEMA,)*
                }
            }
        }
    };
}
for_each_kind!(kind_enum);

/// `kinds` sorted by their discriminants (a const insertion sort: the list
/// is written in groups, the contract orders kinds across them).
const fn in_order<const N: usize>(mut kinds: [Kind; N]) -> [Kind; N] {
    let mut i = 1;
    while i < N {
        let mut j = i;
        while j > 0 && (kinds[j - 1] as u8) > (kinds[j] as u8) {
            kinds.swap(j - 1, j);
            j -= 1;
        }
        i += 1;
    }
    kinds
}

impl Kind {
    /// Every kind in the dependency graph's node order.
    pub fn by_graph_rank() -> [Kind; Kind::ALL.len()] {
        let mut kinds = Kind::ALL;
        kinds.sort_by_key(|k| k.graph_rank());
        kinds
    }

    /// Every kind in the model's resolution order.
    pub fn by_resolve_rank() -> [Kind; Kind::ALL.len()] {
        let mut kinds = Kind::ALL;
        kinds.sort_by_key(|k| k.resolve_rank());
        kinds
    }

    /// The kind a top-level key declares.
    pub fn from_plural(key: &str) -> Option<Kind> {
        Kind::ALL
            .into_iter()
            .find(|k| k.is_top_level() && k.plural() == key)
    }

    pub fn from_singular(key: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.singular() == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_orders_are_permutations() {
        let mut orders: Vec<usize> = Kind::ALL.iter().map(|k| *k as usize).collect();
        let mut ranks: Vec<usize> = Kind::ALL.iter().map(|k| k.graph_rank()).collect();
        let mut resolves: Vec<usize> = Kind::ALL.iter().map(|k| k.resolve_rank()).collect();
        orders.sort_unstable();
        ranks.sort_unstable();
        resolves.sort_unstable();
        let every: Vec<usize> = (0..Kind::ALL.len()).collect();
        assert_eq!(orders, every);
        assert_eq!(ranks, every);
        assert_eq!(resolves, every);
        assert!(Kind::ALL.windows(2).all(|w| w[0] < w[1]));
    }

    /// Every kind an attribute (or an attribute of a nested block) names.
    fn named(attrs: &[crate::schema::Attr], out: &mut Vec<(&'static str, Kind)>) {
        use crate::schema::AttrType;
        for a in attrs {
            match a.ty {
                AttrType::Reference(k) | AttrType::References(k) => out.push((a.name, k)),
                AttrType::InstanceCopy => out.push((a.name, Kind::Instance)),
                AttrType::Object(inner) | AttrType::List(inner) => named(inner, out),
                _ => {}
            }
        }
    }

    /// A kind resolves after every kind it names: a lookup of a kind not
    /// resolved yet finds nothing, and the resolver drops the resource as
    /// if the name were broken (reported nowhere). The compiler cannot see
    /// this; this test can.
    #[test]
    fn every_kind_resolves_after_the_kinds_it_names() {
        for kind in Kind::ALL {
            let mut refs = Vec::new();
            named(kind.schema().attributes, &mut refs);
            for (attr, target) in refs {
                // The rules of a VPC's `default_security_group:` name
                // groups; its own kind resolves them, after every group.
                let taken_over = kind == Kind::Vpc && target == Kind::SecurityGroup;
                if target == kind || taken_over {
                    continue;
                }
                assert!(
                    target.resolve_rank() < kind.resolve_rank(),
                    "{} names {} in `{attr}` but resolves first",
                    kind.plural(),
                    target.plural()
                );
            }
        }
    }
}
