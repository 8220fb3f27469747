//! `vpn_connection`: `AWS::EC2::VPNConnection` and an
//! `AWS::EC2::VPNConnectionRoute` per static route; `aws_vpn_connection`
//! and `aws_vpn_connection_route`.

use super::prelude::*;

impl ExportKind for attrs::VpnConnection {
    const TERRAFORM: &'static str = "aws_vpn_connection";

    fn cloudformation(&self, address: &Address, t: &mut Template, _: &Index) {
        let mut p = Fields::new();
        p.set("Type", Value::str("ipsec.1"))
            .set(
                "CustomerGatewayId",
                Value::Id(self.customer_gateway.clone()),
            )
            .maybe("VpnGatewayId", self.vpn_gateway.clone().map(Value::Id))
            .maybe(
                "TransitGatewayId",
                self.transit_gateway.clone().map(Value::Id),
            )
            .set("StaticRoutesOnly", Value::Bool(self.static_routes_only));
        if !self.tunnel_inside_cidrs.is_empty() {
            let tunnels = (self.tunnel_inside_cidrs.iter())
                .map(|c| {
                    Fields::new()
                        .with("TunnelInsideCidr", Value::str(c))
                        .into_value()
                })
                .collect();
            p.set("VpnTunnelOptionsSpecifications", Value::List(tunnels));
        }
        p.set("Tags", Template::tags(address, &self.tags));
        t.main(address, "AWS::EC2::VPNConnection", p);
        for (n, route) in self.static_routes.iter().enumerate() {
            let p = Fields::new()
                .with("DestinationCidrBlock", Value::str(route))
                .with("VpnConnectionId", Value::Id(address.clone()));
            t.sub(
                address,
                &format!("Route{}", n + 1),
                "AWS::EC2::VPNConnectionRoute",
                p,
            );
        }
    }

    fn terraform(&self, address: &Address, c: &mut Configuration, _: &Index) -> Body {
        let mut b = Body::new();
        b.set("type", Value::str("ipsec.1"))
            .set(
                "customer_gateway_id",
                Value::Id(self.customer_gateway.clone()),
            )
            .maybe("vpn_gateway_id", self.vpn_gateway.clone().map(Value::Id))
            .maybe(
                "transit_gateway_id",
                self.transit_gateway.clone().map(Value::Id),
            )
            .set("static_routes_only", Value::Bool(self.static_routes_only));
        for (n, cidr) in self.tunnel_inside_cidrs.iter().enumerate() {
            b.set(&format!("tunnel{}_inside_cidr", n + 1), Value::str(cidr));
        }
        b.set("tags", super::terraform_tags(address, &self.tags));
        for (n, route) in self.static_routes.iter().enumerate() {
            let mut r = Body::new();
            r.set("destination_cidr_block", Value::str(route))
                .set("vpn_connection_id", Value::Id(address.clone()));
            c.extra(
                address,
                "aws_vpn_connection_route",
                &format!("route_{}", n + 1),
                r,
            );
        }
        b
    }
}
