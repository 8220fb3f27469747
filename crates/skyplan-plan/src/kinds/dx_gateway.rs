//! `dx_gateway`: what the plan wants of it and what it knows before apply.

use super::prelude::*;

impl PlanKind for attrs::DxGateway {
    type Node = model::DxGateway;

    fn desired(b: &mut Builder, id: Id<model::DxGateway>) -> (Address, Self) {
        let m = b.m;
        let r = &m.dx_gateways[id];
        let associations = (r.associations.iter())
            .map(|x| {
                let mut out = attrs::DxAssociation {
                    allowed_prefixes: x.allowed_prefixes.iter().map(cidr_text).collect(),
                    transit_gateway: None,
                    vpn_gateway: None,
                };
                for gateway in &x.gateways {
                    match *gateway {
                        model::DxAssociated::TransitGateway(t) => {
                            let name = &m.transit_gateways[t.id].common.name;
                            out.transit_gateway =
                                Some(b.reference(declared(Kind::TransitGateway, name)));
                        }
                        model::DxAssociated::VpnGateway(v) => {
                            let name = &m.vpn_gateways[v.id].common.name;
                            out.vpn_gateway = Some(b.reference(declared(Kind::VpnGateway, name)));
                        }
                    }
                }
                out
            })
            .collect();
        let a = attrs::DxGateway {
            amazon_side_asn: r.asn(),
            associations,
            networks: r.networks.iter().map(cidr_text).collect(),
            tags: r.common.tags.clone(),
        };
        (declared(Kind::DxGateway, &r.common.name), a)
    }

    // Associations and allowed prefixes change in place
    // (Create/Update/DeleteDirectConnectGatewayAssociation), its networks
    // are skyplan's own record; the ASN is force-new by the kind table.
    computes_nothing!();

    conflicts_with_nothing!();
}
