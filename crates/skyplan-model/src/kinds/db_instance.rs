//! `db_instance`: the resolved kind, its resolver and its graph edges.

use super::prelude::*;

/// An RDS DB instance.
#[derive(Clone, Debug, PartialEq)]
pub struct DbInstance {
    pub common: Common,
    pub engine: Sp<DbEngine>,
    pub instance_class: Sp<String>,
    pub subnet_group: Ref<DbSubnetGroup>,
    pub security_groups: Vec<Ref<SecurityGroup>>,
    /// As written; [`DbInstance::port`] is the one it listens on.
    pub port: Option<Sp<u64>>,
    pub multi_az: Option<Sp<bool>>,
    pub availability_zone: Option<Sp<String>>,
    pub publicly_accessible: Option<Sp<bool>>,
    pub allocated_storage: Option<Sp<u64>>,
    pub storage_type: Option<Sp<String>>,
    pub iops: Option<Sp<u64>>,
}

impl DbInstance {
    /// The port it listens on: as written, else its engine's.
    pub fn port(&self) -> u16 {
        self.port
            .as_ref()
            .and_then(|p| u16::try_from(p.value).ok())
            .unwrap_or_else(|| self.engine.value.default_port())
    }

    pub fn multi_az(&self) -> bool {
        Kind::DbInstance
            .schema()
            .or_default(self.multi_az.as_ref(), "multi_az")
    }

    pub fn publicly_accessible(&self) -> bool {
        Kind::DbInstance
            .schema()
            .or_default(self.publicly_accessible.as_ref(), "publicly_accessible")
    }

    /// Its storage in GiB: as written, else the kind table's default.
    pub fn allocated_storage(&self) -> u64 {
        Kind::DbInstance
            .schema()
            .or_default(self.allocated_storage.as_ref(), "allocated_storage")
    }

    pub fn storage_type(&self) -> String {
        Kind::DbInstance
            .schema()
            .or_default(self.storage_type.as_ref(), "storage_type")
    }
}

impl Model {
    /// The subnets RDS may place `id` in: its group's, in its
    /// `availability_zone` when it names one the group covers.
    pub fn db_placements(&self, id: DbInstanceId) -> Vec<SubnetId> {
        let db = &self.db_instances[id];
        let subnets = self.db_subnet_groups[db.subnet_group.id].subnets.iter();
        let all: Vec<SubnetId> = subnets.map(|s| s.id).collect();
        let Some(zone) = &db.availability_zone else {
            return all;
        };
        let inside: Vec<SubnetId> = all
            .iter()
            .copied()
            .filter(|s| self.subnets[*s].az.value == zone.value)
            .collect();
        // An AZ the group does not cover is refused (DB005): nothing to
        // narrow to.
        if inside.is_empty() { all } else { inside }
    }
}

impl Resolver<'_> {
    pub(crate) fn db_instances(&mut self, m: &mut Model, decls: Vec<Decl<DbInstanceSpec>>) {
        for d in decls {
            let Some(a) = d.attrs else { continue };
            let common = self.common(Kind::DbInstance, d.name, &d.tags);
            let from = common.address.clone();
            let group = self.lookup::<DbSubnetGroup>(&a.subnet_group, "subnet_group", &from);
            let groups =
                self.lookup_all::<SecurityGroup>(&a.security_groups, "security_groups", &from);
            let Some(subnet_group) = group else { continue };
            if groups.len() != a.security_groups.len() {
                continue;
            }
            self.register(Kind::DbInstance, &common, m.db_instances.len());
            m.db_instances.push(DbInstance {
                common,
                engine: a.engine,
                instance_class: a.instance_class,
                subnet_group,
                security_groups: groups,
                port: a.port,
                multi_az: a.multi_az,
                availability_zone: a.availability_zone,
                publicly_accessible: a.publicly_accessible,
                allocated_storage: a.allocated_storage,
                storage_type: a.storage_type,
                iops: a.iops,
            });
        }
    }
}

/// RDS's network interfaces are its own, placed when it picks a subnet:
/// `reach` gives each subnet it may pick an address of its own (see
/// `skyplan-reach`'s `addresses`), and the pools are left to the kinds
/// whose addresses apply allocates.
pub(crate) fn takes(_: &Model, _: DbInstanceId) -> Takes {
    Takes::Nothing
}

/// Its references, one edge each.
pub(crate) fn edges(m: &Model, g: &mut DependencyGraph) {
    for (i, r) in m.db_instances.iter().enumerate() {
        let me = node(Kind::DbInstance, i);
        depends(g, me, r.subnet_group, "subnet_group");
        for sg in &r.security_groups {
            depends(g, me, *sg, "security_groups");
        }
    }
}
