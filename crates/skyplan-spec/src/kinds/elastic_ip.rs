//! `elastic_ip`: its kind-table entry (`SCHEMA`), its declaration and their decoder.

use super::prelude::*;

pub(crate) const SCHEMA: KindSchema = KindSchema {
    kind: Kind::ElasticIp,
    doc: "A static public IPv4 address.",
    id_prefix: "eipalloc",
    attributes: &[],
    computed: &[computed("public_ip_address", "The address allocated.")],
};

#[derive(Debug, Clone, PartialEq)]
pub struct ElasticIpSpec {}

pub(crate) fn decode(_: &mut Decoder, _: &Fields) -> Option<ElasticIpSpec> {
    Some(ElasticIpSpec {})
}
