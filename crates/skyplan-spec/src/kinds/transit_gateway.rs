//! `transit_gateway`: its kind-table entry (`SCHEMA`), its declaration and their decoder.

use super::prelude::*;

pub(crate) const SCHEMA: KindSchema = KindSchema {
    kind: Kind::TransitGateway,
    doc: "A transit gateway: a regional router that VPCs (`transit_gateway_attachments`) and VPN connections attach to (a hub), and route tables target (`transit_gateway:`). `reach` follows VPC-to-VPC paths through its default route table (attachments no `transit_gateway_route_tables` entry associates, when default association is on; every attachment's blocks, when default propagation is on) and through its own tables. Its options change in place; multicast support only by replacement.",
    id_prefix: "tgw",
    attributes: ATTRIBUTES,
    computed: &[],
};

declaration! {
    /// A transit gateway (see `SCHEMA`).
    TransitGatewaySpec {
        region: str(String) force_new "Region; required unless `defaults.region` is set.",
        description: str(String) "What it is for.",
        amazon_side_asn: uint(64512, 4_294_967_294) = "64512"
            "The private ASN of its side of BGP sessions: 64512-65534, or 4200000000-4294967294.",
        default_route_table_association: bool = "true"
            "Associate new attachments with its default route table.",
        default_route_table_propagation: bool = "true"
            "Propagate new attachments' routes to its default route table.",
        dns_support: bool = "true"
            "Resolve public DNS names of attached VPCs' instances to their private addresses.",
        vpn_ecmp_support: bool = "true" "Equal-cost multipath over VPN tunnels.",
        auto_accept_shared_attachments: bool = "false"
            "Accept attachments from other accounts without asking.",
        multicast_support: bool force_new = "false" "Multicast; AWS cannot change it later.",
        cidr_blocks: list(CidrList)
            "Its own blocks (IPv4 /24 or larger, IPv6 /64 or larger), for Connect peers' GRE addresses.",
    }
}
