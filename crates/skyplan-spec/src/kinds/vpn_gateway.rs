//! `vpn_gateway`: its kind-table entry (`SCHEMA`), its declaration and their decoder.

use super::prelude::*;

pub(crate) const SCHEMA: KindSchema = KindSchema {
    kind: Kind::VpnGateway,
    doc: "A virtual private gateway: the AWS end of site-to-site VPN connections, attached to one VPC (at most one per VPC). Routes target it with `vpn_gateway:`. Moving it to another VPC detaches and attaches it in place; its ASN is fixed. `reach` follows paths from its connections' sites (`customer_gateway.NAME`) into its VPC.",
    id_prefix: "vgw",
    attributes: ATTRIBUTES,
    computed: &[],
};

declaration! {
    /// A virtual private gateway (see `SCHEMA`).
    VpnGatewaySpec {
        vpc: req_name(Vpc) "The VPC it is attached to.",
        amazon_side_asn: uint(64512, 4_294_967_294) force_new = "64512"
            "The private ASN of the AWS side: 64512-65534, or 4200000000-4294967294.",
    }
}
