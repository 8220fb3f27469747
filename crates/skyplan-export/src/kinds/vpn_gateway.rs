//! `vpn_gateway`: `AWS::EC2::VPNGateway` and its
//! `AWS::EC2::VPCGatewayAttachment`; `aws_vpn_gateway`.

use super::prelude::*;

impl ExportKind for attrs::VpnGateway {
    const TERRAFORM: &'static str = "aws_vpn_gateway";

    fn cloudformation(&self, address: &Address, t: &mut Template, _: &Index) {
        let p = Fields::new()
            .with("Type", Value::str("ipsec.1"))
            .with("AmazonSideAsn", Value::Int(self.amazon_side_asn as i64))
            .with("Tags", Template::tags(address, &self.tags));
        t.main(address, "AWS::EC2::VPNGateway", p);
        let p = Fields::new()
            .with("VpcId", Value::Id(self.vpc.clone()))
            .with("VpnGatewayId", Value::Id(address.clone()));
        t.extra(address, "Attachment", "AWS::EC2::VPCGatewayAttachment", p);
    }

    fn terraform(&self, address: &Address, _: &mut Configuration, _: &Index) -> Body {
        let mut b = Body::new();
        b.set("vpc_id", Value::Id(self.vpc.clone()))
            .set(
                "amazon_side_asn",
                Value::str(self.amazon_side_asn.to_string()),
            )
            .set("tags", super::terraform_tags(address, &self.tags));
        b
    }
}
