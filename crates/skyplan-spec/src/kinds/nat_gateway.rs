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

#[derive(Debug, Clone, PartialEq)]
pub struct NatGatewaySpec {
    pub subnet: Sp<String>,
    pub elastic_ip: Option<Sp<String>>,
    /// `public` or `private`.
    pub connectivity: Option<Sp<NatConnectivity>>,
}

pub(crate) fn decode(d: &mut Decoder, f: &Fields) -> Option<NatGatewaySpec> {
    let subnet = f.req_name(d, "subnet");
    let elastic_ip = f.name(d, "elastic_ip");
    let connectivity = word(d, f, "connectivity");
    Some(NatGatewaySpec {
        subnet: subnet?,
        elastic_ip,
        connectivity,
    })
}
