//! The kind table's types: for every resource kind (its `SCHEMA`, in
//! `kinds/<kind>.rs`), its attributes (type, whether required, default, the
//! kind a reference names, whether a change forces a new resource, the doc
//! line), the attributes AWS computes, and its AWS id prefix; and the
//! attributes several kinds share. It is the single source of truth that
//! the decoder's keys, the plan's force-new and computed attributes, apply's
//! ids, `docs/spec.md` and the JSON Schema (`skyplan schema`) are read from;
//! `tests/kind_table.rs` checks that the graph's edges, plans and ids agree
//! with it, and the state's computed fields are checked against it.
//!
//! [`Kind::schema`] is generated from the kind list, so a kind without a
//! table entry does not compile.

use crate::kinds::Kind;

/// The type of a value in the spec language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttrType {
    String,
    /// An IPv4 or IPv6 block, `a.b.c.d/n`.
    Cidr,
    /// A list of blocks.
    CidrList,
    /// An IPv4 address.
    Ipv4,
    Bool,
    /// A whole number in an inclusive range.
    Integer {
        min: i64,
        max: i64,
    },
    /// A port (`443`) or a range (`1024-65535`), written as a number or text.
    Ports,
    /// A protocol name or an IP protocol number 0-255.
    Protocol,
    /// A port (`443`) or the client's (`#{port}`), as a redirect says it.
    RedirectPort,
    /// One of a fixed set of words.
    Choice(&'static [&'static str]),
    /// The name of a resource of this kind.
    Reference(Kind),
    /// A list of names of resources of this kind.
    References(Kind),
    /// An instance, or one copy of an instance with `count` (`app[1]`).
    InstanceCopy,
    /// A mapping of these attributes.
    Object(&'static [Attr]),
    /// A list of mappings of these attributes.
    List(&'static [Attr]),
    /// `{key: value}` of strings.
    Tags,
    /// A list of strings.
    StringList,
    /// Any YAML value (a policy document).
    Document,
    /// A string, number or boolean (a variable's default).
    Scalar,
    /// `{name: value}`, each value a string, number or boolean (a module's variables).
    Values,
}

/// One attribute of a kind (or of a nested block).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Attr {
    pub name: &'static str,
    pub ty: AttrType,
    pub required: bool,
    /// The default as the reference shows it; `None`: absent means absent.
    pub default: Option<&'static str>,
    /// AWS cannot change it in place: a change replaces the resource.
    pub force_new: bool,
    pub doc: &'static str,
}

impl Attr {
    /// The kind a reference attribute names.
    pub const fn references(&self) -> Option<Kind> {
        match self.ty {
            AttrType::Reference(k) | AttrType::References(k) => Some(k),
            AttrType::InstanceCopy => Some(Kind::Instance),
            _ => None,
        }
    }
}

/// An attribute AWS computes on apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Computed {
    pub name: &'static str,
    pub doc: &'static str,
}

/// The table entry of one kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KindSchema {
    pub kind: Kind,
    /// What it is, in one line.
    pub doc: &'static str,
    /// AWS's id prefix (`subnet-`, `igw-`).
    pub id_prefix: &'static str,
    pub attributes: &'static [Attr],
    pub computed: &'static [Computed],
}

impl KindSchema {
    pub fn attribute(&self, name: &str) -> Option<&'static Attr> {
        self.attributes.iter().find(|a| a.name == name)
    }

    /// The default of attribute `name`, as the table writes it: the one
    /// place a default is stated.
    pub fn default_of(&self, name: &str) -> Option<&'static str> {
        default_in(self.attributes, name)
    }

    /// `value` as written, else attribute `name`'s default read as `T`
    /// (a missing or unreadable default is a bug the kinds' tests catch).
    pub fn or_default<T: std::str::FromStr + Default + Clone>(
        &self,
        value: Option<&crate::Sp<T>>,
        name: &str,
    ) -> T {
        or_default_in(self.attributes, value, name)
    }

    /// Every key a declaration of this kind takes, `tags` included.
    pub fn keys(&self) -> Vec<&'static str> {
        self.attributes
            .iter()
            .map(|a| a.name)
            .chain(std::iter::once(TAGS.name))
            .collect()
    }

    /// The attributes whose change replaces the resource.
    pub fn force_new(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.attributes
            .iter()
            .filter(|a| a.force_new)
            .map(|a| a.name)
    }

    pub fn is_computed(&self, name: &str) -> bool {
        self.computed.iter().any(|c| c.name == name)
    }
}

/// The default of attribute `name` of a kind or a nested block.
pub fn default_in(attrs: &[Attr], name: &str) -> Option<&'static str> {
    attrs
        .iter()
        .find(|a| a.name == name)
        .and_then(|a| a.default)
}

/// [`KindSchema::or_default`] for an attribute of a nested block.
pub fn or_default_in<T: std::str::FromStr + Default + Clone>(
    attrs: &[Attr],
    value: Option<&crate::Sp<T>>,
    name: &str,
) -> T {
    match value {
        Some(v) => v.value.clone(),
        None => default_in(attrs, name)
            .and_then(|d| d.parse().ok())
            .unwrap_or_default(),
    }
}

/// `value` as written, else the default word the table gives attribute
/// `name` of `attrs`.
pub fn word_or_default_in<T: crate::Word>(
    attrs: &[Attr],
    value: Option<&crate::Sp<T>>,
    name: &str,
) -> T {
    match value {
        Some(v) => v.value,
        None => default_in(attrs, name)
            .and_then(T::from_word)
            .unwrap_or(T::FIRST),
    }
}

/// Names of nested blocks' keys, for decoders.
pub fn keys_of(attrs: &[Attr]) -> Vec<&'static str> {
    attrs.iter().map(|a| a.name).collect()
}

pub(crate) const fn attr(name: &'static str, ty: AttrType, doc: &'static str) -> Attr {
    Attr {
        name,
        ty,
        required: false,
        default: None,
        force_new: false,
        doc,
    }
}

/// The attribute `name` of `attrs`, for a table that shares another's
/// (a missing name fails the build).
pub(crate) const fn named(attrs: &'static [Attr], name: &str) -> Attr {
    let mut i = 0;
    while i < attrs.len() {
        if attrs[i].name.len() == name.len() {
            let (a, b) = (attrs[i].name.as_bytes(), name.as_bytes());
            let mut j = 0;
            while j < a.len() && a[j] == b[j] {
                j += 1;
            }
            if j == a.len() {
                return attrs[i];
            }
        }
        i += 1;
    }
    panic!("no such attribute")
}

pub(crate) const fn required(a: Attr) -> Attr {
    Attr {
        required: true,
        ..a
    }
}

pub(crate) const fn default(a: Attr, value: &'static str) -> Attr {
    Attr {
        default: Some(value),
        ..a
    }
}

pub(crate) const fn force_new(a: Attr) -> Attr {
    Attr {
        force_new: true,
        ..a
    }
}

/// Every kind takes `tags`, merged over `defaults.tags`.
pub const TAGS: Attr = attr(
    "tags",
    AttrType::Tags,
    "Tags, merged over `defaults.tags` (the resource's own win).",
);

/// `defaults:`, once per stack.
pub const DEFAULTS: &[Attr] = &[
    attr(
        "region",
        AttrType::String,
        "Region of every VPC that does not name one.",
    ),
    attr(
        "tags",
        AttrType::Tags,
        "Tags merged under every resource's own tags.",
    ),
];

/// One entry of `variables:`: a value the stack takes from outside.
pub const VARIABLE: &[Attr] = &[
    attr(
        "type",
        AttrType::Choice(crate::variables::VarType::NAMES),
        "`string`, `number`, `bool` or `cidr` (a block whose host bits are zero). Without it, the type of `default`, else `string`.",
    ),
    attr(
        "default",
        AttrType::Scalar,
        "The value when no environment, var file or `--var` gives one; without it a value must be given.",
    ),
    attr("description", AttrType::String, "What the variable is for."),
];

/// One entry of `outputs:`.
pub const OUTPUT: &[Attr] = &[
    required(attr(
        "value",
        AttrType::String,
        "An attribute of a resource, `kind.name.attribute` (`vpc.main.id`, `instance.web[0].private_ip`, `subnet.app-a.cidr`), read from the state; any other text (`${cidrsubnet(...)}`) as it is.",
    )),
    attr("description", AttrType::String, "What the value is for."),
];

/// One entry of `modules:`: a directory of spec files used from the stack.
pub const MODULE: &[Attr] = &[
    required(attr(
        "source",
        AttrType::String,
        "The module's directory, relative to the directory of the file that uses it (`../net-base`), as written: no `${...}`.",
    )),
    attr(
        "vars",
        AttrType::Values,
        "Values of the module's variables (`${var.NAME}` of this stack may give them); the module sees no other.",
    ),
];

/// One entry of `moved:`.
pub const MOVED: &[Attr] = &[
    required(attr(
        "from",
        AttrType::String,
        "The address the state has the object at (`subnet.app`; `instance.web` moves every copy).",
    )),
    required(attr(
        "to",
        AttrType::String,
        "The address the spec now declares it at, of the same kind.",
    )),
];

/// Where an expectation's traffic starts or ends.
const ENDPOINT_DOC: &str = "An instance (`db`, `app[1]`, quoted inside `{...}`: `\"app[1]\"`; a name with `count` alone means every copy), an auto scaling group's instances (`auto_scaling_group.web`: every one; `auto_scaling_group.web[0]`), a load balancer (`load_balancer.web`, as `to`: through a listener to a target), a database (`db_instance.orders`, as `to`), a site behind a VPN (`customer_gateway.office`: its networks' clients over its VPN connections), the premises behind Direct Connect (`dx_gateway.datacentre`: its networks' clients over its associations), `internet`, or a public IPv4 address or block (`198.51.100.7`, `198.51.100.0/24`).";

/// One entry of `expectations:`: a reachability question with the answer
/// the author expects. Not a resource: never planned, never in the state.
pub const EXPECTATION: &[Attr] = &[
    required(attr("from", AttrType::String, ENDPOINT_DOC)),
    required(attr("to", AttrType::String, ENDPOINT_DOC)),
    default(
        attr(
            "protocol",
            AttrType::Choice(&["tcp", "udp", "icmp"]),
            "`icmp` asks about echo request (ping), without a port.",
        ),
        "tcp",
    ),
    attr(
        "port",
        AttrType::Integer { min: 0, max: 65535 },
        "The destination port; required for tcp and udp.",
    ),
    required(attr(
        "reachable",
        AttrType::Bool,
        "The answer the stack must give: `lint` reports RC001 when it does not.",
    )),
    attr(
        "via",
        AttrType::String,
        "With `reachable: true`: an instance the path must go through (an inspection appliance; a name with `count` means any copy), else RC001.",
    ),
];

pub(crate) const fn computed(name: &'static str, doc: &'static str) -> Computed {
    Computed { name, doc }
}

/// Shared by security group rules and network ACL entries.
pub(crate) const PORTS: Attr = attr(
    "ports",
    AttrType::Ports,
    "One port or `from-to`; required for tcp and udp.",
);
pub(crate) const ICMP_TYPE: Attr = attr(
    "icmp_type",
    AttrType::Integer { min: -1, max: 255 },
    "ICMP type, -1 for all (icmp only).",
);
pub(crate) const ICMP_CODE: Attr = attr(
    "icmp_code",
    AttrType::Integer { min: -1, max: 255 },
    "ICMP code, -1 for all (icmp only).",
);

/// The protocols of listeners and target groups: HTTP and HTTPS for
/// application load balancers, the rest for network ones.
pub const LB_PROTOCOLS: &[&str] = &["HTTP", "HTTPS", "TCP", "UDP", "TLS", "TCP_UDP"];

/// The most copies one `instances` entry may declare.
pub const MAX_COUNT: u64 = 100_000;

/// The words a choice attribute of `attrs` takes (empty for another type).
pub fn choices(attrs: &[Attr], name: &str) -> &'static [&'static str] {
    match attrs.iter().find(|a| a.name == name).map(|a| a.ty) {
        Some(AttrType::Choice(words)) => words,
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_defaults_are_words() {
        for kind in Kind::ALL {
            for a in kind.schema().attributes {
                if let (Some(d), AttrType::Choice(words)) = (a.default, a.ty) {
                    assert!(words.contains(&d), "{kind:?}.{}: {d}", a.name);
                }
            }
        }
        let attrs = Kind::Instance.schema().attributes;
        let state: crate::InstanceState = word_or_default_in(attrs, None, "state");
        assert_eq!(state, crate::InstanceState::Running);
    }

    #[test]
    fn defaults_read_as_their_type() {
        for kind in Kind::ALL {
            for a in kind.schema().attributes {
                let (Some(d), ty) = (a.default, a.ty) else {
                    continue;
                };
                match ty {
                    AttrType::Bool => assert!(d.parse::<bool>().is_ok(), "{kind:?}.{}", a.name),
                    // `desired` defaults to another attribute (`min`).
                    AttrType::Integer { .. } if kind.schema().attribute(d).is_some() => {}
                    AttrType::Integer { .. } => {
                        assert!(d.parse::<i64>().is_ok(), "{kind:?}.{}", a.name)
                    }
                    _ => {}
                }
            }
        }
        assert!(Kind::Vpc.schema().or_default::<bool>(None, "dns_support"));
        assert!(
            !Kind::Subnet
                .schema()
                .or_default::<bool>(None, "public_ip_on_launch")
        );
    }

    #[test]
    fn every_kind_has_its_own_entry_and_a_unique_id_prefix() {
        let mut prefixes = std::collections::BTreeSet::new();
        for kind in Kind::ALL {
            let s = kind.schema();
            assert_eq!(s.kind, kind);
            // A default group or ACL is a group or ACL AWS made; ARNs share
            // their service's stem.
            if kind.is_top_level() && !s.id_prefix.starts_with("arn:") {
                assert!(prefixes.insert(s.id_prefix), "{kind:?}");
            }
            assert!(!s.doc.is_empty());
            for a in s.attributes {
                assert!(!a.doc.is_empty(), "{kind:?}.{}", a.name);
                assert!(
                    !(a.required && a.default.is_some()),
                    "{kind:?}.{}: required with a default",
                    a.name
                );
            }
        }
    }
}
