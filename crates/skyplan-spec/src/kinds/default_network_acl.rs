//! `default_network_acl`: its kind-table entry (`SCHEMA`) and its declaration (decoded inside its VPC).

use super::network_acl;
use super::prelude::*;

/// A VPC's `default_network_acl`: AWS's default ACL, taken over.
pub const DEFAULT_NETWORK_ACL_ENTRIES: &[Attr] = &[
    named(network_acl::ATTRIBUTES, "ingress"),
    named(network_acl::ATTRIBUTES, "egress"),
];

pub(crate) const SCHEMA: KindSchema = KindSchema {
    kind: Kind::DefaultNetworkAcl,
    doc: "A VPC's default network ACL, taken over by the VPC's `default_network_acl` (named after the VPC); every subnet no `network_acls` entry lists uses it.",
    id_prefix: "acl",
    attributes: &[
        force_new(required(attr(
            "vpc",
            AttrType::Reference(Kind::Vpc),
            "The VPC whose default ACL it is.",
        ))),
        DEFAULT_NETWORK_ACL_ENTRIES[0],
        DEFAULT_NETWORK_ACL_ENTRIES[1],
    ],
    computed: &[],
};

/// A VPC's `default_network_acl:`: its entries replace AWS's.
#[derive(Debug, Clone, PartialEq)]
pub struct DefaultNetworkAclSpec {
    /// The `default_network_acl` key.
    pub span: Span,
    pub ingress: Vec<NaclEntrySpec>,
    pub egress: Vec<NaclEntrySpec>,
}

/// A VPC's `key:` (`default_network_acl`), when it has one.
pub(crate) fn taken_over_acl(
    d: &mut Decoder,
    f: &Fields,
    key: &str,
) -> Option<DefaultNetworkAclSpec> {
    let (span, ingress, egress) =
        ingress_and_egress(d, f, key, DEFAULT_NETWORK_ACL_ENTRIES, nacl_entry)?;
    Some(DefaultNetworkAclSpec {
        span,
        ingress,
        egress,
    })
}
