//! DB004-DB009 and the RDS instance quota: DB instances.

use std::collections::HashMap;

use skyplan_diagnostics::{Diagnostic, Rule};
use skyplan_facts::quotas::DB_INSTANCES_PER_REGION;
use skyplan_model::{DbInstance, DbInstanceId, Model, VpcId, with_ids};
use skyplan_spec::{DbEngine, Kind, Word};

use crate::Checker;
use crate::gateway::has_default_igw_route;
use crate::quota::over_quota_by;

/// The ports RDS keeps for SQL Server itself.
const SQL_SERVER_PORTS: &[(u64, u64)] = &[
    (1234, 1234),
    (1434, 1434),
    (3260, 3260),
    (3343, 3343),
    (3389, 3389),
    (47001, 47001),
    (49152, 49156),
];

/// The longest identifier RDS takes.
const MAX_IDENTIFIER: usize = 63;

pub(crate) fn check(c: &mut Checker) {
    for (id, db) in with_ids(&c.model.db_instances) {
        port(c, db);
        placement(c, db);
        storage(c, db);
        groups(c, db);
        public_subnets(c, id, db);
        identifier(c, db);
    }
    same_identifiers(c);
    let m = c.model;
    over_quota_by(
        c,
        DB_INSTANCES_PER_REGION,
        m.db_instances
            .iter()
            .filter_map(|d| Some((region(m, d)?, &d.common))),
        |r| r.to_string(),
    );
}

/// The VPC of its subnet group (its first subnet's: DB002 holds the rest).
fn vpc_of(m: &Model, db: &DbInstance) -> Option<VpcId> {
    let group = &m.db_subnet_groups[db.subnet_group.id];
    group.subnets.first().map(|s| m.subnet_vpc(s.id))
}

fn region<'m>(m: &'m Model, db: &DbInstance) -> Option<&'m str> {
    let vpc = vpc_of(m, db)?;
    m.vpcs[vpc].region.as_ref().map(|r| r.value.as_str())
}

/// DB004.
fn port(c: &mut Checker, db: &DbInstance) {
    let Some(port) = &db.port else { return };
    let kept = SQL_SERVER_PORTS
        .iter()
        .any(|(lo, hi)| (*lo..=*hi).contains(&port.value));
    if !db.engine.value.is_sql_server() || !kept {
        return;
    }
    let address = &db.common.address;
    c.push(
        Diagnostic::new(
            Rule::DbInstancePort,
            format!(
                "{address} listens on {}, a port SQL Server keeps",
                port.value
            ),
        )
        .detail("RDS refuses 1234, 1434, 3260, 3343, 3389, 47001 and 49152-49156 for SQL Server")
        .resource(address)
        .at(port.span, "kept by SQL Server")
        .help("use another port, or leave `port` out for 1433"),
    );
}

/// DB005.
fn placement(c: &mut Checker, db: &DbInstance) {
    let m = c.model;
    let address = &db.common.address;
    let multi_az = db.multi_az.as_ref().filter(|x| x.value);
    if let (Some(zone), Some(multi)) = (&db.availability_zone, multi_az) {
        c.push(
            Diagnostic::new(
                Rule::DbInstancePlacement,
                format!("{address} is Multi-AZ and names {}", zone.value),
            )
            .detail("RDS picks a Multi-AZ database's AZs itself and refuses a named one (InvalidParameterCombination)")
            .resource(address)
            .at(zone.span, "a named AZ")
            .related(multi.span, "Multi-AZ")
            .help("drop `availability_zone`, or `multi_az`"),
        );
    } else if let Some(zone) = &db.availability_zone {
        let group = &m.db_subnet_groups[db.subnet_group.id];
        let covered = group
            .subnets
            .iter()
            .any(|s| m.subnets[s.id].az.value == zone.value);
        if !covered && m.complete(&[Kind::Subnet]) {
            c.push(
                Diagnostic::new(
                    Rule::DbInstancePlacement,
                    format!(
                        "{address} names {}, where {} has no subnet",
                        zone.value, group.common.address
                    ),
                )
                .detail("RDS places a database in a subnet of its group, in the AZ asked for (InvalidParameterCombination)")
                .resource(address)
                .resource(&group.common.address)
                .at(zone.span, "no subnet of the group here")
                .related(db.subnet_group.span, "its subnet group")
                .help("name an AZ of one of the group's subnets, or leave it to RDS"),
            );
        }
    }
    if let (DbEngine::SqlserverEx, Some(multi)) = (db.engine.value, multi_az) {
        c.push(
            Diagnostic::new(
                Rule::DbInstancePlacement,
                format!("{address} is SQL Server Express and Multi-AZ"),
            )
            .detail("SQL Server Express does not support Multi-AZ (InvalidParameterCombination)")
            .resource(address)
            .at(multi.span, "Multi-AZ")
            .related(db.engine.span, "SQL Server Express")
            .help("use another SQL Server edition, or `multi_az: false`"),
        );
    }
}

/// The sizes, in GiB, RDS takes for an engine and storage type.
fn storage_range(engine: DbEngine, storage_type: &str) -> (u64, u64) {
    let sql_server = engine.is_sql_server();
    match storage_type {
        "io1" | "io2" if sql_server => (20, 65_536),
        "io1" | "io2" => (100, 65_536),
        "standard" if sql_server => (20, 1_024),
        "standard" => (5, 3_072),
        _ => (20, 65_536),
    }
}

/// DB006.
fn storage(c: &mut Checker, db: &DbInstance) {
    let address = &db.common.address;
    let storage_type = db.storage_type();
    let size = db.allocated_storage();
    let (lo, hi) = storage_range(db.engine.value, &storage_type);
    let type_span = db.storage_type.as_ref().map(|t| t.span);
    let at = db
        .allocated_storage
        .as_ref()
        .map(|a| a.span)
        .or(type_span)
        .unwrap_or(db.common.name.span);
    if !(lo..=hi).contains(&size) {
        c.push(
            Diagnostic::new(
                Rule::DbInstanceStorage,
                format!(
                    "{address} has {size} GiB of {storage_type}; {} takes {lo}-{hi} GiB of it",
                    db.engine.value.as_str()
                ),
            )
            .detail("RDS refuses storage outside the engine's range for the type (InvalidParameterValue)")
            .resource(address)
            .at(at, "out of range")
            .help(format!("give `allocated_storage` of {lo} to {hi}")),
        );
    }
    let provisioned = matches!(storage_type.as_str(), "io1" | "io2");
    let plain = matches!(storage_type.as_str(), "gp2" | "standard");
    let gp3_from = db.engine.value.gp3_iops_from();
    let small_gp3 = storage_type == "gp3" && size < gp3_from;
    let problem = match (&db.iops, provisioned, plain) {
        (Some(iops), false, false) if small_gp3 => Some((
            format!(
                "{address} gives `iops` to {size} GiB of gp3; {} takes them from {gp3_from} GiB",
                db.engine.value.as_str()
            ),
            "below that size gp3 has its 3,000 IOPS baseline and RDS refuses more (InvalidParameterCombination)",
            iops.span,
            "not taken at this size",
        )),
        (None, true, _) => Some((
            format!("{address} has {storage_type} storage without `iops`"),
            "provisioned IOPS storage needs its IOPS (InvalidParameterCombination)",
            type_span.unwrap_or(db.common.name.span),
            "io1/io2 without iops",
        )),
        (Some(iops), _, true) => Some((
            format!("{address} gives `iops` to {storage_type} storage"),
            "gp2 and magnetic storage take no provisioned IOPS (InvalidParameterCombination)",
            iops.span,
            "not taken by this type",
        )),
        _ => None,
    };
    if let Some((message, detail, span, label)) = problem {
        c.push(
            Diagnostic::new(Rule::DbInstanceStorage, message)
                .detail(detail)
                .resource(address)
                .at(span, label)
                .help(format!(
                    "give `iops` exactly for io1 and io2, and for gp3 from {gp3_from} GiB"
                )),
        );
    }
}

/// DB007.
fn groups(c: &mut Checker, db: &DbInstance) {
    let m = c.model;
    let Some(vpc) = vpc_of(m, db) else { return };
    let address = &db.common.address;
    for g in &db.security_groups {
        let group = &m.security_groups[g.id];
        if group.vpc.id == vpc {
            continue;
        }
        c.push(
            Diagnostic::new(
                Rule::DbInstanceSecurityGroupVpc,
                format!(
                    "{address} is in {}, but {} is of {}",
                    m.vpcs[vpc].common.address,
                    group.common.address,
                    m.vpcs[group.vpc.id].common.address
                ),
            )
            .detail("RDS refuses security groups of another VPC than the subnet group's (InvalidParameterCombination)")
            .resource(address)
            .resource(&group.common.address)
            .at(g.span, "group of another VPC")
            .related(db.subnet_group.span, "its subnet group")
            .help("use groups of the subnet group's VPC"),
        );
    }
}

/// DB008: the first subnet it may be placed in without an internet route.
fn public_subnets(c: &mut Checker, id: DbInstanceId, db: &DbInstance) {
    let m = c.model;
    let Some(public) = db.publicly_accessible.as_ref().filter(|p| p.value) else {
        return;
    };
    if !m.complete(&[Kind::RouteTable, Kind::InternetGateway, Kind::Subnet]) {
        return;
    }
    let Some(&subnet) = m
        .db_placements(id)
        .iter()
        .find(|s| !has_default_igw_route(m, **s))
    else {
        return;
    };
    let address = &db.common.address;
    let subnet = &m.subnets[subnet].common.address;
    c.push(
        Diagnostic::new(
            Rule::DbInstancePublicSubnet,
            format!("{address} is publicly accessible, but RDS may place it in {subnet}, which does not route 0.0.0.0/0 to an internet gateway"),
        )
        .detail("placed there, it has a public address that answers nothing from the internet")
        .resource(address)
        .resource(subnet)
        .at(public.span, "publicly accessible")
        .related(db.subnet_group.span, "its subnet group")
        .help("use a subnet group of public subnets, or `publicly_accessible: false`"),
    );
}

/// Why RDS refuses an identifier.
fn identifier_problem(name: &str) -> Option<&'static str> {
    let first = name.chars().next()?;
    if !first.is_ascii_alphabetic() {
        Some("it starts with other than a letter")
    } else if name.len() > MAX_IDENTIFIER {
        Some("it is longer than 63 characters")
    } else if !name
        .chars()
        .all(|ch| ch.is_ascii_alphanumeric() || ch == '-')
    {
        Some("it has characters other than letters, digits and hyphens")
    } else if name.contains("--") {
        Some("it has two hyphens in a row")
    } else if name.ends_with('-') {
        Some("it ends with a hyphen")
    } else {
        None
    }
}

/// DB009: the identifier itself.
fn identifier(c: &mut Checker, db: &DbInstance) {
    let name = &db.common.name;
    let Some(why) = identifier_problem(&name.value) else {
        return;
    };
    let address = &db.common.address;
    c.push(
        Diagnostic::new(
            Rule::DbInstanceIdentifier,
            format!("{address} is not an identifier RDS takes: {why}"),
        )
        .detail("RDS refuses it (InvalidParameterValue)")
        .resource(address)
        .at(name.span, why)
        .help("start with a letter; use letters, digits and single hyphens, at most 63"),
    );
}

/// DB009: identifiers RDS takes for one (it lower-cases them), per region.
fn same_identifiers(c: &mut Checker) {
    let m = c.model;
    let mut first: HashMap<(Option<&str>, String), &DbInstance> = HashMap::new();
    for db in &m.db_instances {
        let key = (region(m, db), db.common.name.value.to_lowercase());
        let Some(earlier) = first.get(&key) else {
            first.insert(key, db);
            continue;
        };
        let address = &db.common.address;
        c.push(
            Diagnostic::new(
                Rule::DbInstanceIdentifier,
                format!(
                    "{address} is {} for RDS, which keeps identifiers in lower case",
                    earlier.common.address
                ),
            )
            .detail("RDS refuses a second database of one identifier in a region (DBInstanceAlreadyExists)")
            .resource(address)
            .resource(&earlier.common.address)
            .at(db.common.name.span, "the same identifier but for case")
            .related(earlier.common.name.span, "the first of that identifier")
            .help("give each database an identifier of its own"),
        );
    }
}
