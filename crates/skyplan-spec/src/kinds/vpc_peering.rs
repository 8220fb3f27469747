//! `vpc_peering`: its kind-table entry (`SCHEMA`), its declaration and their decoder.

use super::prelude::*;

pub(crate) const SCHEMA: KindSchema = KindSchema {
    kind: Kind::VpcPeering,
    doc: "A peering connection between two VPCs (not transitive).",
    id_prefix: "pcx",
    attributes: &[
        force_new(required(attr(
            "vpc",
            AttrType::Reference(Kind::Vpc),
            "The requester VPC.",
        ))),
        force_new(required(attr(
            "peer_vpc",
            AttrType::Reference(Kind::Vpc),
            "The accepter VPC.",
        ))),
    ],
    computed: &[],
};

#[derive(Debug, Clone, PartialEq)]
pub struct VpcPeeringSpec {
    pub vpc: Sp<String>,
    pub peer_vpc: Sp<String>,
}

pub(crate) fn decode(d: &mut Decoder, f: &Fields) -> Option<VpcPeeringSpec> {
    let (vpc, peer_vpc) = (f.req_name(d, "vpc"), f.req_name(d, "peer_vpc"));
    Some(VpcPeeringSpec {
        vpc: vpc?,
        peer_vpc: peer_vpc?,
    })
}
