//! `route_table`: what the plan wants of it and what it knows before apply.

use super::prelude::*;

impl PlanKind for attrs::RouteTable {
    type Node = model::RouteTable;

    fn desired(b: &mut Builder, id: Id<model::RouteTable>) -> (Address, Self) {
        let m = b.m;
        let r = &m.route_tables[id];
        let vpc = b.vpc(r.vpc);
        let routes = r
            .routes
            .iter()
            .map(|route| {
                let (destination, destination_prefix_list) = match &route.destination {
                    RouteDestination::Cidr(c) => (Some(cidr_text(c)), None),
                    RouteDestination::PrefixList(p) => {
                        let name = &m.prefix_lists[p.id].common.name;
                        (None, Some(b.reference(declared(Kind::PrefixList, name))))
                    }
                };
                let mut out = attrs::Route {
                    destination,
                    destination_prefix_list,
                    egress_only_internet_gateway: None,
                    instance: None,
                    internet_gateway: None,
                    nat_gateway: None,
                    transit_gateway: None,
                    vpc_peering: None,
                    vpn_gateway: None,
                };
                for target in &route.targets {
                    match *target {
                        RouteTarget::InternetGateway(t) => {
                            let name = &m.internet_gateways[t.id].common.name;
                            out.internet_gateway =
                                Some(b.reference(declared(Kind::InternetGateway, name)));
                        }
                        RouteTarget::NatGateway(t) => {
                            let name = &m.nat_gateways[t.id].common.name;
                            out.nat_gateway = Some(b.reference(declared(Kind::NatGateway, name)));
                        }
                        RouteTarget::VpcPeering(t) => {
                            let name = &m.vpc_peerings[t.id].common.name;
                            out.vpc_peering = Some(b.reference(declared(Kind::VpcPeering, name)));
                        }
                        RouteTarget::Instance(t) => {
                            out.instance = Some(b.instance(t));
                        }
                        RouteTarget::EgressOnlyInternetGateway(t) => {
                            let name = &m.egress_only_internet_gateways[t.id].common.name;
                            out.egress_only_internet_gateway =
                                Some(b.reference(declared(Kind::EgressOnlyInternetGateway, name)));
                        }
                        RouteTarget::TransitGateway(t) => {
                            let name = &m.transit_gateways[t.id].common.name;
                            out.transit_gateway =
                                Some(b.reference(declared(Kind::TransitGateway, name)));
                            // AWS refuses the route until the VPC's attachment exists.
                            if let Some(a) = m.attachment_of(r.vpc.id, t.id) {
                                let name = &m.transit_gateway_attachments[a].common.name;
                                b.reference(declared(Kind::TransitGatewayAttachment, name));
                            }
                        }
                        RouteTarget::VpnGateway(t) => {
                            let name = &m.vpn_gateways[t.id].common.name;
                            out.vpn_gateway = Some(b.reference(declared(Kind::VpnGateway, name)));
                        }
                    }
                }
                out
            })
            .collect();
        let propagate = (r.propagate.iter())
            .map(|v| {
                let name = &m.vpn_gateways[v.id].common.name;
                b.reference(declared(Kind::VpnGateway, name))
            })
            .collect();
        let a = attrs::RouteTable {
            main: r.is_main(),
            propagate,
            routes,
            subnets: b.subnets(&r.subnets),
            tags: r.common.tags.clone(),
            vpc,
        };
        (declared(Kind::RouteTable, &r.common.name), a)
    }

    computes_nothing!();

    conflicts_with_nothing!();
}
