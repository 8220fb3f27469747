//! `db_subnet_group`: `AWS::RDS::DBSubnetGroup`; `aws_db_subnet_group`.

use super::prelude::*;

impl ExportKind for attrs::DbSubnetGroup {
    const TERRAFORM: &'static str = "aws_db_subnet_group";

    fn cloudformation(&self, address: &Address, t: &mut Template, _: &Index) {
        // Its AWS name is the resource's (RDS keeps names in lower case).
        let p = Fields::new()
            .with("DBSubnetGroupName", Value::str(address.name.to_lowercase()))
            .with("DBSubnetGroupDescription", Value::str(&self.description))
            .with("SubnetIds", Value::ids(&self.subnets))
            .with("Tags", Template::tags(address, &self.tags));
        t.main(address, "AWS::RDS::DBSubnetGroup", p);
    }

    fn terraform(&self, address: &Address, _: &mut Configuration, _: &Index) -> Body {
        let mut b = Body::new();
        b.set("name", Value::str(address.name.to_lowercase()))
            .set("description", Value::str(&self.description))
            .set("subnet_ids", Value::ids(&self.subnets))
            .set("tags", super::terraform_tags(address, &self.tags));
        b
    }
}
