//! `route_table`: the resolved kind, its resolver and its graph edges.

use super::prelude::*;

/// Where a route sends traffic: one typed reference per target kind.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum RouteTarget {
    InternetGateway(Ref<InternetGateway>),
    NatGateway(Ref<NatGateway>),
    VpcPeering(Ref<VpcPeering>),
    Instance(Ref<Instance>),
    EgressOnlyInternetGateway(Ref<EgressOnlyInternetGateway>),
    TransitGateway(Ref<TransitGateway>),
    VpnGateway(Ref<VpnGateway>),
}

impl RouteTarget {
    pub fn kind(self) -> RouteTargetKind {
        match self {
            RouteTarget::InternetGateway(_) => RouteTargetKind::InternetGateway,
            RouteTarget::NatGateway(_) => RouteTargetKind::NatGateway,
            RouteTarget::VpcPeering(_) => RouteTargetKind::VpcPeering,
            RouteTarget::Instance(_) => RouteTargetKind::Instance,
            RouteTarget::EgressOnlyInternetGateway(_) => RouteTargetKind::EgressOnlyInternetGateway,
            RouteTarget::TransitGateway(_) => RouteTargetKind::TransitGateway,
            RouteTarget::VpnGateway(_) => RouteTargetKind::VpnGateway,
        }
    }

    /// Where the target's name was written.
    pub fn span(self) -> Span {
        match self {
            RouteTarget::InternetGateway(r) => r.span,
            RouteTarget::NatGateway(r) => r.span,
            RouteTarget::VpcPeering(r) => r.span,
            RouteTarget::Instance(r) => r.span,
            RouteTarget::EgressOnlyInternetGateway(r) => r.span,
            RouteTarget::TransitGateway(r) => r.span,
            RouteTarget::VpnGateway(r) => r.span,
        }
    }
}

/// What a route sends to its target.
#[derive(Clone, Debug, PartialEq)]
pub enum RouteDestination {
    Cidr(CidrAny),
    PrefixList(Ref<PrefixList>),
}

impl RouteDestination {
    /// The block, when it is an IPv4 one.
    pub fn ipv4(&self) -> Option<Ipv4Net> {
        match self {
            RouteDestination::Cidr(c) => match c.ok() {
                Some(IpNet::V4(n)) => Some(n),
                Some(IpNet::V6(_)) | None => None,
            },
            RouteDestination::PrefixList(_) => None,
        }
    }

    /// The block, when it is a parsed one.
    pub fn block(&self) -> Option<IpNet> {
        match self {
            RouteDestination::Cidr(c) => c.ok(),
            RouteDestination::PrefixList(_) => None,
        }
    }

    pub fn span(&self) -> Span {
        match self {
            RouteDestination::Cidr(c) => c.span(),
            RouteDestination::PrefixList(r) => r.span,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Route {
    pub span: Span,
    pub destination: RouteDestination,
    /// Every resolved target; exactly one is valid (checked by a rule).
    pub targets: Vec<RouteTarget>,
    /// How many target keys were written (some may not have resolved).
    pub targets_written: usize,
}

impl Route {
    /// The single target, when there is exactly one.
    pub fn target(&self) -> Option<RouteTarget> {
        match self.targets.as_slice() {
            [one] if self.targets_written == 1 => Some(*one),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct RouteTable {
    pub common: Common,
    pub vpc: Ref<Vpc>,
    pub main: Option<Sp<bool>>,
    pub routes: Vec<Route>,
    pub subnets: Vec<Ref<Subnet>>,
    /// VPN gateways whose routes it takes in (route propagation).
    pub propagate: Vec<Ref<VpnGateway>>,
}

impl RouteTable {
    pub fn is_main(&self) -> bool {
        Kind::RouteTable
            .schema()
            .or_default(self.main.as_ref(), "main")
    }
}

impl Model {
    /// The address of a route's target (`nat_gateway.nat-a`, `instance.fw[0]`).
    pub fn route_target_address(&self, target: RouteTarget) -> &str {
        match target {
            RouteTarget::InternetGateway(r) => &self.internet_gateways[r.id].common.address,
            RouteTarget::NatGateway(r) => &self.nat_gateways[r.id].common.address,
            RouteTarget::VpcPeering(r) => &self.vpc_peerings[r.id].common.address,
            RouteTarget::Instance(r) => &self.instances[r.id].address,
            RouteTarget::EgressOnlyInternetGateway(r) => {
                &self.egress_only_internet_gateways[r.id].common.address
            }
            RouteTarget::TransitGateway(r) => &self.transit_gateways[r.id].common.address,
            RouteTarget::VpnGateway(r) => &self.vpn_gateways[r.id].common.address,
        }
    }
}

impl Resolver<'_> {
    pub(crate) fn route_tables(&mut self, m: &mut Model, decls: Vec<Decl<RouteTableSpec>>) {
        for d in decls {
            let Some(a) = d.attrs else { continue };
            let common = self.common(Kind::RouteTable, d.name, &d.tags);
            let from = common.address.clone();
            // Every reference first, then drop the table if any failed.
            let vpc = self.lookup::<Vpc>(&a.vpc, "vpc", &from);
            let routes_written = a.routes.len();
            // Every route is resolved (and reported) before a failure drops
            // the table.
            let routes: Vec<Route> = a
                .routes
                .into_iter()
                .map(|r| {
                    let targets_written = r.targets.len();
                    let targets = r
                        .targets
                        .iter()
                        .filter_map(|(kind, name)| {
                            let field = kind.key();
                            match kind {
                                RouteTargetKind::InternetGateway => self
                                    .lookup(name, field, &from)
                                    .map(RouteTarget::InternetGateway),
                                RouteTargetKind::NatGateway => {
                                    self.lookup(name, field, &from).map(RouteTarget::NatGateway)
                                }
                                RouteTargetKind::VpcPeering => {
                                    self.lookup(name, field, &from).map(RouteTarget::VpcPeering)
                                }
                                RouteTargetKind::Instance => self
                                    .lookup_instance(m, name, field, &from)
                                    .map(RouteTarget::Instance),
                                RouteTargetKind::EgressOnlyInternetGateway => self
                                    .lookup(name, field, &from)
                                    .map(RouteTarget::EgressOnlyInternetGateway),
                                RouteTargetKind::TransitGateway => self
                                    .lookup(name, field, &from)
                                    .map(RouteTarget::TransitGateway),
                                RouteTargetKind::VpnGateway => {
                                    self.lookup(name, field, &from).map(RouteTarget::VpnGateway)
                                }
                            }
                        })
                        .collect();
                    let destination = match r.destination {
                        RouteDestinationSpec::Cidr(c) => Some(RouteDestination::Cidr(cidr_any(c))),
                        RouteDestinationSpec::PrefixList(p) => self
                            .lookup(&p, "destination_prefix_list", &from)
                            .map(RouteDestination::PrefixList),
                    };
                    destination.map(|destination| Route {
                        span: r.span,
                        destination,
                        targets,
                        targets_written,
                    })
                })
                .collect::<Vec<_>>()
                .into_iter()
                .flatten()
                .collect();
            let subnets = self.lookup_all::<Subnet>(&a.subnets, "subnets", &from);
            let propagate = self.lookup_all::<VpnGateway>(&a.propagate, "propagate", &from);
            let targets_resolved = routes.len() == routes_written
                && routes.iter().all(|r| r.targets.len() == r.targets_written);
            let Some(vpc) = vpc.filter(|_| {
                targets_resolved
                    && subnets.len() == a.subnets.len()
                    && propagate.len() == a.propagate.len()
            }) else {
                continue;
            };
            self.register(Kind::RouteTable, &common, m.route_tables.len());
            m.route_tables.push(RouteTable {
                common,
                vpc,
                main: a.main,
                routes,
                subnets,
                propagate,
            });
        }
    }
}

takes_nothing!(RouteTable);

/// Its references, one edge each.
pub(crate) fn edges(m: &Model, g: &mut DependencyGraph) {
    for (i, r) in m.route_tables.iter().enumerate() {
        let me = node(Kind::RouteTable, i);
        depends(g, me, r.vpc, "vpc");
        for (k, route) in r.routes.iter().enumerate() {
            if let RouteDestination::PrefixList(list) = route.destination {
                depends(g, me, list, format!("routes[{k}].destination_prefix_list"));
            }
            for target in &route.targets {
                let field = format!("routes[{k}].{}", target.kind().key());
                match *target {
                    RouteTarget::InternetGateway(r) => depends(g, me, r, field),
                    RouteTarget::NatGateway(r) => depends(g, me, r, field),
                    RouteTarget::VpcPeering(r) => depends(g, me, r, field),
                    RouteTarget::Instance(r) => depends(g, me, r, field),
                    RouteTarget::EgressOnlyInternetGateway(r) => depends(g, me, r, field),
                    RouteTarget::TransitGateway(r) => depends(g, me, r, field),
                    RouteTarget::VpnGateway(r) => depends(g, me, r, field),
                }
            }
        }
        for s in &r.subnets {
            depends(g, me, *s, "subnets");
        }
        for v in &r.propagate {
            depends(g, me, *v, "propagate");
        }
    }
}
