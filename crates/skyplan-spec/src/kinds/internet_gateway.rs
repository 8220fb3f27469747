//! `internet_gateway`: its kind-table entry (`SCHEMA`), its declaration and their decoder.

use super::prelude::*;

pub(crate) const SCHEMA: KindSchema = KindSchema {
    kind: Kind::InternetGateway,
    doc: "An internet gateway, attached to one VPC (at most one per VPC).",
    id_prefix: "igw",
    attributes: ATTRIBUTES,
    computed: &[],
};

declaration! {
    InternetGatewaySpec {
        vpc: req_name(Vpc) "The VPC it is attached to.",
    }
}
