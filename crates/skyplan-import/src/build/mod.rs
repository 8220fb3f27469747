//! The snapshot's records as declarations: one function per kind, each
//! writing the keys the spec language has for what AWS reports (a value
//! equal to the spec's default is left out), referring to other resources
//! by the names they were given, and noting what it cannot say.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::net::{Ipv4Addr, Ipv6Addr};

use skyplan_spec::{Address, Kind};

mod balancing;
mod compute;
mod firewalls;
mod hybrid;
mod routing;

use crate::names::Names;
use crate::snapshot::{self as aws, Snapshot, Tag};
use crate::yaml::Yaml;
use crate::{ImportError, Imported, Note, Observed, Options, Problem, Real};

/// One declaration being written.
struct Decl {
    kind: Kind,
    name: String,
    fields: Vec<(String, Yaml)>,
    /// The resource's own tags (the `aws:` ones and a `Name` equal to its
    /// name left out); the ones every resource shares go to `defaults`.
    tags: BTreeMap<String, String>,
}

/// The spec files and the kinds each holds, in writing order.
/// The files of an imported stack, in the order they are written.
const FILES: [&str; 6] = [
    "network.yaml",
    "security.yaml",
    "compute.yaml",
    "hybrid.yaml",
    "data.yaml",
    "balancing.yaml",
];

/// The file a kind's declarations go to and their place in it; `None` for
/// a kind declared inside its VPC. A new kind is a compile error here
/// until it has a place, so no declaration is ever left unwritten.
const fn placement(kind: Kind) -> Option<(&'static str, u8)> {
    Some(match kind {
        Kind::DhcpOptions => ("network.yaml", 0),
        Kind::PrefixList => ("network.yaml", 1),
        Kind::Vpc => ("network.yaml", 2),
        Kind::Subnet => ("network.yaml", 3),
        Kind::InternetGateway => ("network.yaml", 4),
        Kind::EgressOnlyInternetGateway => ("network.yaml", 5),
        Kind::ElasticIp => ("network.yaml", 6),
        Kind::NatGateway => ("network.yaml", 7),
        Kind::RouteTable => ("network.yaml", 8),
        Kind::VpcPeering => ("network.yaml", 9),
        Kind::VpcEndpoint => ("network.yaml", 10),
        Kind::SecurityGroup => ("security.yaml", 0),
        Kind::NetworkAcl => ("security.yaml", 1),
        Kind::FlowLog => ("security.yaml", 2),
        Kind::Instance => ("compute.yaml", 0),
        Kind::Volume => ("compute.yaml", 1),
        Kind::TransitGateway => ("hybrid.yaml", 0),
        Kind::TransitGatewayAttachment => ("hybrid.yaml", 1),
        Kind::TransitGatewayRouteTable => ("hybrid.yaml", 2),
        Kind::CustomerGateway => ("hybrid.yaml", 3),
        Kind::VpnGateway => ("hybrid.yaml", 4),
        Kind::VpnConnection => ("hybrid.yaml", 5),
        Kind::DxGateway => ("hybrid.yaml", 6),
        Kind::DbSubnetGroup => ("data.yaml", 0),
        Kind::DbInstance => ("data.yaml", 1),
        Kind::TargetGroup => ("balancing.yaml", 0),
        Kind::LoadBalancer => ("balancing.yaml", 1),
        Kind::LaunchTemplate => ("balancing.yaml", 2),
        Kind::AutoScalingGroup => ("balancing.yaml", 3),
        Kind::DefaultSecurityGroup | Kind::DefaultNetworkAcl => return None,
    })
}

/// The kinds written to `file`, in their order there.
fn kinds_of(file: &str) -> Vec<Kind> {
    let mut kinds: Vec<(u8, Kind)> = (Kind::ALL.iter())
        .filter_map(|k| {
            placement(*k)
                .filter(|(f, _)| *f == file)
                .map(|(_, at)| (at, *k))
        })
        .collect();
    kinds.sort();
    kinds.into_iter().map(|(_, k)| k).collect()
}

pub(crate) use balancing::Member;

/// The snapshot's records by id, built once, so every lookup is a map's
/// (a snapshot of 100,000 instances takes no quadratic time).
struct Index<'s> {
    vpcs: HashMap<&'s str, &'s aws::Vpc>,
    subnets: HashMap<&'s str, &'s aws::Subnet>,
    default_groups: HashSet<&'s str>,
    instances: HashMap<&'s str, &'s aws::Instance>,
    volumes: HashMap<&'s str, &'s aws::Volume>,
    /// The allocation id of the elastic IP associated with an instance.
    elastic_ip_of: HashMap<&'s str, &'s str>,
    interfaces: HashMap<&'s str, &'s aws::NetworkInterface>,
    /// Network interfaces by subnet and description (a load balancer's).
    described_interfaces: HashMap<(&'s str, &'s str), &'s aws::NetworkInterface>,
    target_health: HashMap<&'s str, Vec<&'s aws::TargetHealth>>,
    listeners: HashMap<&'s str, Vec<&'s aws::Listener>>,
    template_versions: HashMap<&'s str, Vec<&'s aws::LaunchTemplateVersion>>,
}

impl<'s> Index<'s> {
    fn of(s: &'s Snapshot) -> Index<'s> {
        let mut target_health: HashMap<&str, Vec<_>> = HashMap::new();
        for h in &s.target_health {
            target_health
                .entry(h.target_group_arn.as_str())
                .or_default()
                .push(h);
        }
        let mut listeners: HashMap<&str, Vec<_>> = HashMap::new();
        for l in &s.listeners {
            listeners
                .entry(l.load_balancer_arn.as_str())
                .or_default()
                .push(l);
        }
        let mut template_versions: HashMap<&str, Vec<_>> = HashMap::new();
        for v in &s.launch_template_versions {
            template_versions
                .entry(v.launch_template_id.as_str())
                .or_default()
                .push(v);
        }
        Index {
            vpcs: s.vpcs.iter().map(|v| (v.vpc_id.as_str(), v)).collect(),
            subnets: s
                .subnets
                .iter()
                .map(|x| (x.subnet_id.as_str(), x))
                .collect(),
            default_groups: s
                .security_groups
                .iter()
                .filter(|g| g.group_name == "default")
                .map(|g| g.group_id.as_str())
                .collect(),
            instances: s
                .instances
                .iter()
                .map(|i| (i.instance_id.as_str(), i))
                .collect(),
            volumes: s
                .volumes
                .iter()
                .map(|v| (v.volume_id.as_str(), v))
                .collect(),
            elastic_ip_of: s
                .addresses
                .iter()
                .filter_map(|a| Some((a.instance_id.as_deref()?, a.allocation_id.as_deref()?)))
                .collect(),
            interfaces: s
                .network_interfaces
                .iter()
                .map(|i| (i.network_interface_id.as_str(), i))
                .collect(),
            described_interfaces: s
                .network_interfaces
                .iter()
                .filter_map(|i| Some(((i.subnet_id.as_deref()?, i.description.as_deref()?), i)))
                .collect(),
            target_health,
            listeners,
            template_versions,
        }
    }
}

pub(crate) struct Builder<'s> {
    s: &'s Snapshot,
    at: Index<'s>,
    options: &'s Options,
    region: String,
    names: Names,
    /// Name given to each imported id (within its kind, ids are unique
    /// across kinds in AWS).
    named: BTreeMap<String, String>,
    /// Ids left out on purpose (default VPCs and what is in them, deleted
    /// objects): a reference to one is noted, not an error.
    skipped: BTreeSet<String>,
    decls: Vec<Decl>,
    /// What a route or volume calls each imported instance (`web[2]`).
    instance_names: BTreeMap<String, String>,
    /// Settings the VPC declarations get from other records.
    vpc_extra: BTreeMap<String, Vec<(String, Yaml)>>,
    observed: Observed,
    notes: Vec<Note>,
}

fn note(notes: &mut Vec<Note>, id: &str, text: impl Into<String>) {
    notes.push(Note {
        id: Some(id.to_string()),
        text: text.into(),
    });
}

/// Tags a spec can carry: AWS's own (`aws:`) are not the user's to write.
fn own_tags(tags: &[Tag], name: &str) -> BTreeMap<String, String> {
    tags.iter()
        .filter(|t| !t.key.to_ascii_lowercase().starts_with("aws:"))
        .filter(|t| !(t.key == "Name" && t.value == name))
        .map(|t| (t.key.clone(), t.value.clone()))
        .collect()
}

fn ipv4(file: &str, id: &str, text: &str) -> Result<Ipv4Addr, ImportError> {
    text.parse().map_err(|_| {
        ImportError::new(
            file,
            Some(id),
            Problem::Malformed(format!("`{text}` is not an IPv4 address")),
        )
    })
}

/// An instance's or launch template's `metadata`, when not the spec's
/// default (IMDSv2 only, two hops).
fn metadata(options: Option<&aws::MetadataOptions>) -> Option<(String, Yaml)> {
    let m = options?;
    let tokens = m.http_tokens.as_deref().unwrap_or("required");
    let hops = m.http_put_response_hop_limit.unwrap_or(2);
    (tokens != "required" || hops != 2).then(|| {
        (
            "metadata".to_string(),
            Yaml::Map(vec![
                ("http_tokens".into(), Yaml::str(tokens)),
                ("hop_limit".into(), Yaml::Int(hops)),
            ]),
        )
    })
}

/// User data as the EC2 API returns it (base64) as `user_data`.
fn user_data(file: &str, id: &str, encoded: &str) -> Result<(String, Yaml), ImportError> {
    let text = crate::base64::decode(encoded)
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .ok_or_else(|| {
            ImportError::new(
                file,
                Some(id),
                Problem::Malformed("its user data is not base64 of UTF-8 text".into()),
            )
        })?;
    Ok(("user_data".into(), Yaml::str(text)))
}

/// Whether `ip` is in the IPv4 block `cidr` (`10.0.0.0/24`).
fn in_block(ip: Ipv4Addr, cidr: &str) -> bool {
    let Some((net, prefix)) = cidr.split_once('/') else {
        return false;
    };
    let (Ok(net), Ok(prefix)) = (net.parse::<Ipv4Addr>(), prefix.parse::<u32>()) else {
        return false;
    };
    let mask = u32::MAX.checked_shl(32 - prefix.min(32)).unwrap_or(0);
    u32::from(ip) & mask == u32::from(net) & mask
}

impl Builder<'_> {
    /// A private address AWS gave a resource in `subnet`: it must be in
    /// the subnet's block (a snapshot that says otherwise is refused).
    fn private_address(
        &mut self,
        file: &str,
        id: &str,
        subnet: &str,
        ip: Option<&str>,
    ) -> Result<Option<Ipv4Addr>, ImportError> {
        let Some(ip) = ip else {
            note(
                &mut self.notes,
                id,
                "the snapshot gives it no private address: the state has one apply would give",
            );
            return Ok(None);
        };
        let ip = ipv4(file, id, ip)?;
        let block = self.at.subnets.get(subnet).map(|x| x.cidr_block.as_str());
        match block {
            Some(b) if !in_block(ip, b) => Err(ImportError::new(
                file,
                Some(id),
                Problem::Inconsistent(format!(
                    "its private address {ip} is outside its subnet {subnet} ({b})"
                )),
            )),
            _ => Ok(Some(ip)),
        }
    }
}

/// The region of an availability zone: the facts' table, else the zone's
/// name without its letter (`us-east-1a`).
fn region_of_zone(zone: &str) -> String {
    skyplan_facts::facts().zone(zone).map_or_else(
        || {
            zone.trim_end_matches(|c: char| c.is_ascii_lowercase())
                .to_string()
        },
        |z| z.region.to_string(),
    )
}

impl<'s> Builder<'s> {
    pub(crate) fn new(s: &'s Snapshot, options: &'s Options) -> Result<Builder<'s>, ImportError> {
        let region = region(s, options)?;
        Ok(Builder {
            s,
            at: Index::of(s),
            options,
            region,
            names: Names::new(&options.known),
            named: BTreeMap::new(),
            skipped: BTreeSet::new(),
            decls: Vec::new(),
            instance_names: BTreeMap::new(),
            vpc_extra: BTreeMap::new(),
            observed: Observed::default(),
            notes: Vec::new(),
        })
    }

    pub(crate) fn build(mut self) -> Result<Imported, ImportError> {
        self.skip_default_vpcs();
        self.dhcp_options();
        self.prefix_lists()?;
        self.vpcs();
        self.subnets()?;
        self.internet_gateways()?;
        self.elastic_ips();
        self.nat_gateways()?;
        self.security_groups()?;
        self.network_acls()?;
        self.vpc_peerings()?;
        self.db_subnet_groups()?;
        self.transit_gateways()?;
        self.vpn()?;
        // Route tables name the Direct Connect gateways they associate.
        self.dx_gateways()?;
        self.transit_gateway_route_tables()?;
        self.instances()?;
        self.db_instances()?;
        self.flow_logs()?;
        self.target_groups()?;
        self.load_balancers()?;
        self.auto_scaling_groups()?;
        self.route_tables()?;
        self.vpc_endpoints()?;
        self.volumes()?;
        let files = self.write();
        Ok(Imported {
            files,
            observed: self.observed,
            notes: self.notes,
            region: self.region,
        })
    }

    /// Gives `id` a name and records it as `address` with its real id.
    fn declare(
        &mut self,
        kind: Kind,
        id: &str,
        tags: &[Tag],
        fields: Vec<(String, Yaml)>,
    ) -> String {
        let name = self.names.name(kind, id, tags);
        self.declare_as(kind, id, name.clone(), tags, fields, Real::default());
        name
    }

    fn declare_as(
        &mut self,
        kind: Kind,
        id: &str,
        name: String,
        tags: &[Tag],
        fields: Vec<(String, Yaml)>,
        real: Real,
    ) {
        self.named.insert(id.to_string(), name.clone());
        self.observed.by_address.insert(
            Address::new(kind, name.clone(), None),
            Real {
                id: id.to_string(),
                ..real
            },
        );
        self.decls.push(Decl {
            kind,
            tags: own_tags(tags, &name),
            name,
            fields,
        });
    }

    fn observe(&mut self, kind: Kind, name: &str, index: Option<u32>, real: Real) {
        self.observed
            .by_address
            .insert(Address::new(kind, name, index), real);
    }

    /// The name of a referenced id, or the error naming the record.
    fn reference(
        &self,
        file: &str,
        from: &str,
        what: &'static str,
        id: &str,
    ) -> Result<Option<String>, ImportError> {
        match self.named.get(id) {
            Some(name) => Ok(Some(name.clone())),
            None if self.skipped.contains(id) => Ok(None),
            None => Err(ImportError::new(
                file,
                Some(from),
                Problem::Absent {
                    what,
                    id: id.to_string(),
                },
            )),
        }
    }

    /// The spec names of `ids`, a host's security groups, for its
    /// `security_groups`: a VPC's default group has no name there (an empty
    /// list means it), so it is left out, with a note when others are not.
    fn host_groups<'g>(
        &mut self,
        file: &str,
        host: &str,
        ids: impl IntoIterator<Item = &'g str>,
    ) -> Result<Vec<String>, ImportError> {
        let mut groups = Vec::new();
        let mut default_group = false;
        for g in ids {
            if self.at.default_groups.contains(g) {
                default_group = true;
                continue;
            }
            groups.extend(self.reference(file, host, "security group", g)?);
        }
        if default_group && !groups.is_empty() {
            note(
                &mut self.notes,
                host,
                "uses its VPC's default group besides others, which `security_groups` cannot name: the default group is left out of its list",
            );
        }
        Ok(groups)
    }

    fn in_skipped_vpc(&self, vpc: &str) -> bool {
        self.skipped.contains(vpc)
    }

    fn skip_default_vpcs(&mut self) {
        if self.options.default_vpcs {
            return;
        }
        let defaults: Vec<&str> = self
            .s
            .vpcs
            .iter()
            // A default VPC a state already holds (imported with
            // `--default-vpcs`) stays in a refresh.
            .filter(|v| v.is_default && !self.options.known.contains_key(&v.vpc_id))
            .map(|v| v.vpc_id.as_str())
            .collect();
        for vpc in defaults {
            self.skipped.insert(vpc.to_string());
            self.notes.push(Note {
                id: Some(vpc.to_string()),
                text: "the region's default VPC, left out with what is in it (`--default-vpcs` imports it)".into(),
            });
        }
        let s = self.s;
        let in_default = |vpc: &str, skipped: &BTreeSet<String>| skipped.contains(vpc);
        let mut more = Vec::new();
        for x in &s.subnets {
            if in_default(&x.vpc_id, &self.skipped) {
                more.push(x.subnet_id.clone());
            }
        }
        for x in &s.security_groups {
            if in_default(&x.vpc_id, &self.skipped) {
                more.push(x.group_id.clone());
            }
        }
        for x in &s.route_tables {
            if in_default(&x.vpc_id, &self.skipped) {
                more.push(x.route_table_id.clone());
            }
        }
        for x in &s.network_acls {
            if in_default(&x.vpc_id, &self.skipped) {
                more.push(x.network_acl_id.clone());
            }
        }
        for x in &s.internet_gateways {
            if x.attachments
                .iter()
                .any(|a| in_default(&a.vpc_id, &self.skipped))
            {
                more.push(x.internet_gateway_id.clone());
            }
        }
        self.skipped.extend(more);
        let subnets: Vec<String> = s
            .instances
            .iter()
            .filter(|i| {
                i.subnet_id
                    .as_deref()
                    .is_some_and(|x| self.skipped.contains(x))
            })
            .map(|i| i.instance_id.clone())
            .collect();
        self.skipped.extend(subnets);
    }

    fn dhcp_options(&mut self) {
        let s = self.s;
        let default_domain = if self.region == "us-east-1" {
            "ec2.internal".to_string()
        } else {
            format!("{}.compute.internal", self.region)
        };
        for d in sorted(&s.dhcp_options, |d| &d.dhcp_options_id) {
            let values = |key: &str| -> Vec<String> {
                d.dhcp_configurations
                    .iter()
                    .filter(|c| c.key == key)
                    .flat_map(|c| c.values.iter().map(|v| v.value.clone()))
                    .collect()
            };
            let aws_default = d.dhcp_configurations.len() == 2
                && values("domain-name") == [default_domain.clone()]
                && values("domain-name-servers") == ["AmazonProvidedDNS"];
            if aws_default && own_tags(&d.tags, "").is_empty() {
                // The set every VPC has when it names none.
                self.skipped.insert(d.dhcp_options_id.clone());
                continue;
            }
            let mut f = Vec::new();
            if let [domain] = values("domain-name").as_slice() {
                f.push(("domain_name".into(), Yaml::str(domain)));
            }
            for (key, field) in [
                ("domain-name-servers", "domain_name_servers"),
                ("ntp-servers", "ntp_servers"),
                ("netbios-name-servers", "netbios_name_servers"),
            ] {
                let v = values(key);
                if !v.is_empty() {
                    f.push((field.into(), Yaml::strs(v)));
                }
            }
            if let Some(t) = values("netbios-node-type")
                .first()
                .and_then(|t| t.parse().ok())
            {
                f.push(("netbios_node_type".into(), Yaml::Int(t)));
            }
            self.declare(Kind::DhcpOptions, &d.dhcp_options_id, &d.tags, f);
        }
    }

    fn prefix_lists(&mut self) -> Result<(), ImportError> {
        let s = self.s;
        for p in sorted(&s.prefix_lists, |p| &p.prefix_list_id) {
            if p.owner_id.as_deref() == Some("AWS") {
                // AWS's own lists (a service's blocks) are not declared.
                continue;
            }
            let Some(entries) = s.prefix_list_entries.get(&p.prefix_list_id) else {
                return Err(ImportError::new(
                    "get-managed-prefix-list-entries.json",
                    Some(&p.prefix_list_id),
                    Problem::Inconsistent(
                        "the list's entries are not in the snapshot (scripts/snapshot.sh gathers them)".into(),
                    ),
                ));
            };
            let mut f = vec![
                ("address_family".into(), Yaml::str(&p.address_family)),
                (
                    "max_entries".into(),
                    Yaml::Int(p.max_entries.unwrap_or(entries.len() as i64)),
                ),
            ];
            let list = entries
                .iter()
                .map(|e| {
                    let mut m = vec![("cidr".to_string(), Yaml::str(&e.cidr))];
                    if let Some(d) = e.description.as_deref().filter(|d| !d.is_empty()) {
                        m.push(("description".into(), Yaml::str(d)));
                    }
                    Yaml::Map(m)
                })
                .collect();
            f.push(("entries".into(), Yaml::List(list)));
            self.declare(Kind::PrefixList, &p.prefix_list_id, &p.tags, f);
        }
        Ok(())
    }

    fn vpcs(&mut self) {
        let s = self.s;
        if s.vpc_attributes.is_none() && s.vpcs.iter().any(|v| !self.skipped.contains(&v.vpc_id)) {
            self.notes.push(Note {
                id: None,
                text: "describe-vpc-attributes.json is not in the snapshot: every VPC is taken to have AWS's DNS defaults (support on, hostnames off)".into(),
            });
        }
        for v in sorted(&s.vpcs, |v| &v.vpc_id) {
            if self.skipped.contains(&v.vpc_id) {
                continue;
            }
            let mut f = vec![("cidr".to_string(), Yaml::str(&v.cidr_block))];
            let secondary: Vec<&str> = v
                .cidr_block_association_set
                .iter()
                .filter(|a| {
                    a.cidr_block != v.cidr_block
                        && aws::AssociationState::live(a.cidr_block_state.as_ref())
                })
                .map(|a| a.cidr_block.as_str())
                .collect();
            if !secondary.is_empty() {
                f.push(("secondary_cidrs".into(), Yaml::strs(secondary)));
            }
            let attributes = s
                .vpc_attributes
                .as_ref()
                .and_then(|all| all.iter().find(|a| a.vpc_id == v.vpc_id));
            if attributes
                .and_then(|a| a.enable_dns_support.as_ref())
                .is_some_and(|b| !b.value)
            {
                f.push(("dns_support".into(), Yaml::Bool(false)));
            }
            if attributes
                .and_then(|a| a.enable_dns_hostnames.as_ref())
                .is_some_and(|b| b.value)
            {
                f.push(("dns_hostnames".into(), Yaml::Bool(true)));
            }
            if v.instance_tenancy.as_deref() == Some("dedicated") {
                f.push(("tenancy".into(), Yaml::str("dedicated")));
            }
            if let Some(d) = v.dhcp_options_id.as_deref().and_then(|d| self.named.get(d)) {
                f.push(("dhcp_options".into(), Yaml::str(d)));
            }
            let mut real = Real::default();
            if let Some(b) = v
                .ipv6_cidr_block_association_set
                .iter()
                .find(|b| aws::AssociationState::live(b.ipv6_cidr_block_state.as_ref()))
            {
                if b.ipv6_pool.as_deref().is_none_or(|p| p == "Amazon") {
                    f.push(("ipv6".into(), Yaml::Bool(true)));
                } else {
                    f.push(("ipv6_cidr".into(), Yaml::str(&b.ipv6_cidr_block)));
                }
                real.ipv6_block = Some(b.ipv6_cidr_block.clone());
            }
            let name = self.names.name(Kind::Vpc, &v.vpc_id, &v.tags);
            self.declare_as(Kind::Vpc, &v.vpc_id, name, &v.tags, f, real);
        }
    }

    fn vpc_ipv6_block(&self, vpc: &str) -> Option<(&str, bool)> {
        let v = self.at.vpcs.get(vpc)?;
        let b = v
            .ipv6_cidr_block_association_set
            .iter()
            .find(|b| aws::AssociationState::live(b.ipv6_cidr_block_state.as_ref()))?;
        Some((
            b.ipv6_cidr_block.as_str(),
            b.ipv6_pool.as_deref().is_none_or(|p| p == "Amazon"),
        ))
    }

    fn subnets(&mut self) -> Result<(), ImportError> {
        const FILE: &str = "describe-subnets.json";
        let s = self.s;
        for x in sorted(&s.subnets, |x| &x.subnet_id) {
            if self.skipped.contains(&x.subnet_id) {
                continue;
            }
            let Some(vpc) = self.reference(FILE, &x.subnet_id, "VPC", &x.vpc_id)? else {
                continue;
            };
            let mut f = vec![
                ("vpc".to_string(), Yaml::str(vpc)),
                ("cidr".into(), Yaml::str(&x.cidr_block)),
                ("az".into(), Yaml::str(&x.availability_zone)),
            ];
            if x.map_public_ip_on_launch {
                f.push(("public_ip_on_launch".into(), Yaml::Bool(true)));
            }
            let mut real = Real::default();
            if let Some(b) = x
                .ipv6_cidr_block_association_set
                .iter()
                .find(|b| aws::AssociationState::live(b.ipv6_cidr_block_state.as_ref()))
            {
                match self.ipv6_index(&x.vpc_id, &b.ipv6_cidr_block) {
                    Some(i) => f.push(("ipv6_index".into(), Yaml::Int(i))),
                    None => f.push(("ipv6_cidr".into(), Yaml::str(&b.ipv6_cidr_block))),
                }
                real.ipv6_block = Some(b.ipv6_cidr_block.clone());
            }
            if x.assign_ipv6_address_on_creation {
                f.push(("assign_ipv6_on_creation".into(), Yaml::Bool(true)));
            }
            let name = self.names.name(Kind::Subnet, &x.subnet_id, &x.tags);
            self.declare_as(Kind::Subnet, &x.subnet_id, name, &x.tags, f, real);
        }
        Ok(())
    }

    /// A /64 of an Amazon-provided /56 as its index in the /56.
    fn ipv6_index(&self, vpc: &str, block: &str) -> Option<i64> {
        let (vpc_block, amazon) = self.vpc_ipv6_block(vpc)?;
        let parse = |b: &str| -> Option<(Ipv6Addr, u8)> {
            let (a, p) = b.split_once('/')?;
            Some((a.parse().ok()?, p.parse().ok()?))
        };
        let ((base, 56), (net, 64)) = (parse(vpc_block)?, parse(block)?) else {
            return None;
        };
        let offset = (u128::from(net) >> 64).checked_sub(u128::from(base) >> 64)?;
        (amazon && offset < 256).then_some(offset as i64)
    }

    fn internet_gateways(&mut self) -> Result<(), ImportError> {
        let s = self.s;
        for g in sorted(&s.internet_gateways, |g| &g.internet_gateway_id) {
            if self.skipped.contains(&g.internet_gateway_id) {
                continue;
            }
            let Some(a) = g.attachments.first() else {
                note(
                    &mut self.notes,
                    &g.internet_gateway_id,
                    "an internet gateway attached to no VPC; skyplan's are attached to one, so the specs leave it out",
                );
                continue;
            };
            let Some(vpc) = self.reference(
                "describe-internet-gateways.json",
                &g.internet_gateway_id,
                "VPC",
                &a.vpc_id,
            )?
            else {
                continue;
            };
            self.declare(
                Kind::InternetGateway,
                &g.internet_gateway_id,
                &g.tags,
                vec![("vpc".into(), Yaml::str(vpc))],
            );
        }
        for g in sorted(&s.egress_only_internet_gateways, |g| {
            &g.egress_only_internet_gateway_id
        }) {
            let Some(a) = g.attachments.first() else {
                note(
                    &mut self.notes,
                    &g.egress_only_internet_gateway_id,
                    "an egress-only internet gateway attached to no VPC: left out",
                );
                continue;
            };
            if self.in_skipped_vpc(&a.vpc_id) {
                continue;
            }
            let Some(vpc) = self.reference(
                "describe-egress-only-internet-gateways.json",
                &g.egress_only_internet_gateway_id,
                "VPC",
                &a.vpc_id,
            )?
            else {
                continue;
            };
            self.declare(
                Kind::EgressOnlyInternetGateway,
                &g.egress_only_internet_gateway_id,
                &g.tags,
                vec![("vpc".into(), Yaml::str(vpc))],
            );
        }
        Ok(())
    }

    fn elastic_ips(&mut self) {
        let s = self.s;
        for e in sorted(&s.addresses, |e| {
            e.allocation_id.as_deref().unwrap_or(&e.public_ip)
        }) {
            let Some(id) = e.allocation_id.as_deref() else {
                note(
                    &mut self.notes,
                    &e.public_ip,
                    "an EC2-Classic address (no allocation id): left out",
                );
                continue;
            };
            let name = self.names.name(Kind::ElasticIp, id, &e.tags);
            let real = Real {
                public_ip: e.public_ip.parse().ok(),
                ..Real::default()
            };
            self.declare_as(Kind::ElasticIp, id, name, &e.tags, Vec::new(), real);
        }
    }

    fn nat_gateways(&mut self) -> Result<(), ImportError> {
        const FILE: &str = "describe-nat-gateways.json";
        let s = self.s;
        for n in sorted(&s.nat_gateways, |n| &n.nat_gateway_id) {
            if matches!(n.state.as_deref(), Some("deleted" | "deleting" | "failed")) {
                self.skipped.insert(n.nat_gateway_id.clone());
                continue;
            }
            let Some(subnet) = self.reference(FILE, &n.nat_gateway_id, "subnet", &n.subnet_id)?
            else {
                self.skipped.insert(n.nat_gateway_id.clone());
                continue;
            };
            let mut real = Real {
                subnet: Some(subnet.clone()),
                ..Real::default()
            };
            let mut f = vec![("subnet".to_string(), Yaml::str(subnet))];
            let private = n.connectivity_type.as_deref() == Some("private");
            if private {
                f.push(("connectivity".into(), Yaml::str("private")));
            }
            let primary = n
                .nat_gateway_addresses
                .iter()
                .find(|a| a.is_primary != Some(false));
            if let Some(a) = primary {
                real.private_ip = self.private_address(
                    FILE,
                    &n.nat_gateway_id,
                    &n.subnet_id,
                    a.private_ip.as_deref(),
                )?;
                if let Some(ip) = &a.public_ip {
                    real.public_ip = Some(ipv4(FILE, &n.nat_gateway_id, ip)?);
                }
                if let (false, Some(alloc)) = (private, &a.allocation_id)
                    && let Some(eip) =
                        self.reference(FILE, &n.nat_gateway_id, "elastic IP", alloc)?
                {
                    f.push(("elastic_ip".into(), Yaml::str(eip)));
                }
            }
            if n.nat_gateway_addresses.len() > 1 {
                note(
                    &mut self.notes,
                    &n.nat_gateway_id,
                    "secondary addresses of a NAT gateway are not in the spec language; only its primary address is imported",
                );
            }
            let name = self
                .names
                .name(Kind::NatGateway, &n.nat_gateway_id, &n.tags);
            self.declare_as(Kind::NatGateway, &n.nat_gateway_id, name, &n.tags, f, real);
        }
        Ok(())
    }
}

/// The region every resource is in: `--region`, else the zones of the
/// subnets, instances and volumes, which must agree.
fn region(s: &Snapshot, options: &Options) -> Result<String, ImportError> {
    let zones = s
        .subnets
        .iter()
        .map(|x| {
            (
                "describe-subnets.json",
                x.subnet_id.as_str(),
                x.availability_zone.as_str(),
            )
        })
        .chain(s.volumes.iter().map(|v| {
            (
                "describe-volumes.json",
                v.volume_id.as_str(),
                v.availability_zone.as_str(),
            )
        }));
    let mut expected = options.region.clone();
    for (file, id, zone) in zones {
        let region = region_of_zone(zone);
        match &expected {
            None => expected = Some(region),
            Some(e) if *e == region => {}
            Some(e) => {
                return Err(ImportError::new(
                    file,
                    Some(id),
                    Problem::OtherRegion {
                        region,
                        expected: e.clone(),
                    },
                ));
            }
        }
    }
    expected.ok_or_else(|| {
        ImportError::new(
            "describe-subnets.json",
            None,
            Problem::Malformed("no subnet or volume says the region: give it with --region".into()),
        )
    })
}

/// `items` in the order of their ids, so names are given the same way on
/// every run.
pub(crate) fn sorted<T>(items: &[T], id: impl Fn(&T) -> &str) -> Vec<&T> {
    let mut v: Vec<&T> = items.iter().collect();
    v.sort_by(|a, b| id(a).cmp(id(b)));
    v
}

impl Builder<'_> {
    /// The spec files: `defaults` (the region, and the tags every resource
    /// carries) and each kind's declarations, by file.
    fn write(&mut self) -> Vec<(String, String)> {
        let shared = shared_tags(&self.decls);
        let mut files = Vec::new();
        for file in FILES {
            let kinds = kinds_of(file);
            let mut text = String::from("# Imported by `skyplan import`.\n");
            if file == "network.yaml" {
                let mut defaults = vec![("region".to_string(), Yaml::str(&self.region))];
                if !shared.is_empty() {
                    defaults.push(("tags".into(), tags_yaml(&shared)));
                }
                Yaml::write_field(&mut text, 0, "defaults", &Yaml::Map(defaults));
            }
            for kind in &kinds {
                let mut decls: Vec<&Decl> = self.decls.iter().filter(|d| d.kind == *kind).collect();
                decls.sort_by(|a, b| a.name.cmp(&b.name));
                if decls.is_empty() {
                    continue;
                }
                text.push_str(&format!("\n{}:\n", kind.plural()));
                for d in decls {
                    let mut fields = d.fields.clone();
                    if *kind == Kind::Vpc {
                        fields.extend(self.vpc_extra.remove(&d.name).unwrap_or_default());
                    }
                    let own: BTreeMap<String, String> = d
                        .tags
                        .iter()
                        .filter(|(k, v)| shared.get(*k) != Some(*v))
                        .map(|(k, v)| (k.clone(), v.clone()))
                        .collect();
                    if !own.is_empty() {
                        fields.push(("tags".into(), tags_yaml(&own)));
                    }
                    Yaml::write_field(&mut text, 2, &d.name, &Yaml::Map(fields));
                }
            }
            // A file of kinds the network does not have is not written.
            if file == "network.yaml" || text.lines().count() > 1 {
                files.push((file.to_string(), text));
            }
        }
        files
    }
}

fn tags_yaml(tags: &BTreeMap<String, String>) -> Yaml {
    Yaml::Map(
        tags.iter()
            .map(|(k, v)| (k.clone(), Yaml::str(v)))
            .collect(),
    )
}

/// The tags every declaration carries with the same value (when there are
/// two or more declarations): `defaults.tags`.
fn shared_tags(decls: &[Decl]) -> BTreeMap<String, String> {
    let Some((first, rest)) = decls.split_first() else {
        return BTreeMap::new();
    };
    if rest.is_empty() {
        return BTreeMap::new();
    }
    first
        .tags
        .iter()
        .filter(|(k, v)| rest.iter().all(|d| d.tags.get(*k) == Some(*v)))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}
