//! Transit gateways and their VPC attachments, VPN (customer gateways,
//! virtual private gateways, connections), flow logs, DB subnet groups and
//! DB instances.

use skyplan_spec::{DbEngine, Word};

use super::*;

/// AWS's `enable`/`disable` as a spec boolean.
fn enabled(v: Option<&str>) -> Option<bool> {
    v.map(|v| v == "enable")
}

/// A boolean option written when it differs from the spec's default.
fn option(f: &mut Vec<(String, Yaml)>, key: &str, value: Option<bool>, default: bool) {
    if let Some(v) = value.filter(|v| *v != default) {
        f.push((key.into(), Yaml::Bool(v)));
    }
}

/// Whether a record's state is one of the gone ones.
fn gone(state: Option<&str>) -> bool {
    matches!(state, Some("deleted" | "deleting" | "failed" | "rejected"))
}

impl Builder<'_> {
    pub(super) fn transit_gateways(&mut self) -> Result<(), ImportError> {
        const FILE: &str = "describe-transit-gateway-vpc-attachments.json";
        let s = self.s;
        for t in sorted(&s.transit_gateways, |t| &t.transit_gateway_id) {
            if gone(t.state.as_deref()) {
                self.skipped.insert(t.transit_gateway_id.clone());
                continue;
            }
            let o = &t.options;
            let mut f = Vec::new();
            if let Some(d) = t.description.as_deref().filter(|d| !d.is_empty()) {
                f.push(("description".to_string(), Yaml::str(d)));
            }
            if let Some(asn) = o.amazon_side_asn.filter(|a| *a != 64512) {
                f.push(("amazon_side_asn".into(), Yaml::Int(asn)));
            }
            option(
                &mut f,
                "default_route_table_association",
                enabled(o.default_route_table_association.as_deref()),
                true,
            );
            option(
                &mut f,
                "default_route_table_propagation",
                enabled(o.default_route_table_propagation.as_deref()),
                true,
            );
            option(
                &mut f,
                "dns_support",
                enabled(o.dns_support.as_deref()),
                true,
            );
            option(
                &mut f,
                "vpn_ecmp_support",
                enabled(o.vpn_ecmp_support.as_deref()),
                true,
            );
            option(
                &mut f,
                "auto_accept_shared_attachments",
                enabled(o.auto_accept_shared_attachments.as_deref()),
                false,
            );
            option(
                &mut f,
                "multicast_support",
                enabled(o.multicast_support.as_deref()),
                false,
            );
            if !o.transit_gateway_cidr_blocks.is_empty() {
                f.push((
                    "cidr_blocks".into(),
                    Yaml::strs(o.transit_gateway_cidr_blocks.iter().cloned()),
                ));
            }
            self.declare(Kind::TransitGateway, &t.transit_gateway_id, &t.tags, f);
        }
        for a in sorted(&s.transit_gateway_attachments, |a| {
            &a.transit_gateway_attachment_id
        }) {
            let id = &a.transit_gateway_attachment_id;
            if gone(a.state.as_deref()) || self.in_skipped_vpc(&a.vpc_id) {
                self.skipped.insert(id.clone());
                continue;
            }
            let (Some(gateway), Some(vpc)) = (
                self.reference(FILE, id, "transit gateway", &a.transit_gateway_id)?,
                self.reference(FILE, id, "VPC", &a.vpc_id)?,
            ) else {
                continue;
            };
            let mut subnets = Vec::new();
            for x in &a.subnet_ids {
                subnets.extend(self.reference(FILE, id, "subnet", x)?);
            }
            subnets.sort();
            let mut f = vec![
                ("transit_gateway".to_string(), Yaml::str(gateway)),
                ("vpc".into(), Yaml::str(vpc)),
                ("subnets".into(), Yaml::strs(subnets)),
            ];
            let o = &a.options;
            option(
                &mut f,
                "appliance_mode",
                enabled(o.appliance_mode_support.as_deref()),
                false,
            );
            option(
                &mut f,
                "dns_support",
                enabled(o.dns_support.as_deref()),
                true,
            );
            option(
                &mut f,
                "ipv6_support",
                enabled(o.ipv6_support.as_deref()),
                false,
            );
            self.declare(Kind::TransitGatewayAttachment, id, &a.tags, f);
        }
        Ok(())
    }

    /// A transit gateway's own route tables (its default table is its
    /// options): what each associates and propagates, and its static
    /// routes.
    pub(super) fn transit_gateway_route_tables(&mut self) -> Result<(), ImportError> {
        const FILE: &str = "describe-transit-gateway-route-tables.json";
        let s = self.s;
        for t in sorted(&s.transit_gateway_route_tables, |t| {
            &t.transit_gateway_route_table_id
        }) {
            let id = &t.transit_gateway_route_table_id;
            let contents = (s.transit_gateway_route_table_contents.iter())
                .find(|c| c.transit_gateway_route_table_id == *id);
            if gone(t.state.as_deref()) || self.skipped.contains(&t.transit_gateway_id) {
                continue;
            }
            if t.default_association_route_table || t.default_propagation_route_table {
                if contents.is_some_and(|c| !c.routes.is_empty()) {
                    note(
                        &mut self.notes,
                        id,
                        "static routes in a transit gateway's default route table, which specs cannot say (give the gateway a table of its own): left out",
                    );
                }
                continue;
            }
            let Some(gateway) =
                self.reference(FILE, id, "transit gateway", &t.transit_gateway_id)?
            else {
                continue;
            };
            let mut f = vec![("transit_gateway".to_string(), Yaml::str(gateway))];
            if let Some(c) = contents {
                self.route_table_members(id, "associations", &c.associations, &mut f)?;
                self.route_table_members(id, "propagations", &c.propagations, &mut f)?;
                let routes = self.transit_routes(id, &c.routes)?;
                if !routes.is_empty() {
                    f.push(("routes".into(), Yaml::List(routes)));
                }
            }
            self.declare(Kind::TransitGatewayRouteTable, id, &t.tags, f);
        }
        Ok(())
    }

    /// A table's members under `key` (VPC attachments) and `vpn_key` (VPN
    /// connections); other kinds of attachment are noted.
    fn route_table_members(
        &mut self,
        table: &str,
        key: &'static str,
        members: &[aws::TransitGatewayMember],
        f: &mut Vec<(String, Yaml)>,
    ) -> Result<(), ImportError> {
        const FILE: &str = "get-transit-gateway-route-table-contents.json";
        let (mut vpcs, mut vpns, mut dx) = (Vec::new(), Vec::new(), Vec::new());
        for m in members.iter().filter(|m| !gone(m.state.as_deref())) {
            match self.member(FILE, table, m)? {
                Some(Member::Attachment(name)) => vpcs.push(name),
                Some(Member::Vpn(name)) => vpns.push(name),
                Some(Member::DirectConnect(name)) => dx.push(name),
                None => {}
            }
        }
        for (prefix, mut names) in [("", vpcs), ("vpn_", vpns), ("dx_", dx)] {
            names.sort();
            if !names.is_empty() {
                f.push((format!("{prefix}{key}"), Yaml::strs(names)));
            }
        }
        Ok(())
    }

    /// The spec name of a route table's member: a VPC attachment by its
    /// id, a VPN connection by its resource; other kinds are noted.
    fn member(
        &mut self,
        file: &str,
        table: &str,
        m: &aws::TransitGatewayMember,
    ) -> Result<Option<Member>, ImportError> {
        match (
            m.resource_type.as_deref(),
            &m.transit_gateway_attachment_id,
            &m.resource_id,
        ) {
            (Some("vpc"), Some(a), _) => Ok(self
                .reference(file, table, "transit gateway attachment", a)?
                .map(Member::Attachment)),
            (Some("vpn"), _, Some(v)) => Ok(self
                .reference(file, table, "VPN connection", v)?
                .map(Member::Vpn)),
            (Some("direct-connect-gateway"), _, Some(x)) => Ok(self
                .reference(file, table, "Direct Connect gateway", x)?
                .map(Member::DirectConnect)),
            (other, ..) => {
                note(
                    &mut self.notes,
                    table,
                    format!(
                        "names a {} attachment, which specs cannot say yet (a peering, a Connect attachment): left out",
                        other.unwrap_or("typeless")
                    ),
                );
                Ok(None)
            }
        }
    }

    /// A table's static routes, sorted by destination.
    fn transit_routes(
        &mut self,
        table: &str,
        routes: &[aws::TransitGatewayRoute],
    ) -> Result<Vec<Yaml>, ImportError> {
        const FILE: &str = "get-transit-gateway-route-table-contents.json";
        let mut out: Vec<(String, Yaml)> = Vec::new();
        for r in routes {
            let (Some(destination), Some("static")) =
                (&r.destination_cidr_block, r.route_type.as_deref())
            else {
                continue;
            };
            let mut m = vec![("destination".to_string(), Yaml::str(destination))];
            if r.state.as_deref() == Some("blackhole") && r.transit_gateway_attachments.is_empty() {
                m.push(("blackhole".into(), Yaml::Bool(true)));
            } else {
                let [target] = r.transit_gateway_attachments.as_slice() else {
                    note(
                        &mut self.notes,
                        table,
                        format!(
                            "its static route to {destination} has not one target (ECMP): left out"
                        ),
                    );
                    continue;
                };
                match self.member(FILE, table, target)? {
                    Some(Member::Attachment(name)) => {
                        m.push(("attachment".into(), Yaml::str(name)))
                    }
                    Some(Member::Vpn(name)) => m.push(("vpn_connection".into(), Yaml::str(name))),
                    Some(Member::DirectConnect(name)) => {
                        m.push(("dx_gateway".into(), Yaml::str(name)))
                    }
                    None => continue,
                }
            }
            out.push((destination.clone(), Yaml::Map(m)));
        }
        out.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(out.into_iter().map(|(_, y)| y).collect())
    }

    /// Direct Connect gateways (global) with their associations to this
    /// region's gateways; one associated with none here is noted.
    pub(super) fn dx_gateways(&mut self) -> Result<(), ImportError> {
        const FILE: &str = "directconnect-describe-direct-connect-gateway-associations.json";
        let s = self.s;
        for g in sorted(&s.dx_gateways, |g| &g.direct_connect_gateway_id) {
            let id = &g.direct_connect_gateway_id;
            if g.direct_connect_gateway_state
                .as_deref()
                .is_some_and(|x| x.starts_with("delet"))
            {
                continue;
            }
            let mut associations: Vec<(String, Yaml)> = Vec::new();
            for a in (s.dx_gateway_associations.iter()).filter(|a| {
                a.direct_connect_gateway_id == *id
                    && !a
                        .association_state
                        .as_deref()
                        .is_some_and(|x| x.starts_with("disassociat"))
            }) {
                let Some(gateway) = &a.associated_gateway else {
                    continue;
                };
                let key = match gateway.gateway_type.as_deref() {
                    Some("transitGateway") => "transit_gateway",
                    Some("virtualPrivateGateway") => "vpn_gateway",
                    _ => continue,
                };
                // A gateway of another region (or account) is not in this
                // snapshot.
                if !self.named.contains_key(&gateway.id) {
                    note(
                        &mut self.notes,
                        id,
                        format!(
                            "its association with {}, which this region's snapshot does not hold: left out",
                            gateway.id
                        ),
                    );
                    continue;
                }
                let Some(name) = self.reference(FILE, id, "gateway", &gateway.id)? else {
                    continue;
                };
                let mut m = vec![(key.to_string(), Yaml::str(name.clone()))];
                let prefixes: Vec<&str> = (a.allowed_prefixes_to_direct_connect_gateway.iter())
                    .map(|p| p.cidr.as_str())
                    .collect();
                if !prefixes.is_empty() {
                    m.push(("allowed_prefixes".into(), Yaml::strs(prefixes)));
                }
                associations.push((name, Yaml::Map(m)));
            }
            if associations.is_empty() {
                self.skipped.insert(id.clone());
                note(
                    &mut self.notes,
                    id,
                    "a Direct Connect gateway associated with no gateway of this region: left out",
                );
                continue;
            }
            associations.sort_by(|a, b| a.0.cmp(&b.0));
            let mut f = Vec::new();
            if let Some(asn) = g.amazon_side_asn.filter(|a| *a != 64512) {
                f.push(("amazon_side_asn".to_string(), Yaml::Int(asn)));
            }
            f.push((
                "associations".into(),
                Yaml::List(associations.into_iter().map(|(_, y)| y).collect()),
            ));
            note(
                &mut self.notes,
                id,
                "describe-direct-connect-gateways gives no tags: its spec has none (add them if it has some)",
            );
            note(
                &mut self.notes,
                id,
                "AWS keeps no record of what the premises advertise over it: add those blocks as its `networks` for reachability",
            );
            // Its name is its AWS name (it has no tags in the describe).
            let tags: Vec<aws::Tag> = (g.direct_connect_gateway_name.iter())
                .map(|n| aws::Tag {
                    key: "Name".into(),
                    value: n.clone(),
                })
                .collect();
            self.declare(Kind::DxGateway, id, &tags, f);
        }
        Ok(())
    }

    pub(super) fn vpn(&mut self) -> Result<(), ImportError> {
        let s = self.s;
        for c in sorted(&s.customer_gateways, |c| &c.customer_gateway_id) {
            let id = &c.customer_gateway_id;
            if gone(c.state.as_deref()) {
                self.skipped.insert(id.clone());
                continue;
            }
            let Some(ip) = &c.ip_address else {
                note(
                    &mut self.notes,
                    id,
                    "a customer gateway without an IP address (a certificate-based one): left out",
                );
                continue;
            };
            let mut f = vec![("ip_address".to_string(), Yaml::str(ip))];
            if let Some(asn) = c
                .bgp_asn
                .as_deref()
                .and_then(|a| a.parse::<i64>().ok())
                .filter(|a| *a != 65000)
            {
                f.push(("bgp_asn".into(), Yaml::Int(asn)));
            }
            note(
                &mut self.notes,
                id,
                "AWS keeps no record of the networks behind a customer gateway: add them as its `networks` for reachability and overlap checks",
            );
            self.declare(Kind::CustomerGateway, id, &c.tags, f);
        }
        for g in sorted(&s.vpn_gateways, |g| &g.vpn_gateway_id) {
            let id = &g.vpn_gateway_id;
            if gone(g.state.as_deref()) {
                self.skipped.insert(id.clone());
                continue;
            }
            let attached = g
                .vpc_attachments
                .iter()
                .find(|a| matches!(a.state.as_deref(), None | Some("attached" | "attaching")));
            let Some(a) = attached else {
                self.skipped.insert(id.clone());
                note(
                    &mut self.notes,
                    id,
                    "a virtual private gateway attached to no VPC; skyplan's are attached to one: left out",
                );
                continue;
            };
            if self.in_skipped_vpc(&a.vpc_id) {
                self.skipped.insert(id.clone());
                continue;
            }
            let Some(vpc) = self.reference("describe-vpn-gateways.json", id, "VPC", &a.vpc_id)?
            else {
                continue;
            };
            let mut f = vec![("vpc".to_string(), Yaml::str(vpc))];
            if let Some(asn) = g.amazon_side_asn.filter(|a| *a != 64512) {
                f.push(("amazon_side_asn".into(), Yaml::Int(asn)));
            }
            self.declare(Kind::VpnGateway, id, &g.tags, f);
        }
        for v in sorted(&s.vpn_connections, |v| &v.vpn_connection_id) {
            self.vpn_connection(v)?;
        }
        Ok(())
    }

    fn vpn_connection(&mut self, v: &aws::VpnConnection) -> Result<(), ImportError> {
        const FILE: &str = "describe-vpn-connections.json";
        let id = &v.vpn_connection_id;
        if gone(v.state.as_deref()) {
            return Ok(());
        }
        let Some(customer) =
            self.reference(FILE, id, "customer gateway", &v.customer_gateway_id)?
        else {
            return Ok(());
        };
        let mut f = vec![("customer_gateway".to_string(), Yaml::str(customer))];
        let end = match (&v.vpn_gateway_id, &v.transit_gateway_id) {
            (Some(g), _) => self
                .reference(FILE, id, "VPN gateway", g)?
                .map(|n| ("vpn_gateway", n)),
            (None, Some(t)) => self
                .reference(FILE, id, "transit gateway", t)?
                .map(|n| ("transit_gateway", n)),
            (None, None) => {
                note(
                    &mut self.notes,
                    id,
                    "a VPN connection to neither a virtual private gateway nor a transit gateway (a Cloud WAN one): left out",
                );
                return Ok(());
            }
        };
        let Some((key, name)) = end else {
            return Ok(());
        };
        f.push((key.into(), Yaml::str(name)));
        if v.options.static_routes_only {
            f.push(("static_routes_only".into(), Yaml::Bool(true)));
        }
        let routes: Vec<&str> = v
            .routes
            .iter()
            .filter(|r| !gone(r.state.as_deref()))
            .map(|r| r.destination_cidr_block.as_str())
            .collect();
        if !routes.is_empty() {
            f.push(("static_routes".into(), Yaml::strs(routes)));
        }
        let inside: Vec<&str> = v
            .options
            .tunnel_options
            .iter()
            .filter_map(|t| t.tunnel_inside_cidr.as_deref())
            .collect();
        if !inside.is_empty() {
            f.push(("tunnel_inside_cidrs".into(), Yaml::strs(inside)));
        }
        self.declare(Kind::VpnConnection, id, &v.tags, f);
        Ok(())
    }

    pub(super) fn flow_logs(&mut self) -> Result<(), ImportError> {
        const FILE: &str = "describe-flow-logs.json";
        let s = self.s;
        for l in sorted(&s.flow_logs, |l| &l.flow_log_id) {
            let id = &l.flow_log_id;
            let kind = match l.resource_id.split('-').next() {
                Some("vpc") => Kind::Vpc,
                Some("subnet") => Kind::Subnet,
                Some("i") => Kind::Instance,
                _ => {
                    note(
                        &mut self.notes,
                        id,
                        format!(
                            "records {}, which a flow log's `resource` cannot name (a network interface, a transit gateway): left out",
                            l.resource_id
                        ),
                    );
                    continue;
                }
            };
            if self.skipped.contains(&l.resource_id) {
                continue;
            }
            let name = match kind {
                Kind::Instance => self.instance_names.get(&l.resource_id).cloned(),
                _ => self.named.get(&l.resource_id).cloned(),
            };
            let Some(name) = name else {
                return Err(ImportError::new(
                    FILE,
                    Some(id),
                    Problem::Absent {
                        what: "resource",
                        id: l.resource_id.clone(),
                    },
                ));
            };
            let resource = format!("{}.{name}", kind.singular());
            let destination = match l.log_destination_type.as_deref() {
                Some("s3") => Yaml::Map(vec![(
                    "s3".into(),
                    Yaml::str(l.log_destination.clone().unwrap_or_default()),
                )]),
                Some("cloud-watch-logs") => {
                    let Some(group) = l.log_destination.clone() else {
                        note(
                            &mut self.notes,
                            id,
                            "delivers to a CloudWatch Logs group the snapshot names without its ARN: left out",
                        );
                        continue;
                    };
                    let mut m = vec![("cloudwatch_logs".to_string(), Yaml::str(group))];
                    if let Some(role) = &l.deliver_logs_permission_arn {
                        m.push(("role".into(), Yaml::str(role)));
                    }
                    Yaml::Map(m)
                }
                other => {
                    note(
                        &mut self.notes,
                        id,
                        format!(
                            "delivers to {}, which specs cannot say: left out",
                            other.unwrap_or("an unknown destination")
                        ),
                    );
                    continue;
                }
            };
            let mut f = vec![
                ("resource".to_string(), Yaml::str(resource)),
                ("destination".into(), destination),
            ];
            if let Some(t) = l.traffic_type.as_deref().filter(|t| *t != "ALL") {
                f.push(("traffic".into(), Yaml::str(t)));
            }
            if let Some(i) = l.max_aggregation_interval.filter(|i| *i != 600) {
                f.push(("max_aggregation_interval".into(), Yaml::Int(i)));
            }
            self.declare(Kind::FlowLog, id, &l.tags, f);
        }
        Ok(())
    }

    pub(super) fn db_subnet_groups(&mut self) -> Result<(), ImportError> {
        const FILE: &str = "rds-describe-db-subnet-groups.json";
        let s = self.s;
        for g in sorted(&s.db_subnet_groups, |g| &g.name) {
            let id = g.arn.as_deref().unwrap_or(&g.name);
            if g.subnets
                .iter()
                .any(|x| self.skipped.contains(&x.subnet_identifier))
            {
                continue;
            }
            let mut subnets = Vec::new();
            for x in &g.subnets {
                subnets.extend(self.reference(FILE, id, "subnet", &x.subnet_identifier)?);
            }
            subnets.sort();
            let mut f = vec![("subnets".to_string(), Yaml::strs(subnets))];
            if let Some(d) = g
                .description
                .as_deref()
                .filter(|d| *d != "Managed by skyplan")
            {
                f.push(("description".into(), Yaml::str(d)));
            }
            let tags = match &s.db_subnet_group_tags {
                Some(all) => all.get(id).cloned().unwrap_or_default(),
                None => {
                    note(
                        &mut self.notes,
                        id,
                        "rds-db-subnet-group-tags.json is not in the snapshot: its tags are left out",
                    );
                    Vec::new()
                }
            };
            let name = self.names.named(Kind::DbSubnetGroup, id, &g.name);
            self.declare_as(Kind::DbSubnetGroup, id, name, &tags, f, Real::default());
        }
        Ok(())
    }

    /// RDS instances of the engines specs name, in a subnet group the
    /// import declared; Aurora cluster members and others are noted.
    pub(super) fn db_instances(&mut self) -> Result<(), ImportError> {
        const FILE: &str = "rds-describe-db-instances.json";
        let s = self.s;
        for d in sorted(&s.db_instances, |d| &d.identifier) {
            let id = d.arn.as_deref().unwrap_or(&d.identifier);
            let Some(f) = self.db_instance(FILE, id, d)? else {
                continue;
            };
            let real = Real {
                dns_name: d.endpoint.as_ref().and_then(|e| e.address.clone()),
                ..Real::default()
            };
            let name = self.names.named(Kind::DbInstance, id, &d.identifier);
            self.declare_as(Kind::DbInstance, id, name, &d.tags, f, real);
        }
        Ok(())
    }

    /// One DB instance's settings; `None` (with a note) when a spec cannot
    /// say it.
    fn db_instance(
        &mut self,
        file: &str,
        id: &str,
        d: &aws::DbInstance,
    ) -> Result<Option<Vec<(String, Yaml)>>, ImportError> {
        let Some(engine) = DbEngine::from_word(&d.engine).filter(|_| d.cluster.is_none()) else {
            let why = format!(
                "a database of engine {} (Aurora cluster members and this engine are not yet a kind): left out",
                d.engine
            );
            note(&mut self.notes, id, why);
            return Ok(None);
        };
        let s = self.s;
        let group = d
            .subnet_group
            .as_ref()
            .and_then(|g| s.db_subnet_groups.iter().find(|x| x.name == g.name));
        let Some(group) = group else {
            note(
                &mut self.notes,
                id,
                "its DB subnet group is not in rds-describe-db-subnet-groups.json: left out",
            );
            return Ok(None);
        };
        let group_id = group.arn.as_deref().unwrap_or(&group.name);
        let Some(subnet_group) = self.reference(file, id, "DB subnet group", group_id)? else {
            self.skipped.insert(id.to_string());
            return Ok(None);
        };
        let mut f = vec![
            ("engine".to_string(), Yaml::str(engine.as_str())),
            ("instance_class".into(), Yaml::str(&d.class)),
            ("subnet_group".into(), Yaml::str(subnet_group)),
        ];
        let ids = d
            .security_groups
            .iter()
            .map(|g| g.vpc_security_group_id.as_str());
        let groups = self.host_groups(file, id, ids)?;
        if !groups.is_empty() {
            f.push(("security_groups".into(), Yaml::strs(groups)));
        }
        let port = d.endpoint.as_ref().and_then(|e| e.port);
        if let Some(p) = port.filter(|p| *p != i64::from(engine.default_port())) {
            f.push(("port".into(), Yaml::Int(p)));
        }
        if d.multi_az {
            f.push(("multi_az".into(), Yaml::Bool(true)));
        } else if let Some(zone) = &d.availability_zone {
            // Where RDS placed it: `reach` then knows its subnet.
            f.push(("availability_zone".into(), Yaml::str(zone)));
        }
        if d.publicly_accessible {
            f.push(("publicly_accessible".into(), Yaml::Bool(true)));
        }
        let size = d.allocated_storage.unwrap_or_default();
        f.push(("allocated_storage".into(), Yaml::Int(size)));
        let storage = d.storage_type.as_deref().unwrap_or("gp3");
        if storage != "gp3" {
            f.push(("storage_type".into(), Yaml::str(storage)));
        }
        // gp3 reports its baseline as IOPS; only from the engine's threshold
        // are they the user's to give.
        let given = match storage {
            "io1" | "io2" => true,
            "gp3" => u64::try_from(size).is_ok_and(|s| s >= engine.gp3_iops_from()),
            _ => false,
        };
        if let Some(iops) = d.iops.filter(|_| given) {
            f.push(("iops".into(), Yaml::Int(iops)));
        }
        Ok(Some(f))
    }
}

/// What a transit gateway route table names.
enum Member {
    Attachment(String),
    Vpn(String),
    DirectConnect(String),
}
