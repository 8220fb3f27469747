//! `transit_gateway_attachment`: `AWS::EC2::TransitGatewayVpcAttachment`;
//! `aws_ec2_transit_gateway_vpc_attachment`.

use super::prelude::*;
use super::transit_gateway::switch;

impl ExportKind for attrs::TransitGatewayAttachment {
    const TERRAFORM: &'static str = "aws_ec2_transit_gateway_vpc_attachment";

    fn cloudformation(&self, address: &Address, t: &mut Template, _: &Index) {
        let options = Fields::new()
            .with("ApplianceModeSupport", switch(self.appliance_mode))
            .with("DnsSupport", switch(self.dns_support))
            .with("Ipv6Support", switch(self.ipv6_support));
        let p = Fields::new()
            .with("TransitGatewayId", Value::Id(self.transit_gateway.clone()))
            .with("VpcId", Value::Id(self.vpc.clone()))
            .with("SubnetIds", Value::ids(&self.subnets))
            .with("Options", options.into_value())
            .with("Tags", Template::tags(address, &self.tags));
        t.main(address, "AWS::EC2::TransitGatewayVpcAttachment", p);
    }

    fn terraform(&self, address: &Address, _: &mut Configuration, index: &Index) -> Body {
        let mut b = Body::new();
        b.set(
            "transit_gateway_id",
            Value::Id(self.transit_gateway.clone()),
        )
        .set("vpc_id", Value::Id(self.vpc.clone()))
        .set("subnet_ids", Value::ids(&self.subnets))
        .set("appliance_mode_support", switch(self.appliance_mode))
        .set("dns_support", switch(self.dns_support))
        .set("ipv6_support", switch(self.ipv6_support))
        // A table of the stack routes it: the default one must not take it
        // first (AWS refuses a second association).
        .maybe(
            "transit_gateway_default_route_table_association",
            index.is_associated(address).then_some(Value::Bool(false)),
        )
        .set("tags", super::terraform_tags(address, &self.tags));
        b
    }
}
