//! `default_security_group`: a VPC's own group, which CloudFormation
//! cannot manage (noted); `aws_default_security_group`, which takes it
//! over with exactly these rules.

use super::prelude::*;
use super::security_group::terraform_inline;

impl ExportKind for attrs::DefaultSecurityGroup {
    const TERRAFORM: &'static str = "aws_default_security_group";

    fn cloudformation(&self, address: &Address, t: &mut Template, _: &Index) {
        t.note(
            address,
            "CloudFormation cannot manage a VPC's default security group: its rules are not in the template (AWS's defaults stay: all traffic between its members, everything out)",
        );
    }

    fn terraform(&self, address: &Address, _: &mut Configuration, _: &Index) -> Body {
        let mut b = Body::new();
        b.set("vpc_id", Value::Id(self.vpc.clone()))
            .set("tags", super::terraform_tags(address, &self.tags));
        for rule in &self.ingress {
            b.block("ingress", terraform_inline(address, rule));
        }
        for rule in &self.egress {
            b.block("egress", terraform_inline(address, rule));
        }
        b
    }
}
