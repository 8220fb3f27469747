//! `db_subnet_group`: `AWS::RDS::DBSubnetGroup`; `aws_db_subnet_group`.

use super::prelude::*;

impl ExportKind for attrs::DbSubnetGroup {
    const TERRAFORM: &'static str = "aws_db_subnet_group";

    fn cloudformation(&self, address: &Address, t: &mut Template, _: &Index) {
        let p = Fields::new()
            .with("DBSubnetGroupDescription", Value::str(&self.description))
            .with("SubnetIds", Value::ids(&self.subnets))
            .with("Tags", Template::tags(address, &self.tags));
        t.main(address, "AWS::RDS::DBSubnetGroup", p);
    }

    fn terraform(&self, address: &Address, _: &mut Configuration, _: &Index) -> Body {
        let mut b = Body::new();
        b.set("description", Value::str(&self.description))
            .set("subnet_ids", Value::ids(&self.subnets))
            .set("tags", super::terraform_tags(address, &self.tags));
        b
    }
}
