//! `route_table`: its kind-table entry (`SCHEMA`), its declaration and their decoder.

use super::prelude::*;

block! {
    /// A route as written: every key read; [`one_destination`] makes it a
    /// [`RouteSpec`].
    RouteEntry in pub ROUTE, read route as "a route" then one_destination -> RouteSpec {
        destination: str(Cidr)
            "The destination block, IPv4 or IPv6 (`::/0`); give it or `destination_prefix_list`. The `local` route of every VPC block is implicit.",
        destination_prefix_list: name(PrefixList)
            "A prefix list whose every block the route sends (instead of `destination`).",
        internet_gateway: name(InternetGateway) "Target: an internet gateway of the table's VPC.",
        nat_gateway: name(NatGateway) "Target: a NAT gateway of the table's VPC.",
        vpc_peering: name(VpcPeering) "Target: a peering of the table's VPC.",
        instance: name(InstanceCopy)
            "Target: an instance (one copy, `nat[0]`, of one with `count`).",
        egress_only_internet_gateway: name(EgressOnlyInternetGateway)
            "Target: an egress-only internet gateway of the table's VPC (IPv6 destinations only).",
        transit_gateway: name(TransitGateway)
            "Target: a transit gateway the table's VPC is attached to (`transit_gateway_attachments`).",
        vpn_gateway: name(VpnGateway)
            "Target: the virtual private gateway of the table's VPC (toward the VPN's sites).",
    }
}

pub(crate) const SCHEMA: KindSchema = KindSchema {
    kind: Kind::RouteTable,
    doc: "A route table of one VPC, associated with subnets (or the VPC's main table).",
    id_prefix: "rtb",
    attributes: ATTRIBUTES,
    computed: &[],
};

/// The target keys a route may name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RouteTargetKind {
    InternetGateway,
    NatGateway,
    VpcPeering,
    Instance,
    EgressOnlyInternetGateway,
    TransitGateway,
    VpnGateway,
}

impl RouteTargetKind {
    pub const ALL: [RouteTargetKind; 7] = [
        RouteTargetKind::InternetGateway,
        RouteTargetKind::NatGateway,
        RouteTargetKind::VpcPeering,
        RouteTargetKind::Instance,
        RouteTargetKind::EgressOnlyInternetGateway,
        RouteTargetKind::TransitGateway,
        RouteTargetKind::VpnGateway,
    ];

    /// Its key in a route: its kind's name.
    pub const fn key(self) -> &'static str {
        self.kind().singular()
    }

    pub const fn kind(self) -> Kind {
        match self {
            RouteTargetKind::InternetGateway => Kind::InternetGateway,
            RouteTargetKind::NatGateway => Kind::NatGateway,
            RouteTargetKind::VpcPeering => Kind::VpcPeering,
            RouteTargetKind::Instance => Kind::Instance,
            RouteTargetKind::EgressOnlyInternetGateway => Kind::EgressOnlyInternetGateway,
            RouteTargetKind::TransitGateway => Kind::TransitGateway,
            RouteTargetKind::VpnGateway => Kind::VpnGateway,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct RouteSpec {
    /// The whole route entry.
    pub span: Span,
    /// `destination` or `destination_prefix_list`: exactly one (the decoder
    /// makes sure).
    pub destination: RouteDestinationSpec,
    /// Every target key written; exactly one is valid (checked by RT003).
    pub targets: Vec<(RouteTargetKind, Sp<String>)>,
}

/// What a route sends: a block, or every block of a prefix list.
#[derive(Debug, Clone, PartialEq)]
pub enum RouteDestinationSpec {
    Cidr(Sp<String>),
    PrefixList(Sp<String>),
}

declaration! {
    RouteTableSpec {
        vpc: req_name(Vpc) force_new "The VPC.",
        main: bool = "false"
            "Make it the VPC's main table (used by every subnet not associated elsewhere).",
        routes: blocks(route: RouteSpec, ROUTE)
            "Routes, each with a destination and exactly one target.",
        subnets: names(Subnet) "Subnets associated with it explicitly.",
        propagate: names(VpnGateway)
            "VPN gateways of its VPC whose routes (a VPN's BGP and static routes) it takes in.",
    }
}

/// A route entry with exactly one destination, and its targets (RT003
/// checks that there is exactly one).
fn one_destination(d: &mut Decoder, f: &Fields, entry: RouteEntry) -> Option<RouteSpec> {
    let RouteEntry {
        span,
        destination,
        destination_prefix_list,
        internet_gateway,
        nat_gateway,
        vpc_peering,
        instance,
        egress_only_internet_gateway,
        transit_gateway,
        vpn_gateway,
    } = entry;
    let destination = match (destination, destination_prefix_list) {
        (Some(c), None) => RouteDestinationSpec::Cidr(c),
        (None, Some(p)) => RouteDestinationSpec::PrefixList(p),
        (Some(_), Some(p)) => {
            d.report(
                Diagnostic::new(
                    Rule::InvalidValue,
                    "a route takes `destination` or `destination_prefix_list`, not both",
                )
                .at(p.span, "second destination")
                .help("split it into two routes"),
            );
            return None;
        }
        (None, None) => {
            // A destination of the wrong type was reported where it was read.
            if f.node("destination").is_none() && f.node("destination_prefix_list").is_none() {
                d.report(
                    Diagnostic::new(Rule::MissingKey, "a route is missing `destination`")
                        .at(span, "`destination` is required")
                        .help("add `destination: CIDR`, or `destination_prefix_list: NAME`"),
                );
            }
            return None;
        }
    };
    let targets = [
        (RouteTargetKind::InternetGateway, internet_gateway),
        (RouteTargetKind::NatGateway, nat_gateway),
        (RouteTargetKind::VpcPeering, vpc_peering),
        (RouteTargetKind::Instance, instance),
        (
            RouteTargetKind::EgressOnlyInternetGateway,
            egress_only_internet_gateway,
        ),
        (RouteTargetKind::TransitGateway, transit_gateway),
        (RouteTargetKind::VpnGateway, vpn_gateway),
    ]
    .into_iter()
    .filter_map(|(kind, name)| Some((kind, name?)))
    .collect();
    Some(RouteSpec {
        span,
        destination,
        targets,
    })
}
