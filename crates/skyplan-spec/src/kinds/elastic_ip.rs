//! `elastic_ip`: its kind-table entry (`SCHEMA`), its declaration and their decoder.

use super::prelude::*;

pub(crate) const SCHEMA: KindSchema = KindSchema {
    kind: Kind::ElasticIp,
    doc: "A static public IPv4 address.",
    id_prefix: "eipalloc",
    attributes: ATTRIBUTES,
    computed: &[computed("public_ip_address", "The address allocated.")],
};

declaration! {
    /// An elastic IP: nothing to declare but its name and tags.
    ElasticIpSpec {}
}
