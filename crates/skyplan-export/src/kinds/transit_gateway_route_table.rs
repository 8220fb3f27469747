//! `transit_gateway_route_table`: `AWS::EC2::TransitGatewayRouteTable` with an
//! `AWS::EC2::TransitGatewayRouteTableAssociation` / `...Propagation` per
//! attachment and an `AWS::EC2::TransitGatewayRoute` per static route;
//! `aws_ec2_transit_gateway_route_table` with
//! `aws_ec2_transit_gateway_route_table_association` / `_propagation` and
//! `aws_ec2_transit_gateway_route`.

use super::prelude::*;

/// The transit gateway attachment id of a VPN connection: Terraform's
/// attribute (CloudFormation's VPN connection has none).
fn vpn_attachment(v: &Address) -> Value {
    Value::Attr {
        of: v.clone(),
        cloudformation: "TransitGatewayAttachmentId",
        terraform: "transit_gateway_attachment_id",
    }
}

/// The Direct Connect gateways it associates or propagates: their
/// attachment is AWS's, with an id neither format can name.
fn note_dx(table: &attrs::TransitGatewayRouteTable) -> Option<String> {
    let mut named: Vec<String> = (table.dx_associations.iter())
        .chain(&table.dx_propagations)
        .map(ToString::to_string)
        .collect();
    named.sort();
    named.dedup();
    (!named.is_empty()).then(|| {
        format!(
            "the transit gateway attachments of {} are made by their Direct Connect association, with ids the template cannot name: associate and propagate them after it is built",
            named.join(", ")
        )
    })
}

impl ExportKind for attrs::TransitGatewayRouteTable {
    const TERRAFORM: &'static str = "aws_ec2_transit_gateway_route_table";

    fn cloudformation(&self, address: &Address, t: &mut Template, index: &Index) {
        let p = Fields::new()
            .with("TransitGatewayId", Value::Id(self.transit_gateway.clone()))
            .with("Tags", Template::tags(address, &self.tags));
        t.main(address, "AWS::EC2::TransitGatewayRouteTable", p);
        let table = || Value::Id(address.clone());
        for (role, aws_type, list) in [
            (
                "Association",
                "AWS::EC2::TransitGatewayRouteTableAssociation",
                &self.associations,
            ),
            (
                "Propagation",
                "AWS::EC2::TransitGatewayRouteTablePropagation",
                &self.propagations,
            ),
        ] {
            for a in list {
                let p = Fields::new()
                    .with("TransitGatewayAttachmentId", Value::Id(a.clone()))
                    .with("TransitGatewayRouteTableId", table());
                t.sub(
                    address,
                    &format!("{role}{}", crate::logical_base(a)),
                    aws_type,
                    p,
                );
            }
        }
        if !self.associations.is_empty() && index.associates_by_default(&self.transit_gateway) {
            t.note(
                address,
                "its gateway associates every new attachment with its default route table, and CloudFormation has no option to keep an attachment out of it: the association fails until `default_route_table_association` is off",
            );
        }
        if let Some(text) = note_dx(self) {
            t.note(address, text);
        }
        for v in self.vpn_associations.iter().chain(&self.vpn_propagations) {
            t.note(
                address,
                format!(
                    "CloudFormation gives no transit gateway attachment id for {v}: its association and propagation are not in the template"
                ),
            );
        }
        for (n, route) in self.routes.iter().enumerate() {
            let mut p = Fields::new();
            p.set("DestinationCidrBlock", Value::str(&route.destination))
                .set("TransitGatewayRouteTableId", table());
            if route.blackhole {
                p.set("Blackhole", Value::Bool(true));
            } else if let Some(a) = &route.attachment {
                p.set("TransitGatewayAttachmentId", Value::Id(a.clone()));
            } else if let Some(v) = route.vpn_connection.as_ref().or(route.dx_gateway.as_ref()) {
                t.note(
                    address,
                    format!(
                        "CloudFormation gives no transit gateway attachment id for {v}: the route to {} is not in the template",
                        route.destination
                    ),
                );
                continue;
            }
            let role = format!("Route{}", n + 1);
            t.sub(address, &role, "AWS::EC2::TransitGatewayRoute", p);
        }
    }

    fn terraform(&self, address: &Address, c: &mut Configuration, _: &Index) -> Body {
        let mut b = Body::new();
        b.set(
            "transit_gateway_id",
            Value::Id(self.transit_gateway.clone()),
        )
        .set("tags", super::terraform_tags(address, &self.tags));
        if let Some(text) = note_dx(self) {
            c.note(address, text);
        }
        let attachments = |list: &[Address], vpns: &[Address]| -> Vec<(String, Value)> {
            (list.iter().map(|a| (a.name.clone(), Value::Id(a.clone()))))
                .chain(
                    vpns.iter()
                        .map(|v| (format!("vpn_{}", v.name), vpn_attachment(v))),
                )
                .collect()
        };
        for (tf_type, list) in [
            (
                "aws_ec2_transit_gateway_route_table_association",
                attachments(&self.associations, &self.vpn_associations),
            ),
            (
                "aws_ec2_transit_gateway_route_table_propagation",
                attachments(&self.propagations, &self.vpn_propagations),
            ),
        ] {
            for (name, attachment) in list {
                let mut a = Body::new();
                a.set("transit_gateway_attachment_id", attachment)
                    .set("transit_gateway_route_table_id", Value::Id(address.clone()));
                c.extra(address, tf_type, &name, a);
            }
        }
        for (n, route) in self.routes.iter().enumerate() {
            let mut r = Body::new();
            r.set("destination_cidr_block", Value::str(&route.destination))
                .set("transit_gateway_route_table_id", Value::Id(address.clone()));
            if route.blackhole {
                r.set("blackhole", Value::Bool(true));
            } else if let Some(a) = &route.attachment {
                r.set("transit_gateway_attachment_id", Value::Id(a.clone()));
            } else if let Some(v) = &route.vpn_connection {
                r.set("transit_gateway_attachment_id", vpn_attachment(v));
            } else if let Some(x) = &route.dx_gateway {
                c.note(
                    address,
                    format!(
                        "the attachment of {x} is made by its Direct Connect association, with an id the configuration cannot name: the route to {} is not in it",
                        route.destination
                    ),
                );
                continue;
            }
            c.extra(
                address,
                "aws_ec2_transit_gateway_route",
                &format!("route_{}", n + 1),
                r,
            );
        }
        b
    }
}
