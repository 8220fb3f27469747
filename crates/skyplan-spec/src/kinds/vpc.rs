//! `vpc`: its kind-table entry (`SCHEMA`), its declaration and their decoder.

use super::prelude::*;

pub(crate) const SCHEMA: KindSchema = KindSchema {
    kind: Kind::Vpc,
    doc: "A virtual private cloud: an isolated network of one or more IPv4 blocks in one region.",
    id_prefix: "vpc",
    attributes: ATTRIBUTES,
    computed: &[computed(
        "ipv6_cidr_block",
        "Its IPv6 block: `ipv6_cidr`, or the /56 allocated for `ipv6: true`.",
    )],
};

declaration! {
    VpcSpec {
        cidr: req_str(Cidr) force_new "Primary IPv4 block, /16 to /28.",
        region: str(String) force_new "Region; required unless `defaults.region` is set.",
        secondary_cidrs: list(CidrList)
            "More IPv4 blocks (at most 5 in all), within AWS's association restrictions.",
        dns_support: bool = "true" "The Amazon-provided DNS server.",
        dns_hostnames: bool = "false" "DNS hostnames for instances (needs `dns_support`).",
        tenancy: word<Tenancy> force_new = "default" "Instance tenancy.",
        dhcp_options: name(DhcpOptions)
            "The DHCP options set its instances get (AWS's default set when absent).",
        ipv6: bool = "false" "An Amazon-provided IPv6 /56 (simulated from `2001:db8::/32`).",
        ipv6_cidr: str(Cidr)
            "An IPv6 block of your own or from IPAM: /44 to /60 in steps of 4 (instead of `ipv6`).",
        default_security_group: with(
            taken_over_group: Option<DefaultSecurityGroupSpec>,
            Object(DEFAULT_SECURITY_GROUP_RULES)
        ) "Take the VPC's default security group over (`default_security_group.NAME`): its rules become these.",
        default_network_acl: with(
            taken_over_acl: Option<DefaultNetworkAclSpec>,
            Object(DEFAULT_NETWORK_ACL_ENTRIES)
        ) "Take the VPC's default network ACL over (`default_network_acl.NAME`): its entries become these.",
    }
}
