//! `network_acl`: its kind-table entry (`SCHEMA`), its declaration and their decoder.

use super::prelude::*;

pub const NACL_ENTRY: &[Attr] = &[
    required(attr(
        "rule",
        AttrType::Integer { min: 1, max: 32766 },
        "Rule number: entries are evaluated in ascending order, the first match decides.",
    )),
    required(attr(
        "action",
        AttrType::Choice(&["allow", "deny"]),
        "`allow` or `deny`.",
    )),
    required(attr(
        "protocol",
        AttrType::Protocol,
        "As for security group rules.",
    )),
    PORTS,
    ICMP_TYPE,
    ICMP_CODE,
    required(attr("cidr", AttrType::Cidr, "The remote block.")),
];

/// An ACL's entries, the same for a declared ACL and a VPC's default one.
pub(crate) const SCHEMA: KindSchema = KindSchema {
    kind: Kind::NetworkAcl,
    doc: "A stateless subnet firewall; subnets not listed use the VPC's default (allow all).",
    id_prefix: "acl",
    attributes: ATTRIBUTES,
    computed: &[],
};

#[derive(Debug, Clone, PartialEq)]
pub struct NaclEntrySpec {
    pub span: Span,
    pub rule: Sp<i64>,
    /// `allow` or `deny`.
    pub action: Sp<String>,
    pub protocol: Sp<String>,
    pub ports: Option<Sp<String>>,
    pub icmp_type: Option<Sp<i64>>,
    pub icmp_code: Option<Sp<i64>>,
    pub cidr: Sp<String>,
}

declaration! {
    NetworkAclSpec {
        vpc: req_name(Vpc) force_new "The VPC.",
        subnets: names(Subnet) "Subnets associated with it.",
        ingress: blocks(nacl_entry: NaclEntrySpec, NACL_ENTRY)
            "Inbound entries; an implicit deny-all follows.",
        egress: blocks(nacl_entry: NaclEntrySpec, NACL_ENTRY)
            "Outbound entries; an implicit deny-all follows.",
    }
}

pub(crate) fn nacl_entry(d: &mut Decoder, node: &Node) -> Option<NaclEntrySpec> {
    let span = d.span(node);
    let f = d.fields(node, &keys_of(NACL_ENTRY), "a network ACL entry", span)?;
    let rule = f.req_int(d, "rule");
    let action = f.req_choice(d, "action", choices(NACL_ENTRY, "action"));
    let protocol = f.req_scalar_text(d, "protocol");
    let ports = f.scalar_text(d, "ports");
    let icmp_type = f.int(d, "icmp_type");
    let icmp_code = f.int(d, "icmp_code");
    let cidr = f.req_str(d, "cidr");
    Some(NaclEntrySpec {
        span,
        rule: rule?,
        action: action?,
        protocol: protocol?,
        ports,
        icmp_type,
        icmp_code,
        cidr: cidr?,
    })
}
