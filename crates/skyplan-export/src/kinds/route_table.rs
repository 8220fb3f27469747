//! `route_table`: `AWS::EC2::RouteTable`, an `AWS::EC2::Route` per route
//! and an `AWS::EC2::SubnetRouteTableAssociation` per subnet; `aws_route_table`
//! with inline `route` blocks and `aws_route_table_association`s (and
//! `aws_main_route_table_association` for the main table).

use super::prelude::*;

/// A route's target: CloudFormation's property, Terraform's argument and
/// the value for each.
fn target(route: &attrs::Route) -> Option<(&'static str, &'static str, Value, Value)> {
    let id = |a: &Address| Value::Id(a.clone());
    let attrs::Route {
        destination: _,
        destination_prefix_list: _,
        egress_only_internet_gateway,
        instance,
        internet_gateway,
        nat_gateway,
        transit_gateway,
        vpc_peering,
        vpn_gateway,
    } = route;
    if let Some(g) = internet_gateway {
        return Some(("GatewayId", "gateway_id", id(g), id(g)));
    }
    if let Some(g) = nat_gateway {
        return Some(("NatGatewayId", "nat_gateway_id", id(g), id(g)));
    }
    if let Some(g) = egress_only_internet_gateway {
        return Some((
            "EgressOnlyInternetGatewayId",
            "egress_only_gateway_id",
            id(g),
            id(g),
        ));
    }
    if let Some(p) = vpc_peering {
        return Some((
            "VpcPeeringConnectionId",
            "vpc_peering_connection_id",
            id(p),
            id(p),
        ));
    }
    if let Some(g) = transit_gateway {
        return Some(("TransitGatewayId", "transit_gateway_id", id(g), id(g)));
    }
    if let Some(g) = vpn_gateway {
        return Some(("GatewayId", "gateway_id", id(g), id(g)));
    }
    // The provider's route takes the instance's network interface.
    instance.as_ref().map(|i| {
        let eni = Value::Attr {
            of: i.clone(),
            cloudformation: "PrimaryNetworkInterfaceId",
            terraform: "primary_network_interface_id",
        };
        ("InstanceId", "network_interface_id", id(i), eni)
    })
}

/// The destination: CloudFormation's property, Terraform's argument, value.
fn destination(route: &attrs::Route) -> Option<(&'static str, &'static str, Value)> {
    if let Some(cidr) = &route.destination {
        return Some(if cidr.contains(':') {
            (
                "DestinationIpv6CidrBlock",
                "ipv6_cidr_block",
                Value::str(cidr),
            )
        } else {
            ("DestinationCidrBlock", "cidr_block", Value::str(cidr))
        });
    }
    (route.destination_prefix_list.as_ref()).map(|p| {
        (
            "DestinationPrefixListId",
            "destination_prefix_list_id",
            Value::Id(p.clone()),
        )
    })
}

/// The subnets the table is associated with: its own, and for the main
/// table every subnet of its VPC no other table lists (CloudFormation has
/// no main-table association: those subnets are associated explicitly).
fn associated<'a>(table: &'a attrs::RouteTable, index: &'a Index) -> Vec<&'a Address> {
    let mut subnets: Vec<&Address> = table.subnets.iter().collect();
    if table.main {
        for s in index.implicitly_routed(&table.vpc) {
            if !subnets.contains(&s) {
                subnets.push(s);
            }
        }
    }
    subnets
}

impl ExportKind for attrs::RouteTable {
    const TERRAFORM: &'static str = "aws_route_table";

    fn cloudformation(&self, address: &Address, t: &mut Template, index: &Index) {
        let p = Fields::new()
            .with("VpcId", Value::Id(self.vpc.clone()))
            .with("Tags", Template::tags(address, &self.tags));
        t.main(address, "AWS::EC2::RouteTable", p);
        for (n, route) in self.routes.iter().enumerate() {
            let (Some((to_key, _, to)), Some((via_key, _, via, _))) =
                (destination(route), target(route))
            else {
                continue;
            };
            let p = Fields::new()
                .with("RouteTableId", Value::Id(address.clone()))
                .with(to_key, to)
                .with(via_key, via);
            // A gateway's route waits for its attachment to the VPC.
            let gateway = route
                .internet_gateway
                .as_ref()
                .or(route.vpn_gateway.as_ref());
            let attachment = super::internet_gateway::attachment_of(t, gateway);
            // AWS refuses a route to a transit gateway until the VPC's
            // attachment exists.
            let vpc_attachment = (route.transit_gateway.as_ref())
                .and_then(|g| index.attachment(&self.vpc, g))
                .map(|a| t.logical(a));
            let r = t.sub(address, &format!("Route{}", n + 1), "AWS::EC2::Route", p);
            for a in attachment.into_iter().chain(vpc_attachment) {
                r.depends_on(a);
            }
        }
        if self.main {
            t.note(
                address,
                "CloudFormation cannot make it the VPC's main route table: every subnet of the VPC that no other table lists is associated with it explicitly, and the VPC's own main table stays",
            );
        }
        for vgw in &self.propagate {
            let p = Fields::new()
                .with(
                    "RouteTableIds",
                    Value::List(vec![Value::Id(address.clone())]),
                )
                .with("VpnGatewayId", Value::Id(vgw.clone()));
            let role = format!("Propagation{}", crate::logical_base(vgw));
            let attachment = t.extra_id(vgw, "Attachment");
            t.sub(address, &role, "AWS::EC2::VPNGatewayRoutePropagation", p)
                .depends_on(attachment);
        }
        for subnet in associated(self, index) {
            let p = Fields::new()
                .with("RouteTableId", Value::Id(address.clone()))
                .with("SubnetId", Value::Id(subnet.clone()));
            let role = format!("Association{}", crate::logical_base(subnet));
            t.sub(address, &role, "AWS::EC2::SubnetRouteTableAssociation", p);
        }
    }

    fn terraform(&self, address: &Address, c: &mut Configuration, index: &Index) -> Body {
        let mut b = Body::new();
        b.set("vpc_id", Value::Id(self.vpc.clone()));
        let attachments: Vec<Value> = (self.routes.iter())
            .filter_map(|r| index.attachment(&self.vpc, r.transit_gateway.as_ref()?))
            .map(|a| Value::Expression(c.reference(a)))
            .collect();
        for route in &self.routes {
            let (Some((_, to_key, to)), Some((_, via_key, _, via))) =
                (destination(route), target(route))
            else {
                continue;
            };
            let mut r = Body::new();
            r.set(to_key, to).set(via_key, via);
            b.block("route", r);
        }
        b.set("tags", super::terraform_tags(address, &self.tags));
        if !attachments.is_empty() {
            b.set("depends_on", Value::List(attachments));
        }
        for subnet in &self.subnets {
            let mut a = Body::new();
            a.set("subnet_id", Value::Id(subnet.clone()))
                .set("route_table_id", Value::Id(address.clone()));
            c.extra(address, "aws_route_table_association", &subnet.name, a);
        }
        for vgw in &self.propagate {
            let mut a = Body::new();
            a.set("vpn_gateway_id", Value::Id(vgw.clone()))
                .set("route_table_id", Value::Id(address.clone()));
            c.extra(address, "aws_vpn_gateway_route_propagation", &vgw.name, a);
        }
        if self.main {
            let mut a = Body::new();
            a.set("vpc_id", Value::Id(self.vpc.clone()))
                .set("route_table_id", Value::Id(address.clone()));
            c.extra(address, "aws_main_route_table_association", "main", a);
        }
        b
    }
}
