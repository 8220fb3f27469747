//! `transit_gateway`: the resolved kind, its resolver and its graph edges.

use super::prelude::*;

/// A transit gateway; its options as written, else the kind table's
/// defaults.
#[derive(Clone, Debug, PartialEq)]
pub struct TransitGateway {
    pub common: Common,
    /// Its own `region`, or `defaults.region` (whose span then points
    /// there).
    pub region: Option<Sp<String>>,
    pub region_from_defaults: bool,
    pub description: Option<Sp<String>>,
    /// As written (checked by TW001); [`TransitGateway::asn`] is the one it
    /// gets.
    pub amazon_side_asn: Option<Sp<u64>>,
    pub default_route_table_association: bool,
    pub default_route_table_propagation: bool,
    pub dns_support: bool,
    pub vpn_ecmp_support: bool,
    pub auto_accept_shared_attachments: bool,
    pub multicast_support: bool,
    pub cidr_blocks: Vec<CidrAny>,
}

impl TransitGateway {
    /// Its Amazon-side ASN: as written, else AWS's default.
    pub fn asn(&self) -> u64 {
        Kind::TransitGateway
            .schema()
            .or_default(self.amazon_side_asn.as_ref(), "amazon_side_asn")
    }
}

impl Resolver<'_> {
    pub(crate) fn transit_gateways(&mut self, m: &mut Model, decls: Vec<Decl<TransitGatewaySpec>>) {
        let schema = Kind::TransitGateway.schema();
        for d in decls {
            let Some(a) = d.attrs else { continue };
            let common = self.common(Kind::TransitGateway, d.name, &d.tags);
            let (region, region_from_defaults) =
                self.region_of(m, &common, a.region, "the transit gateway");
            let option = |value: Option<Sp<bool>>, name| schema.or_default(value.as_ref(), name);
            self.register(Kind::TransitGateway, &common, m.transit_gateways.len());
            m.transit_gateways.push(TransitGateway {
                common,
                region,
                region_from_defaults,
                description: a.description,
                amazon_side_asn: a.amazon_side_asn,
                default_route_table_association: option(
                    a.default_route_table_association,
                    "default_route_table_association",
                ),
                default_route_table_propagation: option(
                    a.default_route_table_propagation,
                    "default_route_table_propagation",
                ),
                dns_support: option(a.dns_support, "dns_support"),
                vpn_ecmp_support: option(a.vpn_ecmp_support, "vpn_ecmp_support"),
                auto_accept_shared_attachments: option(
                    a.auto_accept_shared_attachments,
                    "auto_accept_shared_attachments",
                ),
                multicast_support: option(a.multicast_support, "multicast_support"),
                cidr_blocks: a.cidr_blocks.into_iter().map(cidr_any).collect(),
            });
        }
    }
}

takes_nothing!(TransitGateway);

/// It names nothing.
pub(crate) fn edges(_: &Model, _: &mut DependencyGraph) {}
