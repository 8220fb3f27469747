//! `customer_gateway`: the resolved kind, its resolver and its graph edges.

use super::prelude::*;

/// A customer gateway: the device at a site, and the networks behind it.
#[derive(Clone, Debug, PartialEq)]
pub struct CustomerGateway {
    pub common: Common,
    /// Its own `region`, or `defaults.region`.
    pub region: Option<Sp<String>>,
    pub region_from_defaults: bool,
    /// A dotted IPv4 address (the decoder checked it).
    pub ip_address: Sp<String>,
    /// As written (checked by VG002); [`CustomerGateway::asn`] is the one
    /// it gets.
    pub bgp_asn: Option<Sp<u64>>,
    pub networks: Vec<CidrAny>,
}

impl CustomerGateway {
    /// Its BGP ASN: as written, else AWS's default.
    pub fn asn(&self) -> u64 {
        Kind::CustomerGateway
            .schema()
            .or_default(self.bgp_asn.as_ref(), "bgp_asn")
    }

    /// Its address, parsed.
    pub fn address(&self) -> Option<std::net::Ipv4Addr> {
        self.ip_address.value.parse().ok()
    }
}

impl Resolver<'_> {
    pub(crate) fn customer_gateways(
        &mut self,
        m: &mut Model,
        decls: Vec<Decl<CustomerGatewaySpec>>,
    ) {
        for d in decls {
            let Some(a) = d.attrs else { continue };
            let common = self.common(Kind::CustomerGateway, d.name, &d.tags);
            let (region, region_from_defaults) =
                self.region_of(m, &common, a.region, "the customer gateway");
            self.register(Kind::CustomerGateway, &common, m.customer_gateways.len());
            m.customer_gateways.push(CustomerGateway {
                common,
                region,
                region_from_defaults,
                ip_address: a.ip_address,
                bgp_asn: a.bgp_asn,
                networks: a.networks.into_iter().map(cidr_any).collect(),
            });
        }
    }
}

takes_nothing!(CustomerGateway);

/// It names nothing.
pub(crate) fn edges(_: &Model, _: &mut DependencyGraph) {}
