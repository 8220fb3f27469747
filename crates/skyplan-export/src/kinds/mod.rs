//! One module per kind, declared by `skyplan_spec::for_each_kind!`: how
//! its desired attributes become CloudFormation resources and Terraform
//! blocks. A kind without its file, or a kind left out of a match here,
//! does not compile.

use std::collections::{BTreeMap, BTreeSet};

use skyplan_plan::Desired;
use skyplan_spec::{Address, Kind};
use skyplan_state::Attributes;
use skyplan_state::attributes as attrs;

use crate::cloudformation::Template;
use crate::terraform::{Body, Configuration};

/// What every kind's module reads.
mod prelude {
    pub(crate) use skyplan_spec::{Address, Word};
    pub(crate) use skyplan_state::attributes as attrs;

    pub(crate) use super::{ExportKind, Index};
    pub(crate) use crate::cloudformation::Template;
    pub(crate) use crate::doc::{Fields, Traffic, Value};
    pub(crate) use crate::terraform::{Body, Configuration};
}

/// A kind's exports. No method has a default: a new kind answers for both
/// formats in its file.
pub(crate) trait ExportKind {
    /// Its hashicorp/aws resource type (what `aws_x.name.id` names).
    const TERRAFORM: &'static str;

    /// Adds its resources to the template.
    fn cloudformation(&self, address: &Address, t: &mut Template, index: &Index);

    /// Its block's body; further blocks (rules, associations) go to `c`.
    fn terraform(&self, address: &Address, c: &mut Configuration, index: &Index) -> Body;
}

/// What a resource's export needs to know of others: which VPC a subnet is
/// in, the internet gateway of a VPC (resources that need the internet
/// wait for its attachment), which subnets the main route table gets.
#[derive(Default)]
pub(crate) struct Index {
    vpc_of_subnet: BTreeMap<Address, Address>,
    region_of_vpc: BTreeMap<Address, String>,
    gateway_of_vpc: BTreeMap<Address, Address>,
    subnet_of_instance: BTreeMap<Address, Address>,
    subnets_of_vpc: BTreeMap<Address, Vec<Address>>,
    /// Subnets a route table other than the main one lists.
    routed: BTreeSet<Address>,
    /// Each VPC's attachment to each transit gateway.
    attachments: BTreeMap<(Address, Address), Address>,
    /// Each VPC's secondary IPv4 blocks, in order.
    secondary_blocks: BTreeMap<Address, Vec<String>>,
    /// Transit gateways that associate new attachments with their default
    /// route table.
    associating_by_default: BTreeSet<Address>,
    /// Attachments a transit gateway route table of the stack associates.
    associated: BTreeSet<Address>,
}

impl Index {
    pub(crate) fn of(desired: &[Desired]) -> Index {
        let mut index = Index::default();
        for d in desired {
            match &d.attributes {
                Attributes::Subnet(s) => {
                    index.vpc_of_subnet.insert(d.address.clone(), s.vpc.clone());
                    (index.subnets_of_vpc.entry(s.vpc.clone()).or_default())
                        .push(d.address.clone());
                }
                Attributes::Vpc(v) => {
                    if let Some(r) = &v.region {
                        index.region_of_vpc.insert(d.address.clone(), r.clone());
                    }
                    (index.secondary_blocks).insert(d.address.clone(), v.secondary_cidrs.clone());
                }
                Attributes::InternetGateway(g) => {
                    index
                        .gateway_of_vpc
                        .insert(g.vpc.clone(), d.address.clone());
                }
                Attributes::Instance(i) => {
                    (index.subnet_of_instance).insert(d.address.clone(), i.subnet.clone());
                }
                Attributes::RouteTable(r) if !r.main => {
                    index.routed.extend(r.subnets.iter().cloned());
                }
                Attributes::TransitGateway(g) if g.default_route_table_association => {
                    index.associating_by_default.insert(d.address.clone());
                }
                Attributes::TransitGatewayRouteTable(r) => {
                    index.associated.extend(r.associations.iter().cloned());
                }
                Attributes::TransitGatewayAttachment(a) => {
                    let key = (a.vpc.clone(), a.transit_gateway.clone());
                    index.attachments.entry(key).or_insert(d.address.clone());
                }
                _ => {}
            }
        }
        index
    }

    pub(crate) fn vpc_of_subnet(&self, subnet: &Address) -> Option<&Address> {
        self.vpc_of_subnet.get(subnet)
    }

    /// Which secondary block of its VPC a subnet's block is in (CloudFormation
    /// must associate that block before it creates the subnet).
    pub(crate) fn secondary_block_of(&self, vpc: &Address, subnet_cidr: &str) -> Option<usize> {
        let subnet = skyplan_cidr::parse_block_v4(subnet_cidr).ok()?;
        self.secondary_blocks.get(vpc)?.iter().position(|b| {
            skyplan_cidr::parse_block_v4(b).is_ok_and(|block| block.contains(&subnet))
        })
    }

    pub(crate) fn region_of_vpc(&self, vpc: &Address) -> Option<&str> {
        self.region_of_vpc.get(vpc).map(String::as_str)
    }

    /// The regions of the stack's VPCs, sorted.
    pub(crate) fn regions(&self) -> BTreeSet<&str> {
        self.region_of_vpc.values().map(String::as_str).collect()
    }

    /// The internet gateway of the VPC `subnet` is in.
    pub(crate) fn gateway_of_subnet(&self, subnet: &Address) -> Option<&Address> {
        self.gateway_of_vpc.get(self.vpc_of_subnet(subnet)?)
    }

    pub(crate) fn subnet_of_instance(&self, instance: &Address) -> Option<&Address> {
        self.subnet_of_instance.get(instance)
    }

    /// The attachment of `vpc` to the transit gateway `gateway`.
    pub(crate) fn attachment(&self, vpc: &Address, gateway: &Address) -> Option<&Address> {
        self.attachments.get(&(vpc.clone(), gateway.clone()))
    }

    /// Whether transit gateway `gateway` associates new attachments with its
    /// default route table.
    pub(crate) fn associates_by_default(&self, gateway: &Address) -> bool {
        self.associating_by_default.contains(gateway)
    }

    /// Whether a route table of the stack associates `attachment`.
    pub(crate) fn is_associated(&self, attachment: &Address) -> bool {
        self.associated.contains(attachment)
    }

    /// The subnets of `vpc` no other route table lists: the main table's.
    pub(crate) fn implicitly_routed(&self, vpc: &Address) -> Vec<&Address> {
        self.subnets_of_vpc
            .get(vpc)
            .into_iter()
            .flatten()
            .filter(|s| !self.routed.contains(*s))
            .collect()
    }
}

macro_rules! export_kinds {
    (top_level { $([$kind:ident $singular:ident $plural:ident $($rest:tt)*])* }
     inside_vpc { $([$inner:ident $inner_singular:ident $($inside:tt)*])* }) => {
        $(mod $singular;)*
        $(mod $inner_singular;)*

        /// The hashicorp/aws resource type of `kind`'s objects.
        pub(crate) fn terraform_type(kind: Kind) -> &'static str {
            match kind {
                $(Kind::$kind => <attrs::$kind as ExportKind>::TERRAFORM,)*
                $(Kind::$inner => <attrs::$inner as ExportKind>::TERRAFORM,)*
            }
        }

        pub(crate) fn cloudformation(d: &Desired, t: &mut Template, index: &Index) {
            match &d.attributes {
                $(Attributes::$kind(a) => a.cloudformation(&d.address, t, index),)*
                $(Attributes::$inner(a) => a.cloudformation(&d.address, t, index),)*
            }
        }

        pub(crate) fn terraform(d: &Desired, c: &mut Configuration, index: &Index) -> Body {
            match &d.attributes {
                $(Attributes::$kind(a) => a.terraform(&d.address, c, index),)*
                $(Attributes::$inner(a) => a.terraform(&d.address, c, index),)*
            }
        }
    };
}
skyplan_spec::for_each_kind!(export_kinds);

/// Terraform's `tags` map of a resource, with `Name` (see
/// [`crate::name_tag`]).
pub(crate) fn terraform_tags(address: &Address, tags: &skyplan_spec::TagSet) -> crate::doc::Value {
    crate::doc::Value::Map(
        crate::name_tag(address, tags)
            .into_iter()
            .map(|(k, v)| (k, crate::doc::Value::str(v)))
            .collect(),
    )
}

/// CloudFormation's `Key`/`Value` list of Elastic Load Balancing attributes
/// (a load balancer's or a target group's); `None` when there are none.
pub(crate) fn elb_attributes(pairs: Vec<(&str, String)>) -> Option<crate::doc::Value> {
    use crate::doc::{Fields, Value};
    let list: Vec<Value> = pairs
        .into_iter()
        .map(|(key, value)| {
            Fields::new()
                .with("Key", Value::str(key))
                .with("Value", Value::str(value))
                .into_value()
        })
        .collect();
    (!list.is_empty()).then_some(Value::List(list))
}

/// A count (seconds, checks) as a template number, when there is one.
pub(crate) fn count(n: Option<u64>) -> Option<crate::doc::Value> {
    n.and_then(|n| i64::try_from(n).ok())
        .map(crate::doc::Value::Int)
}
