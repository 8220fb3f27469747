//! `default_network_acl`: a VPC's own ACL, which CloudFormation cannot
//! manage (noted); `aws_default_network_acl`, which takes it over with
//! exactly these entries.

use super::network_acl::terraform_entry;
use super::prelude::*;

impl ExportKind for attrs::DefaultNetworkAcl {
    const TERRAFORM: &'static str = "aws_default_network_acl";

    fn cloudformation(&self, address: &Address, t: &mut Template, _: &Index) {
        t.note(
            address,
            "CloudFormation cannot manage a VPC's default network ACL: its entries are not in the template (AWS's defaults stay: everything allowed both ways)",
        );
    }

    fn terraform(&self, address: &Address, _: &mut Configuration, _: &Index) -> Body {
        let mut b = Body::new();
        b.set(
            "default_network_acl_id",
            Value::Attr {
                of: self.vpc.clone(),
                cloudformation: "DefaultNetworkAcl",
                terraform: "default_network_acl_id",
            },
        )
        .set("tags", super::terraform_tags(address, &self.tags));
        for e in &self.ingress {
            b.block("ingress", terraform_entry(e));
        }
        for e in &self.egress {
            b.block("egress", terraform_entry(e));
        }
        b
    }
}
