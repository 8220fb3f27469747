//! `db_instance`: `AWS::RDS::DBInstance`; `aws_db_instance`. The master
//! user is `dbadmin` with its password kept by RDS in Secrets Manager
//! (skyplan describes networks, not credentials).

use super::prelude::*;

/// The master user name every engine takes.
const MASTER_USER: &str = "dbadmin";

impl ExportKind for attrs::DbInstance {
    const TERRAFORM: &'static str = "aws_db_instance";

    fn cloudformation(&self, address: &Address, t: &mut Template, _: &Index) {
        // Its identifier is the resource's name (RDS keeps it in lower case).
        let mut p = Fields::new();
        p.set(
            "DBInstanceIdentifier",
            Value::str(address.name.to_lowercase()),
        )
        .set("Engine", Value::str(&self.engine))
        .set("DBInstanceClass", Value::str(&self.instance_class))
        .set(
            "AllocatedStorage",
            Value::str(self.allocated_storage.to_string()),
        )
        .set("StorageType", Value::str(&self.storage_type))
        .set("DBSubnetGroupName", Value::Id(self.subnet_group.clone()))
        .set("Port", Value::str(self.port.to_string()))
        .set("MultiAZ", Value::Bool(self.multi_az))
        .set("PubliclyAccessible", Value::Bool(self.publicly_accessible))
        .set("MasterUsername", Value::str(MASTER_USER))
        .set("ManageMasterUserPassword", Value::Bool(true));
        if let Some(zone) = &self.availability_zone {
            p.set("AvailabilityZone", Value::str(zone));
        }
        if let Some(iops) = self.iops {
            p.set("Iops", Value::Int(i64::try_from(iops).unwrap_or(i64::MAX)));
        }
        if !self.security_groups.is_empty() {
            p.set("VPCSecurityGroups", Value::ids(&self.security_groups));
        }
        p.set("Tags", Template::tags(address, &self.tags));
        t.main(address, "AWS::RDS::DBInstance", p);
    }

    fn terraform(&self, address: &Address, _: &mut Configuration, _: &Index) -> Body {
        let name = address.name.to_lowercase();
        let mut b = Body::new();
        b.set("identifier", Value::str(&name))
            .set("engine", Value::str(&self.engine))
            .set("instance_class", Value::str(&self.instance_class))
            .set(
                "allocated_storage",
                Value::Int(i64::try_from(self.allocated_storage).unwrap_or(i64::MAX)),
            )
            .set("storage_type", Value::str(&self.storage_type))
            .maybe(
                "iops",
                self.iops
                    .map(|i| Value::Int(i64::try_from(i).unwrap_or(i64::MAX))),
            )
            .set("db_subnet_group_name", Value::Id(self.subnet_group.clone()))
            .set("port", Value::Int(i64::from(self.port)))
            .set("multi_az", Value::Bool(self.multi_az))
            .maybe(
                "availability_zone",
                self.availability_zone.as_deref().map(Value::str),
            )
            .set("publicly_accessible", Value::Bool(self.publicly_accessible))
            .set("username", Value::str(MASTER_USER))
            .set("manage_master_user_password", Value::Bool(true))
            // Destroying it keeps a snapshot, as CloudFormation does.
            .set(
                "final_snapshot_identifier",
                Value::str(format!("{name}-final")),
            );
        if !self.security_groups.is_empty() {
            b.set("vpc_security_group_ids", Value::ids(&self.security_groups));
        }
        b.set("tags", super::terraform_tags(address, &self.tags));
        b
    }
}
