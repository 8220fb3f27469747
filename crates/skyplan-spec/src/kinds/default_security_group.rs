//! `default_security_group`: its kind-table entry (`SCHEMA`) and its declaration (decoded inside its VPC).

use super::prelude::*;
use super::security_group::SG_RULE;

/// A VPC's `default_security_group`: AWS's default group, taken over.
pub const DEFAULT_SECURITY_GROUP_RULES: &[Attr] = &[
    attr(
        "ingress",
        AttrType::List(SG_RULE),
        "Inbound rules; `[]` removes AWS's allow-from-members rule.",
    ),
    attr(
        "egress",
        AttrType::List(SG_RULE),
        "Outbound rules; `[]` removes AWS's allow-all rule.",
    ),
];

pub(crate) const SCHEMA: KindSchema = KindSchema {
    kind: Kind::DefaultSecurityGroup,
    doc: "A VPC's default security group, taken over by the VPC's `default_security_group` (named after the VPC). AWS creates it with the VPC; removing it from the spec leaves its rules as they are.",
    id_prefix: "sg",
    attributes: &[
        force_new(required(attr(
            "vpc",
            AttrType::Reference(Kind::Vpc),
            "The VPC whose default group it is.",
        ))),
        attr(
            "ingress",
            AttrType::List(SG_RULE),
            "Inbound rules (none: nothing in).",
        ),
        attr(
            "egress",
            AttrType::List(SG_RULE),
            "Outbound rules (none: nothing out).",
        ),
    ],
    computed: &[],
};

/// A VPC's `default_security_group:`: its rules replace AWS's.
#[derive(Debug, Clone, PartialEq)]
pub struct DefaultSecurityGroupSpec {
    /// The `default_security_group` key.
    pub span: Span,
    pub ingress: Vec<SgRuleSpec>,
    pub egress: Vec<SgRuleSpec>,
}

/// A VPC's `key:` (`default_security_group`), when it has one.
pub(crate) fn taken_over_group(
    d: &mut Decoder,
    f: &Fields,
    key: &str,
) -> Option<DefaultSecurityGroupSpec> {
    let (span, ingress, egress) =
        ingress_and_egress(d, f, key, DEFAULT_SECURITY_GROUP_RULES, sg_rule)?;
    Some(DefaultSecurityGroupSpec {
        span,
        ingress,
        egress,
    })
}
