//! `nat_gateway`: its kind-table entry (`SCHEMA`), its declaration and their decoder.

use super::prelude::*;

pub(crate) const SCHEMA: KindSchema = KindSchema {
    kind: Kind::NatGateway,
    doc: "A NAT gateway in a subnet: outbound-only access for private subnets.",
    id_prefix: "nat",
    attributes: &[
        force_new(required(attr(
            "subnet",
            AttrType::Reference(Kind::Subnet),
            "Its subnet (public NAT gateways: one routed to an internet gateway).",
        ))),
        force_new(attr(
            "elastic_ip",
            AttrType::Reference(Kind::ElasticIp),
            "Its elastic IP; required for a public NAT gateway.",
        )),
        force_new(default(
            attr(
                "connectivity",
                AttrType::Choice(NatConnectivity::WORDS),
                "`public` (internet) or `private` (other networks only).",
            ),
            "public",
        )),
    ],
    computed: &[
        computed("private_ip_address", "Its address in the subnet."),
        computed("public_ip_address", "Its elastic IP's address."),
    ],
};

declaration! {
    NatGatewaySpec {
        subnet: req_name,
        elastic_ip: name,
        /// `public` or `private`.
        connectivity: word<NatConnectivity>,
    }
}
