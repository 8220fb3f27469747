//! `security_group`: its kind-table entry (`SCHEMA`), its declaration and their decoder.

use super::prelude::*;

block! {
    /// One security group rule as written.
    SgRuleSpec in pub SG_RULE, read sg_rule as "a security group rule" {
        protocol: req_scalar_text(Protocol)
            "`tcp`, `udp`, `icmp`, `icmpv6`, `all` (`-1`) or an IP protocol number 0-255.",
        ports: scalar_text => PORTS,
        icmp_type: int => ICMP_TYPE,
        icmp_code: int => ICMP_CODE,
        cidr: str(Cidr) "Source (ingress) or destination (egress) block.",
        cidrs: str_list(CidrList) "Several blocks: one AWS rule each.",
        security_group: name(SecurityGroup) "Another group as the source or destination.",
        prefix_list: name(PrefixList)
            "A prefix list's blocks as the source or destination (it counts `max_entries` rules toward the group's quota).",
        self_ as "self": bool "The group's own members.",
        description: str(String)
            "Up to 255 characters of a-z A-Z 0-9, spaces and ._-:/()#,@[]+=&;{}!$*.",
    }
}

pub(crate) const SCHEMA: KindSchema = KindSchema {
    kind: Kind::SecurityGroup,
    doc: "A stateful firewall for the instances that use it.",
    id_prefix: "sg",
    attributes: ATTRIBUTES,
    computed: &[],
};

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
