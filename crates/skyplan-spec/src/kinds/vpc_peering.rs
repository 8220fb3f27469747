//! `vpc_peering`: its kind-table entry (`SCHEMA`), its declaration and their decoder.

use super::prelude::*;

pub(crate) const SCHEMA: KindSchema = KindSchema {
    kind: Kind::VpcPeering,
    doc: "A peering connection between two VPCs (not transitive).",
    id_prefix: "pcx",
    attributes: ATTRIBUTES,
    computed: &[],
};

declaration! {
    VpcPeeringSpec {
        vpc: req_name(Vpc) force_new "The requester VPC.",
        peer_vpc: req_name(Vpc) force_new "The accepter VPC.",
    }
}
