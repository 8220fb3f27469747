//! `internet_gateway`: its kind-table entry (`SCHEMA`), its declaration and their decoder.

use super::prelude::*;

pub(crate) const SCHEMA: KindSchema = KindSchema {
    kind: Kind::InternetGateway,
    doc: "An internet gateway, attached to one VPC (at most one per VPC).",
    id_prefix: "igw",
    attributes: &[required(attr(
        "vpc",
        AttrType::Reference(Kind::Vpc),
        "The VPC it is attached to.",
    ))],
    computed: &[],
};

#[derive(Debug, Clone, PartialEq)]
pub struct InternetGatewaySpec {
    pub vpc: Sp<String>,
}

pub(crate) fn decode(d: &mut Decoder, f: &Fields) -> Option<InternetGatewaySpec> {
    Some(InternetGatewaySpec {
        vpc: f.req_name(d, "vpc")?,
    })
}
