//! `db_subnet_group`: its kind-table entry (`SCHEMA`), its declaration and their decoder.

use super::prelude::*;

pub(crate) const SCHEMA: KindSchema = KindSchema {
    kind: Kind::DbSubnetGroup,
    doc: "An RDS DB subnet group: the subnets, of one VPC and at least two AZs, a database may be placed in.",
    id_prefix: "arn:aws:rds",
    attributes: ATTRIBUTES,
    computed: &[],
};

declaration! {
    /// A DB subnet group (see `SCHEMA`).
    DbSubnetGroupSpec {
        subnets: req_names(Subnet)
            "Its subnets: of one VPC, covering at least two availability zones.",
        description: str(String) = "Managed by skyplan" "What it is for, up to 255 characters.",
    }
}
