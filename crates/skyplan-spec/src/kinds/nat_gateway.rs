//! `nat_gateway`: its kind-table entry (`SCHEMA`), its declaration and their decoder.

use super::prelude::*;

pub(crate) const SCHEMA: KindSchema = KindSchema {
    kind: Kind::NatGateway,
    doc: "A NAT gateway in a subnet: outbound-only access for private subnets.",
    id_prefix: "nat",
    attributes: ATTRIBUTES,
    computed: &[
        computed("private_ip_address", "Its address in the subnet."),
        computed("public_ip_address", "Its elastic IP's address."),
    ],
};

declaration! {
    NatGatewaySpec {
        subnet: req_name(Subnet) force_new
            "Its subnet (public NAT gateways: one routed to an internet gateway).",
        elastic_ip: name(ElasticIp) force_new "Its elastic IP; required for a public NAT gateway.",
        connectivity: word<NatConnectivity> force_new = "public"
            "`public` (internet) or `private` (other networks only).",
    }
}
