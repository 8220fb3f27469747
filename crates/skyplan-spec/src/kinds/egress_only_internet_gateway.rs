//! `egress_only_internet_gateway`: its kind-table entry (`SCHEMA`), its declaration and their decoder.

use super::prelude::*;

pub(crate) const SCHEMA: KindSchema = KindSchema {
    kind: Kind::EgressOnlyInternetGateway,
    doc: "An egress-only internet gateway: IPv6 traffic out to the internet, nothing in (IPv6's NAT gateway). One per VPC.",
    id_prefix: "eigw",
    attributes: ATTRIBUTES,
    computed: &[],
};

declaration! {
    /// An egress-only internet gateway (IPv6 outbound only).
    EgressOnlyInternetGatewaySpec {
        vpc: req_name(Vpc) force_new "The VPC.",
    }
}
