//! `network_acl`: its kind-table entry (`SCHEMA`), its declaration and their decoder.

use super::prelude::*;

block! {
    /// One network ACL entry as written.
    NaclEntrySpec in pub NACL_ENTRY, read nacl_entry as "a network ACL entry" {
        rule: req_int(1, 32766)
            "Rule number: entries are evaluated in ascending order, the first match decides.",
        action: req_choice("allow", "deny") "`allow` or `deny`.",
        protocol: req_scalar_text(Protocol) "As for security group rules.",
        ports: scalar_text => PORTS,
        icmp_type: int => ICMP_TYPE,
        icmp_code: int => ICMP_CODE,
        cidr: req_str(Cidr) "The remote block.",
    }
}

pub(crate) const SCHEMA: KindSchema = KindSchema {
    kind: Kind::NetworkAcl,
    doc: "A stateless subnet firewall; subnets not listed use the VPC's default (allow all).",
    id_prefix: "acl",
    attributes: ATTRIBUTES,
    computed: &[],
};

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
