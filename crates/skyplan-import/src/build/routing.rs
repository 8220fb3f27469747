//! Route tables, peerings and endpoints.

use super::*;

impl Builder<'_> {
    pub(super) fn vpc_peerings(&mut self) -> Result<(), ImportError> {
        let s = self.s;
        for p in sorted(&s.vpc_peerings, |p| &p.vpc_peering_connection_id) {
            let id = &p.vpc_peering_connection_id;
            let live = p.status.as_ref().is_none_or(|st| {
                matches!(
                    st.code.as_str(),
                    "active" | "pending-acceptance" | "provisioning"
                )
            });
            if !live {
                self.skipped.insert(id.clone());
                continue;
            }
            let (requester, accepter) = (&p.requester_vpc_info, &p.accepter_vpc_info);
            let elsewhere = [requester, accepter]
                .iter()
                .any(|v| v.region.as_deref().is_some_and(|r| r != self.region));
            let (Some(vpc), Some(peer)) = (
                self.named.get(&requester.vpc_id),
                self.named.get(&accepter.vpc_id),
            ) else {
                if elsewhere
                    || [requester, accepter]
                        .iter()
                        .any(|v| self.in_skipped_vpc(&v.vpc_id))
                {
                    self.skipped.insert(id.clone());
                    note(
                        &mut self.notes,
                        id,
                        "a peering with a VPC of another region, account or a default VPC: left out (a stack's peerings join two of its VPCs)",
                    );
                    continue;
                }
                let missing = if self.named.contains_key(&requester.vpc_id) {
                    &accepter.vpc_id
                } else {
                    &requester.vpc_id
                };
                self.skipped.insert(id.clone());
                note(
                    &mut self.notes,
                    id,
                    format!(
                        "a peering with {missing}, a VPC not in the snapshot (another account's?): left out"
                    ),
                );
                continue;
            };
            let f = vec![
                ("vpc".to_string(), Yaml::str(vpc)),
                ("peer_vpc".into(), Yaml::str(peer)),
            ];
            self.declare(Kind::VpcPeering, id, &p.tags, f);
        }
        Ok(())
    }

    pub(super) fn route_tables(&mut self) -> Result<(), ImportError> {
        const FILE: &str = "describe-route-tables.json";
        let s = self.s;
        for t in sorted(&s.route_tables, |t| &t.route_table_id) {
            let id = &t.route_table_id;
            if self.skipped.contains(id) || self.in_skipped_vpc(&t.vpc_id) {
                continue;
            }
            let Some(vpc) = self.reference(FILE, id, "VPC", &t.vpc_id)? else {
                continue;
            };
            let main = t.associations.iter().any(|a| a.main);
            let mut subnets = Vec::new();
            for a in &t.associations {
                if let Some(x) = &a.subnet_id {
                    subnets.extend(self.reference(FILE, id, "subnet", x)?);
                }
                if let Some(g) = &a.gateway_id {
                    note(
                        &mut self.notes,
                        id,
                        format!(
                            "associated with gateway {g} (an edge association), which specs cannot say: left out"
                        ),
                    );
                }
            }
            subnets.sort();
            let mut routes = Vec::new();
            for r in &t.routes {
                if let Some(route) = self.route(id, r)? {
                    routes.push(route);
                }
            }
            let mut propagate = Vec::new();
            for v in &t.propagating_vgws {
                propagate.extend(self.reference(FILE, id, "VPN gateway", &v.gateway_id)?);
            }
            propagate.sort();
            if main
                && routes.is_empty()
                && subnets.is_empty()
                && propagate.is_empty()
                && own_tags(&t.tags, "").is_empty()
            {
                // The main table AWS created with the VPC, as it was.
                self.skipped.insert(id.clone());
                continue;
            }
            let mut f = vec![("vpc".to_string(), Yaml::str(vpc))];
            if main {
                f.push(("main".into(), Yaml::Bool(true)));
            }
            if !routes.is_empty() {
                f.push(("routes".into(), Yaml::List(routes)));
            }
            if !subnets.is_empty() {
                f.push(("subnets".into(), Yaml::strs(subnets)));
            }
            if !propagate.is_empty() {
                f.push(("propagate".into(), Yaml::strs(propagate)));
            }
            self.declare(Kind::RouteTable, id, &t.tags, f);
        }
        Ok(())
    }

    /// One route as the spec writes it; `None` for the routes AWS makes
    /// (the local ones, a gateway endpoint's, propagated ones) and the
    /// ones the spec cannot say (noted).
    fn route(&mut self, table: &str, r: &aws::Route) -> Result<Option<Yaml>, ImportError> {
        const FILE: &str = "describe-route-tables.json";
        if matches!(
            r.origin.as_deref(),
            Some("CreateRouteTable" | "EnableVgwRoutePropagation")
        ) || r
            .gateway_id
            .as_deref()
            .is_some_and(|g| g == "local" || g.starts_with("vpce-"))
        {
            return Ok(None);
        }
        let destination = match (
            &r.destination_cidr_block,
            &r.destination_ipv6_cidr_block,
            &r.destination_prefix_list_id,
        ) {
            (Some(c), _, _) | (None, Some(c), _) => ("destination", Yaml::str(c)),
            (None, None, Some(pl)) => match self.named.get(pl) {
                Some(name) => ("destination_prefix_list", Yaml::str(name)),
                None => {
                    note(
                        &mut self.notes,
                        table,
                        format!(
                            "a route to {pl}, an AWS-managed prefix list, which specs cannot name: left out"
                        ),
                    );
                    return Ok(None);
                }
            },
            (None, None, None) => return Ok(None),
        };
        let target = [
            (
                "internet_gateway",
                r.gateway_id.as_deref().filter(|g| g.starts_with("igw-")),
                "internet gateway",
            ),
            ("nat_gateway", r.nat_gateway_id.as_deref(), "NAT gateway"),
            (
                "vpc_peering",
                r.vpc_peering_connection_id.as_deref(),
                "peering",
            ),
            ("instance", r.instance_id.as_deref(), "instance"),
            (
                "egress_only_internet_gateway",
                r.egress_only_internet_gateway_id.as_deref(),
                "egress-only internet gateway",
            ),
            (
                "vpn_gateway",
                r.gateway_id.as_deref().filter(|g| g.starts_with("vgw-")),
                "VPN gateway",
            ),
            (
                "transit_gateway",
                r.transit_gateway_id.as_deref(),
                "transit gateway",
            ),
        ]
        .into_iter()
        .find_map(|(key, id, what)| id.map(|id| (key, id, what)));
        let Some((key, target_id, what)) = target else {
            let other = [
                r.gateway_id.as_deref(),
                r.network_interface_id.as_deref(),
                r.carrier_gateway_id.as_deref(),
                r.local_gateway_id.as_deref(),
                r.core_network_arn.as_deref(),
            ]
            .into_iter()
            .flatten()
            .next()
            .unwrap_or("no target");
            note(
                &mut self.notes,
                table,
                format!("a route to {other}, a target import does not read yet: left out"),
            );
            return Ok(None);
        };
        let name = if key == "instance" {
            self.instance_names.get(target_id).cloned()
        } else {
            self.named.get(target_id).cloned()
        };
        let Some(name) = name else {
            if self.skipped.contains(target_id) {
                note(
                    &mut self.notes,
                    table,
                    format!(
                        "a route to {target_id}, which is deleted or left out: the route is left out"
                    ),
                );
                return Ok(None);
            }
            return Err(ImportError::new(
                FILE,
                Some(table),
                Problem::Absent {
                    what,
                    id: target_id.to_string(),
                },
            ));
        };
        Ok(Some(Yaml::Map(vec![
            (destination.0.to_string(), destination.1),
            (key.to_string(), Yaml::str(name)),
        ])))
    }

    pub(super) fn vpc_endpoints(&mut self) -> Result<(), ImportError> {
        const FILE: &str = "describe-vpc-endpoints.json";
        let s = self.s;
        for e in sorted(&s.vpc_endpoints, |e| &e.vpc_endpoint_id) {
            let id = &e.vpc_endpoint_id;
            if self.in_skipped_vpc(&e.vpc_id) {
                continue;
            }
            let Some(vpc) = self.reference(FILE, id, "VPC", &e.vpc_id)? else {
                continue;
            };
            let interface = match e.vpc_endpoint_type.as_str() {
                "Gateway" => false,
                "Interface" => true,
                other => {
                    note(
                        &mut self.notes,
                        id,
                        format!("a {other} endpoint, which specs cannot say: left out"),
                    );
                    continue;
                }
            };
            let prefix = format!("com.amazonaws.{}.", self.region);
            let service = e
                .service_name
                .strip_prefix(&prefix)
                .unwrap_or(&e.service_name);
            let mut f = vec![("vpc".to_string(), Yaml::str(vpc))];
            if interface {
                f.push(("type".into(), Yaml::str("interface")));
            }
            f.push(("service".into(), Yaml::str(service)));
            let names = |ids: &[String],
                         what: &'static str,
                         b: &Self|
             -> Result<Vec<String>, ImportError> {
                let mut v = Vec::new();
                for x in ids {
                    v.extend(b.reference(FILE, id, what, x)?);
                }
                Ok(v)
            };
            let tables = names(&e.route_table_ids, "route table", self)?;
            if !tables.is_empty() {
                f.push(("route_tables".into(), Yaml::strs(tables)));
            }
            let subnet_ids = &e.subnet_ids;
            let subnets = names(subnet_ids, "subnet", self)?;
            if !subnets.is_empty() {
                f.push(("subnets".into(), Yaml::strs(subnets)));
            }
            let groups: Vec<String> = e.groups.iter().map(|g| g.group_id.clone()).collect();
            let group_names = names(&groups, "security group", self)?;
            if interface && !group_names.is_empty() && group_names.len() == groups.len() {
                f.push(("security_groups".into(), Yaml::strs(group_names)));
            }
            if interface && e.private_dns_enabled == Some(false) {
                f.push(("private_dns".into(), Yaml::Bool(false)));
            }
            if let Some(policy) = e
                .policy_document
                .as_deref()
                .and_then(|p| policy(p, id, &mut self.notes))
            {
                f.push(("policy".into(), policy));
            }
            let real = Real {
                private_ips: self.endpoint_addresses(e)?,
                ..Real::default()
            };
            let name = self.names.name(Kind::VpcEndpoint, id, &e.tags);
            self.declare_as(Kind::VpcEndpoint, id, name, &e.tags, f, real);
        }
        Ok(())
    }

    /// An interface endpoint's addresses in the order of its subnets, from
    /// its network interfaces (when the snapshot has them).
    fn endpoint_addresses(
        &mut self,
        e: &aws::VpcEndpoint,
    ) -> Result<Option<Vec<Ipv4Addr>>, ImportError> {
        const FILE: &str = "describe-network-interfaces.json";
        if e.network_interface_ids.is_empty() || self.s.network_interfaces.is_empty() {
            return Ok(None);
        }
        let mut by_subnet = Vec::new();
        for eni in &e.network_interface_ids {
            let Some(i) = self.at.interfaces.get(eni.as_str()).copied() else {
                return Ok(None);
            };
            let Some(subnet) = i.subnet_id.as_deref() else {
                return Ok(None);
            };
            let Some(position) = e.subnet_ids.iter().position(|x| x == subnet) else {
                return Ok(None);
            };
            let ip = i.private_ip_address.as_deref();
            let Some(ip) = self.private_address(FILE, eni, subnet, ip)? else {
                return Ok(None);
            };
            by_subnet.push((position, ip));
        }
        by_subnet.sort();
        Ok(Some(by_subnet.into_iter().map(|(_, ip)| ip).collect()))
    }
}

/// An endpoint's policy as YAML; `None` for AWS's full-access default.
fn policy(text: &str, id: &str, notes: &mut Vec<Note>) -> Option<Yaml> {
    // Compared as JSON; written as YAML in the document's own key order
    // (AWS keeps the document as given, so a spec says it the same way).
    let (Ok(value), Ok(document)) = (
        serde_json::from_str::<serde_json::Value>(text),
        serde_json::from_str::<Yaml>(text),
    ) else {
        note(
            notes,
            id,
            "its policy document is not JSON without nulls: left out",
        );
        return None;
    };
    let full_access = serde_json::json!({
        "Statement": [{"Action": "*", "Effect": "Allow", "Principal": "*", "Resource": "*"}]
    });
    let statements_only = value
        .get("Statement")
        .map(|s| serde_json::json!({"Statement": s}));
    if statements_only.as_ref() == Some(&full_access) {
        return None;
    }
    Some(document)
}
