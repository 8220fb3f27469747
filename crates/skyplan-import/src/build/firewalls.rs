//! Security groups and network ACLs, with the VPC's default group and
//! ACL taken over only when they differ from what AWS creates.

use super::*;

/// A security group rule's protocol as the spec writes it.
fn sg_protocol(p: &str) -> String {
    match p {
        "-1" => "all".into(),
        "6" => "tcp".into(),
        "17" => "udp".into(),
        "1" => "icmp".into(),
        "58" => "icmpv6".into(),
        other => other.to_string(),
    }
}

/// Ports or ICMP type and code of a rule or entry.
fn traffic(protocol: &str, from: Option<i64>, to: Option<i64>) -> Vec<(String, Yaml)> {
    match (protocol, from, to) {
        ("tcp" | "udp", Some(f), Some(t)) if f == t => vec![("ports".into(), Yaml::Int(f))],
        ("tcp" | "udp", Some(f), Some(t)) => vec![("ports".into(), Yaml::str(format!("{f}-{t}")))],
        ("icmp" | "icmpv6", Some(ty), code) if ty != -1 => vec![
            ("icmp_type".into(), Yaml::Int(ty)),
            ("icmp_code".into(), Yaml::Int(code.unwrap_or(-1))),
        ],
        _ => Vec::new(),
    }
}

/// What a group rule's peer is, as a spec key and value.
enum Peer {
    Key(&'static str, Yaml),
    /// Not sayable: why.
    Unsayable(String),
}

impl Builder<'_> {
    pub(super) fn security_groups(&mut self) -> Result<(), ImportError> {
        let s = self.s;
        // Names first: rules refer to groups declared after them.
        let mut groups = Vec::new();
        for g in sorted(&s.security_groups, |g| &g.group_id) {
            if self.skipped.contains(&g.group_id) || self.in_skipped_vpc(&g.vpc_id) {
                continue;
            }
            if g.group_name == "default" {
                groups.push((g, None));
                continue;
            }
            let name = self.names.name(Kind::SecurityGroup, &g.group_id, &g.tags);
            self.named.insert(g.group_id.clone(), name.clone());
            groups.push((g, Some(name)));
        }
        for (g, name) in groups {
            let Some(vpc) = self.reference(
                "describe-security-groups.json",
                &g.group_id,
                "VPC",
                &g.vpc_id,
            )?
            else {
                continue;
            };
            let ingress = self.sg_rules(g, &g.ip_permissions)?;
            let mut egress = self.sg_rules(g, &g.ip_permissions_egress)?;
            // CloudFormation removes the allow-all rule by adding one to
            // 127.0.0.1/32 (AWS's documented idiom; it allows nothing).
            let loopback = Yaml::Map(vec![
                ("protocol".into(), Yaml::str("all")),
                ("cidr".into(), Yaml::str("127.0.0.1/32")),
            ]);
            let before = egress.len();
            egress.retain(|r| !same_rule_but_description(r, &loopback));
            if egress.len() < before {
                note(
                    &mut self.notes,
                    &g.group_id,
                    "an outbound rule to 127.0.0.1/32, CloudFormation's way to remove the allow-all rule: it allows nothing, so the specs leave it out",
                );
            }
            let all_out = Yaml::Map(vec![
                ("protocol".into(), Yaml::str("all")),
                ("cidr".into(), Yaml::str("0.0.0.0/0")),
            ]);
            let Some(name) = name else {
                self.default_security_group(g, &vpc, ingress, egress, all_out);
                continue;
            };
            let mut f = vec![("vpc".to_string(), Yaml::str(vpc))];
            if g.description != "Managed by skyplan" {
                f.push(("description".into(), Yaml::str(&g.description)));
            }
            if !ingress.is_empty() {
                f.push(("ingress".into(), Yaml::List(ingress)));
            }
            if egress != [all_out] {
                f.push(("egress".into(), Yaml::List(egress)));
            }
            self.declare_as(
                Kind::SecurityGroup,
                &g.group_id,
                name,
                &g.tags,
                f,
                Real::default(),
            );
        }
        Ok(())
    }

    /// The VPC's default group: taken over when its rules are not the ones
    /// AWS creates it with (everything in from its members, everything
    /// out, and out over IPv6 too in a VPC with an IPv6 block).
    fn default_security_group(
        &mut self,
        g: &aws::SecurityGroup,
        vpc: &str,
        ingress: Vec<Yaml>,
        egress: Vec<Yaml>,
        all_out: Yaml,
    ) {
        let from_members = Yaml::Map(vec![
            ("protocol".into(), Yaml::str("all")),
            ("self".into(), Yaml::Bool(true)),
        ]);
        let mut aws_egress = vec![all_out];
        if self.vpc_ipv6_block(&g.vpc_id).is_some() {
            aws_egress.push(Yaml::Map(vec![
                ("protocol".into(), Yaml::str("all")),
                ("cidr".into(), Yaml::str("::/0")),
            ]));
        }
        if ingress == [from_members] && same_items(&egress, &aws_egress) {
            return;
        }
        self.vpc_extra.entry(vpc.to_string()).or_default().push((
            "default_security_group".into(),
            Yaml::Map(vec![
                ("ingress".into(), Yaml::List(ingress)),
                ("egress".into(), Yaml::List(egress)),
            ]),
        ));
        self.named.insert(g.group_id.clone(), vpc.to_string());
        self.observe(
            Kind::DefaultSecurityGroup,
            vpc,
            None,
            Real {
                id: g.group_id.clone(),
                ..Real::default()
            },
        );
    }

    fn sg_rules(
        &mut self,
        g: &aws::SecurityGroup,
        permissions: &[aws::Permission],
    ) -> Result<Vec<Yaml>, ImportError> {
        let mut rules = Vec::new();
        for p in permissions {
            let protocol = sg_protocol(&p.ip_protocol);
            let base = |peer: (&str, Yaml), description: &Option<String>| {
                let mut m = vec![("protocol".to_string(), Yaml::str(&protocol))];
                m.extend(traffic(&protocol, p.from_port, p.to_port));
                m.push((peer.0.to_string(), peer.1));
                if let Some(d) = description.as_deref().filter(|d| !d.is_empty()) {
                    m.push(("description".into(), Yaml::str(d)));
                }
                Yaml::Map(m)
            };
            for r in &p.ip_ranges {
                rules.push(base(("cidr", Yaml::str(&r.cidr_ip)), &r.description));
            }
            for r in &p.ipv6_ranges {
                rules.push(base(("cidr", Yaml::str(&r.cidr_ipv6)), &r.description));
            }
            for r in &p.prefix_list_ids {
                match self.prefix_list_peer(&r.prefix_list_id) {
                    Peer::Key(k, v) => rules.push(base((k, v), &r.description)),
                    Peer::Unsayable(why) => note(&mut self.notes, &g.group_id, why),
                }
            }
            for r in &p.user_id_group_pairs {
                match self.group_peer(g, r) {
                    Peer::Key(k, v) => rules.push(base((k, v), &r.description)),
                    Peer::Unsayable(why) => note(&mut self.notes, &g.group_id, why),
                }
            }
        }
        Ok(rules)
    }

    fn prefix_list_peer(&self, id: &str) -> Peer {
        match self.named.get(id) {
            Some(name) => Peer::Key("prefix_list", Yaml::str(name)),
            None => Peer::Unsayable(format!(
                "a rule with {id}, an AWS-managed prefix list (a service's blocks), which specs cannot name: the rule is left out"
            )),
        }
    }

    fn group_peer(&self, g: &aws::SecurityGroup, pair: &aws::GroupPair) -> Peer {
        if pair.group_id == g.group_id {
            return Peer::Key("self", Yaml::Bool(true));
        }
        if pair.vpc_peering_connection_id.is_some() {
            return Peer::Unsayable(format!(
                "a rule with {}, a group across a peering, which specs cannot name: the rule is left out",
                pair.group_id
            ));
        }
        let default = self.at.default_groups.contains(pair.group_id.as_str());
        match self.named.get(&pair.group_id) {
            Some(name) if !default => Peer::Key("security_group", Yaml::str(name)),
            _ => Peer::Unsayable(format!(
                "a rule with {}, {}, which a rule's `security_group` cannot name: the rule is left out",
                pair.group_id,
                if default {
                    "a VPC's default group"
                } else {
                    "a group not in the snapshot"
                }
            )),
        }
    }

    pub(super) fn network_acls(&mut self) -> Result<(), ImportError> {
        const FILE: &str = "describe-network-acls.json";
        let s = self.s;
        for a in sorted(&s.network_acls, |a| &a.network_acl_id) {
            if self.skipped.contains(&a.network_acl_id) || self.in_skipped_vpc(&a.vpc_id) {
                continue;
            }
            let Some(vpc) = self.reference(FILE, &a.network_acl_id, "VPC", &a.vpc_id)? else {
                continue;
            };
            let entries = |egress: bool| -> Vec<Yaml> {
                let mut list: Vec<&aws::AclEntry> = a
                    .entries
                    .iter()
                    .filter(|e| e.egress == egress && e.rule_number != 32767)
                    .collect();
                list.sort_by_key(|e| e.rule_number);
                list.into_iter().map(acl_entry).collect()
            };
            let (ingress, egress) = (entries(false), entries(true));
            if a.is_default {
                self.default_network_acl(a, &vpc, ingress, egress);
                continue;
            }
            let mut f = vec![("vpc".to_string(), Yaml::str(vpc))];
            let mut subnets = Vec::new();
            for x in &a.associations {
                if let Some(n) = self.reference(FILE, &a.network_acl_id, "subnet", &x.subnet_id)? {
                    subnets.push(n);
                }
            }
            subnets.sort();
            if !subnets.is_empty() {
                f.push(("subnets".into(), Yaml::strs(subnets)));
            }
            if !ingress.is_empty() {
                f.push(("ingress".into(), Yaml::List(ingress)));
            }
            if !egress.is_empty() {
                f.push(("egress".into(), Yaml::List(egress)));
            }
            self.declare(Kind::NetworkAcl, &a.network_acl_id, &a.tags, f);
        }
        Ok(())
    }

    /// The VPC's default ACL: taken over when its entries are not the
    /// allow-all ones AWS creates it with (rule 100, and 101 for IPv6).
    fn default_network_acl(
        &mut self,
        a: &aws::NetworkAcl,
        vpc: &str,
        ingress: Vec<Yaml>,
        egress: Vec<Yaml>,
    ) {
        let allow_all = |rule: i64, cidr: &str| {
            Yaml::Map(vec![
                ("rule".into(), Yaml::Int(rule)),
                ("action".into(), Yaml::str("allow")),
                ("protocol".into(), Yaml::str("all")),
                ("cidr".into(), Yaml::str(cidr)),
            ])
        };
        let mut aws = vec![allow_all(100, "0.0.0.0/0")];
        if self.vpc_ipv6_block(&a.vpc_id).is_some() {
            aws.push(allow_all(101, "::/0"));
        }
        if ingress == aws && egress == aws {
            return;
        }
        self.vpc_extra.entry(vpc.to_string()).or_default().push((
            "default_network_acl".into(),
            Yaml::Map(vec![
                ("ingress".into(), Yaml::List(ingress)),
                ("egress".into(), Yaml::List(egress)),
            ]),
        ));
        self.observe(
            Kind::DefaultNetworkAcl,
            vpc,
            None,
            Real {
                id: a.network_acl_id.clone(),
                ..Real::default()
            },
        );
    }
}

fn acl_entry(e: &aws::AclEntry) -> Yaml {
    let protocol = sg_protocol(&e.protocol);
    let mut m = vec![
        ("rule".to_string(), Yaml::Int(e.rule_number)),
        ("action".into(), Yaml::str(&e.rule_action)),
        ("protocol".into(), Yaml::str(&protocol)),
    ];
    match (&e.port_range, &e.icmp_type_code) {
        (Some(r), _) => m.extend(traffic(&protocol, Some(r.from), Some(r.to))),
        (None, Some(i)) => m.extend(traffic(&protocol, Some(i.icmp_type), Some(i.code))),
        (None, None) => {}
    }
    let cidr = e
        .cidr_block
        .as_deref()
        .or(e.ipv6_cidr_block.as_deref())
        .unwrap_or_default();
    m.push(("cidr".into(), Yaml::str(cidr)));
    Yaml::Map(m)
}

/// Whether `rule` is `other` with or without a description.
fn same_rule_but_description(rule: &Yaml, other: &Yaml) -> bool {
    match rule {
        Yaml::Map(fields) => {
            let kept: Vec<(String, Yaml)> = fields
                .iter()
                .filter(|(k, _)| k != "description")
                .cloned()
                .collect();
            Yaml::Map(kept) == *other
        }
        _ => false,
    }
}

/// The same rules in any order (AWS keeps a group's rules in none).
fn same_items(a: &[Yaml], b: &[Yaml]) -> bool {
    a.len() == b.len() && a.iter().all(|x| b.contains(x))
}
