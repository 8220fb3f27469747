//! `dx_gateway`: its kind-table entry (`SCHEMA`), its declaration and their decoder.

use super::prelude::*;

block! {
    /// An association as written: every key read; [`gateways`] makes it a
    /// [`DxAssociationSpec`].
    DxAssociationEntry in pub DX_ASSOCIATION, read dx_association as "an association" then gateways -> DxAssociationSpec {
        transit_gateway: name(TransitGateway)
            "A transit gateway (its attachments' VPCs and VPNs), over a transit virtual interface; or give `vpn_gateway`.",
        vpn_gateway: name(VpnGateway)
            "A virtual private gateway (its VPC), over a private virtual interface; or give `transit_gateway`.",
        allowed_prefixes: list(CidrList)
            "The AWS blocks advertised to the premises; required for a transit gateway. For a virtual private gateway they filter its VPC's blocks (each must be as wide as one).",
    }
}

pub(crate) const SCHEMA: KindSchema = KindSchema {
    kind: Kind::DxGateway,
    doc: "A Direct Connect gateway: a global BGP route reflector between the virtual interfaces of Direct Connect connections and the gateways it is associated with (virtual private gateways, or transit gateways, never both). The connections and virtual interfaces are ordered from AWS and a partner, outside the stack; what the premises advertise over them is its `networks`, whose clients `reach` follows into the associated gateways. Its ASN is fixed; its associations and their allowed prefixes change in place.",
    id_prefix: "dxgw",
    attributes: ATTRIBUTES,
    computed: &[],
};

/// The gateway an association names.
#[derive(Debug, Clone, PartialEq)]
pub enum DxAssociatedSpec {
    TransitGateway(Sp<String>),
    VpnGateway(Sp<String>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct DxAssociationSpec {
    /// The whole entry.
    pub span: Span,
    /// Every gateway written; exactly one is valid (checked by DX002).
    pub gateways: Vec<DxAssociatedSpec>,
    pub allowed_prefixes: Vec<Sp<String>>,
}

declaration! {
    /// A Direct Connect gateway (see `SCHEMA`).
    DxGatewaySpec {
        amazon_side_asn: uint(64512, 4_294_967_294) force_new = "64512"
            "The private ASN of the AWS side: 64512-65534, or 4200000000-4294967294.",
        associations: blocks(dx_association: DxAssociationSpec, DX_ASSOCIATION)
            "The gateways it is associated with, each with its allowed prefixes.",
        networks: list(CidrList)
            "The on-premises blocks its virtual interfaces advertise (outside the stack): `reach` and expectations call their clients `dx_gateway.NAME`.",
    }
}

/// An association with its gateways gathered (DX002 checks that there is
/// exactly one).
fn gateways(_: &mut Decoder, _: &Fields, entry: DxAssociationEntry) -> Option<DxAssociationSpec> {
    let DxAssociationEntry {
        span,
        transit_gateway,
        vpn_gateway,
        allowed_prefixes,
    } = entry;
    let gateways = (transit_gateway
        .map(DxAssociatedSpec::TransitGateway)
        .into_iter())
    .chain(vpn_gateway.map(DxAssociatedSpec::VpnGateway))
    .collect();
    Some(DxAssociationSpec {
        span,
        gateways,
        allowed_prefixes,
    })
}
