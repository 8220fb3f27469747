//! `transit_gateway_attachment`: its kind-table entry (`SCHEMA`), its declaration and their decoder.

use super::prelude::*;

pub(crate) const SCHEMA: KindSchema = KindSchema {
    kind: Kind::TransitGatewayAttachment,
    doc: "A VPC's attachment to a transit gateway: a network interface in each of its subnets (at most one per AZ), through which the VPC's route tables reach the gateway (`transit_gateway:` routes). Its gateway and VPC are fixed; its subnets and options change in place.",
    id_prefix: "tgw-attach",
    attributes: ATTRIBUTES,
    computed: &[computed(
        "private_ip_addresses",
        "Its address in each of its subnets.",
    )],
};

declaration! {
    /// A transit gateway VPC attachment (see `SCHEMA`).
    TransitGatewayAttachmentSpec {
        transit_gateway: req_name(TransitGateway) force_new "The transit gateway.",
        vpc: req_name(Vpc) force_new "The VPC it attaches.",
        subnets: req_names(Subnet)
            "Subnets of the VPC for its interfaces, at most one per AZ: traffic reaches the gateway only from AZs it has one in.",
        appliance_mode: bool = "false"
            "Keep both directions of a flow in one AZ (for an inspection VPC's stateful appliances).",
        dns_support: bool = "true" "Resolve DNS names across the gateway.",
        ipv6_support: bool = "false" "Carry IPv6 (its subnets need IPv6 blocks).",
    }
}
