//! `subnet`: its kind-table entry (`SCHEMA`), its declaration and their decoder.

use super::prelude::*;

pub(crate) const SCHEMA: KindSchema = KindSchema {
    kind: Kind::Subnet,
    doc: "A block of one VPC in one availability zone; AWS keeps 5 of its addresses.",
    id_prefix: "subnet",
    attributes: &[
        VPC_REFERENCE,
        force_new(required(attr(
            "cidr",
            AttrType::Cidr,
            "IPv4 block, /16 to /28, inside one of the VPC's blocks.",
        ))),
        force_new(required(attr(
            "az",
            AttrType::String,
            "Availability zone, in the VPC's region.",
        ))),
        default(
            attr(
                "public_ip_on_launch",
                AttrType::Bool,
                "Give instances a public IPv4 address by default.",
            ),
            "false",
        ),
        attr(
            "ipv6_index",
            AttrType::Integer { min: 0, max: 255 },
            "Its IPv6 /64: the VPC's /56 plus this index (Terraform's `cidrsubnet(block, 8, index)`).",
        ),
        attr(
            "ipv6_cidr",
            AttrType::Cidr,
            "Its IPv6 block, /44 to /64 in steps of 4, inside the VPC's (instead of `ipv6_index`).",
        ),
        default(
            attr(
                "assign_ipv6_on_creation",
                AttrType::Bool,
                "Give instances an IPv6 address from the subnet's block.",
            ),
            "false",
        ),
    ],
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
        vpc: req_name,
        cidr: req_str,
        az: req_str,
        public_ip_on_launch: bool,
        /// The subnet's /64 is the VPC's /56 plus this index.
        ipv6_index: ranged,
        ipv6_cidr: str,
        assign_ipv6_on_creation: bool,
    }
}
