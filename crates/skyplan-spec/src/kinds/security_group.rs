//! `security_group`: its kind-table entry (`SCHEMA`), its declaration and their decoder.

use super::prelude::*;

pub const SG_RULE: &[Attr] = &[
    required(attr(
        "protocol",
        AttrType::Protocol,
        "`tcp`, `udp`, `icmp`, `icmpv6`, `all` (`-1`) or an IP protocol number 0-255.",
    )),
    PORTS,
    ICMP_TYPE,
    ICMP_CODE,
    attr(
        "cidr",
        AttrType::Cidr,
        "Source (ingress) or destination (egress) block.",
    ),
    attr(
        "cidrs",
        AttrType::CidrList,
        "Several blocks: one AWS rule each.",
    ),
    attr(
        "security_group",
        AttrType::Reference(Kind::SecurityGroup),
        "Another group as the source or destination.",
    ),
    attr(
        "prefix_list",
        AttrType::Reference(Kind::PrefixList),
        "A prefix list's blocks as the source or destination (it counts `max_entries` rules toward the group's quota).",
    ),
    attr("self", AttrType::Bool, "The group's own members."),
    attr(
        "description",
        AttrType::String,
        "Up to 255 characters of a-z A-Z 0-9, spaces and ._-:/()#,@[]+=&;{}!$*.",
    ),
];

pub(crate) const SCHEMA: KindSchema = KindSchema {
    kind: Kind::SecurityGroup,
    doc: "A stateful firewall for the instances that use it.",
    id_prefix: "sg",
    attributes: ATTRIBUTES,
    computed: &[],
};

/// One security group rule as written.
#[derive(Debug, Clone, PartialEq)]
pub struct SgRuleSpec {
    pub span: Span,
    /// As written: a name (`tcp`) or a number (`6`).
    pub protocol: Sp<String>,
    /// As written: `443` or `1024-65535`.
    pub ports: Option<Sp<String>>,
    pub icmp_type: Option<Sp<i64>>,
    pub icmp_code: Option<Sp<i64>>,
    pub cidr: Option<Sp<String>>,
    pub cidrs: Option<Sp<Vec<Sp<String>>>>,
    pub security_group: Option<Sp<String>>,
    pub prefix_list: Option<Sp<String>>,
    pub self_: Option<Sp<bool>>,
    pub description: Option<Sp<String>>,
}

declaration! {
    SecurityGroupSpec {
        vpc: req_name(Vpc) force_new "The VPC.",
        description: str(String) force_new = "Managed by skyplan"
            "Up to 255 characters; AWS cannot change it.",
        ingress: blocks(sg_rule: SgRuleSpec, SG_RULE) "Inbound rules (none: nothing in).",
        egress: maybe_blocks(sg_rule: SgRuleSpec, SG_RULE) = "allow all"
            "Outbound rules; omitted allows all (AWS's default), `[]` denies all.",
    }
}

pub(crate) fn sg_rule(d: &mut Decoder, node: &Node) -> Option<SgRuleSpec> {
    let span = d.span(node);
    let f = d.fields(node, &keys_of(SG_RULE), "a security group rule", span)?;
    let protocol = f.req_scalar_text(d, "protocol");
    Some(SgRuleSpec {
        span,
        ports: f.scalar_text(d, "ports"),
        icmp_type: f.int(d, "icmp_type"),
        icmp_code: f.int(d, "icmp_code"),
        cidr: f.str(d, "cidr"),
        cidrs: f.str_list(d, "cidrs"),
        security_group: f.name(d, "security_group"),
        prefix_list: f.name(d, "prefix_list"),
        self_: f.bool(d, "self"),
        description: f.str(d, "description"),
        protocol: protocol?,
    })
}
