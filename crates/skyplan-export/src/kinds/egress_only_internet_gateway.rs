//! `egress_only_internet_gateway`: `AWS::EC2::EgressOnlyInternetGateway`;
//! `aws_egress_only_internet_gateway`.

use super::prelude::*;

impl ExportKind for attrs::EgressOnlyInternetGateway {
    const TERRAFORM: &'static str = "aws_egress_only_internet_gateway";

    fn cloudformation(&self, address: &Address, t: &mut Template, _: &Index) {
        let p = Fields::new()
            .with("VpcId", Value::Id(self.vpc.clone()))
            .with("Tags", Template::tags(address, &self.tags));
        t.main(address, "AWS::EC2::EgressOnlyInternetGateway", p);
    }

    fn terraform(&self, address: &Address, _: &mut Configuration, _: &Index) -> Body {
        let mut b = Body::new();
        b.set("vpc_id", Value::Id(self.vpc.clone()))
            .set("tags", super::terraform_tags(address, &self.tags));
        b
    }
}
