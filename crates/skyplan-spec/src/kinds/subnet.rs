//! `subnet`: its kind-table entry (`SCHEMA`), its declaration and their decoder.

use super::prelude::*;

pub(crate) const SCHEMA: KindSchema = KindSchema {
    kind: Kind::Subnet,
    doc: "A block of one VPC in one availability zone; AWS keeps 5 of its addresses.",
    id_prefix: "subnet",
    attributes: ATTRIBUTES,
    computed: &[
        computed(
            "available_ip_count",
            "Addresses left: the usable ones (2^(32-prefix) - 5) less those taken.",
        ),
        computed("ipv6_cidr_block", "Its IPv6 block."),
    ],
};

declaration! {
    SubnetSpec {
        vpc: req_name(Vpc) force_new "The VPC.",
        cidr: req_str(Cidr) force_new "IPv4 block, /16 to /28, inside one of the VPC's blocks.",
        az: req_str(String) force_new "Availability zone, in the VPC's region.",
        public_ip_on_launch: bool = "false" "Give instances a public IPv4 address by default.",
        ipv6_index: ranged(0, 255)
            "Its IPv6 /64: the VPC's /56 plus this index (Terraform's `cidrsubnet(block, 8, index)`).",
        ipv6_cidr: str(Cidr)
            "Its IPv6 block, /44 to /64 in steps of 4, inside the VPC's (instead of `ipv6_index`).",
        assign_ipv6_on_creation: bool = "false"
            "Give instances an IPv6 address from the subnet's block.",
    }
}
