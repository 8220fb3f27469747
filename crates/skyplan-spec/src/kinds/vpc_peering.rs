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

declaration! {
    VpcPeeringSpec {
        vpc: req_name,
        peer_vpc: req_name,
    }
}
