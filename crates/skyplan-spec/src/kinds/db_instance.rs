//! `db_instance`: its kind-table entry (`SCHEMA`), its declaration and their decoder.

use super::prelude::*;

pub(crate) const SCHEMA: KindSchema = KindSchema {
    kind: Kind::DbInstance,
    doc: "An RDS DB instance (not Aurora: its clusters are not DB instances) in a DB subnet group. The resource name is its identifier: a letter, then letters, digits and single hyphens, at most 63. RDS picks the subnet, in `availability_zone` when given; `reach` asks about every subnet it may pick. Its engine and AZ are fixed; class, storage, port, groups and Multi-AZ change in place.",
    id_prefix: "arn:aws:rds",
    attributes: ATTRIBUTES,
    computed: &[computed(
        "endpoint",
        "`NAME.HEX.REGION.rds.amazonaws.com`: the DNS name clients connect to.",
    )],
};

declaration! {
    /// A DB instance (see `SCHEMA`).
    DbInstanceSpec {
        engine: req_word<DbEngine> force_new
            "postgres, mysql, mariadb, oracle-ee, oracle-se2, or sqlserver-ee/-se/-ex/-web.",
        instance_class: req_str(String) "Its class, `db.` then family and size: `db.t3.micro`.",
        subnet_group: req_name(DbSubnetGroup) "The DB subnet group it is placed in.",
        security_groups: names(SecurityGroup)
            "Its groups, of the subnet group's VPC (the VPC's default group when absent).",
        port: uint(1150, 65535)
            "The port it listens on: 1150-65535 (the engine's own when absent: 5432, 3306, 1521 or 1433).",
        multi_az: bool = "false" "A standby in another AZ, which RDS fails over to.",
        availability_zone: str(String) force_new
            "The AZ of a single-AZ database (RDS picks one of the group's when absent).",
        publicly_accessible: bool = "false"
            "A public address (it answers from the internet only in subnets routed to an internet gateway).",
        allocated_storage: uint(5, 65536) = "20" "Its storage, in GiB; it can only grow.",
        storage_type: choice("gp2", "gp3", "io1", "io2", "standard") = "gp3"
            "General purpose SSD (gp2, gp3), provisioned IOPS SSD (io1, io2), or magnetic (standard).",
        iops: uint(1000, 256_000) "Provisioned IOPS: required for io1 and io2.",
    }
}
