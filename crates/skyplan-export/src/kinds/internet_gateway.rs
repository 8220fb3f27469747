//! `internet_gateway`: `AWS::EC2::InternetGateway` and its
//! `AWS::EC2::VPCGatewayAttachment` (what public addresses and routes to
//! it wait for); `aws_internet_gateway`.

use super::prelude::*;

impl ExportKind for attrs::InternetGateway {
    const TERRAFORM: &'static str = "aws_internet_gateway";

    fn cloudformation(&self, address: &Address, t: &mut Template, _: &Index) {
        let p = Fields::new().with("Tags", Template::tags(address, &self.tags));
        t.main(address, "AWS::EC2::InternetGateway", p);
        let p = Fields::new()
            .with("VpcId", Value::Id(self.vpc.clone()))
            .with("InternetGatewayId", Value::Id(address.clone()));
        t.extra(address, "Attachment", "AWS::EC2::VPCGatewayAttachment", p);
    }

    fn terraform(&self, address: &Address, _: &mut Configuration, _: &Index) -> Body {
        let mut b = Body::new();
        b.set("vpc_id", Value::Id(self.vpc.clone()))
            .set("tags", super::terraform_tags(address, &self.tags));
        b
    }
}

/// The attachment of the internet gateway a resource in `vpc` needs before
/// it can have a public address or route (CloudFormation's advice for
/// EIPs, NAT gateways and internet-facing load balancers).
pub(crate) fn attachment_of(t: &mut Template, gateway: Option<&Address>) -> Option<String> {
    gateway.map(|g| t.extra_id(g, "Attachment"))
}
