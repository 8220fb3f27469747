//! `elastic_ip`: `AWS::EC2::EIP` in the VPC domain; `aws_eip`. What it is
//! associated with says so itself (a NAT gateway, an instance).

use super::prelude::*;

impl ExportKind for attrs::ElasticIp {
    const TERRAFORM: &'static str = "aws_eip";

    fn cloudformation(&self, address: &Address, t: &mut Template, _: &Index) {
        let p = Fields::new()
            .with("Domain", Value::str("vpc"))
            .with("Tags", Template::tags(address, &self.tags));
        t.main(address, "AWS::EC2::EIP", p);
    }

    fn terraform(&self, address: &Address, _: &mut Configuration, _: &Index) -> Body {
        let mut b = Body::new();
        b.set("domain", Value::str("vpc"))
            .set("tags", super::terraform_tags(address, &self.tags));
        b
    }
}
