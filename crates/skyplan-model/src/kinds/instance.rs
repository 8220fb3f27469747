//! `instance`: the resolved kind, its resolver and its graph edges.

use super::prelude::*;

/// One `instances` entry, shared by its copies.
#[derive(Clone, Debug, PartialEq)]
pub struct InstanceGroup {
    pub common: Common,
    /// The subnet(s) copies are placed in: copy i goes to `subnets[i % n]`.
    pub subnets: Vec<Ref<Subnet>>,
    /// Both `subnet` and `subnets` were written, or neither (a rule reports it).
    pub placement_ambiguous: Option<Span>,
    pub ami: Sp<String>,
    pub instance_type: Sp<String>,
    pub security_groups: Vec<Ref<SecurityGroup>>,
    /// The `security_groups` key, when written.
    pub security_groups_span: Option<Span>,
    pub count: Option<Sp<u32>>,
    pub private_ip: Option<Box<Sp<String>>>,
    pub public_ip: Option<Sp<bool>>,
    pub elastic_ip: Option<Ref<ElasticIp>>,
    pub key_name: Option<Box<Sp<String>>>,
    pub user_data: Option<Box<Sp<String>>>,
    pub state: Option<Sp<InstanceState>>,
    /// Hibernation enabled at launch.
    pub hibernation: Option<Sp<bool>>,
    /// `None`: AWS's default, on.
    pub source_dest_check: Option<Sp<bool>>,
    /// Boxed, as `root_volume`, `private_ip`, `key_name`, `user_data` and
    /// `iam_instance_profile`: few instances set them, and a group holds
    /// room for each (100,000 groups of a large stack are memory touched
    /// once each).
    pub metadata: Option<Box<skyplan_spec::MetadataSpec>>,
    pub iam_instance_profile: Option<Box<Sp<String>>>,
    pub root_volume: Option<Box<RootVolumeSpec>>,
    /// The copies, in index order.
    pub instances: Vec<InstanceId>,
}

impl InstanceGroup {
    /// Whether launching it in `subnet` assigns a public IPv4 address: its
    /// own `public_ip`, else the subnet's `public_ip_on_launch`.
    pub fn public_ip_in(&self, subnet: &Subnet) -> bool {
        self.public_ip
            .as_ref()
            .map_or(subnet.public_ip_on_launch, |p| p.value)
    }

    /// Whether the instance drops traffic not addressed to it (AWS's default).
    pub fn source_dest_check(&self) -> bool {
        Kind::Instance
            .schema()
            .or_default(self.source_dest_check.as_ref(), "source_dest_check")
    }

    /// Whether it runs (a stopped or hibernated instance forwards nothing).
    pub fn running(&self) -> bool {
        let attrs = Kind::Instance.schema().attributes;
        word_or_default_in(attrs, self.state.as_ref(), "state") == InstanceState::Running
    }
}

/// One running copy: `instance.web` or `instance.web[2]`.
#[derive(Clone, Debug, PartialEq)]
pub struct Instance {
    pub group: InstanceGroupId,
    pub index: Option<u32>,
    pub address: String,
    pub subnet: Ref<Subnet>,
}

/// What an instance is launched with, needing no other resource.
#[derive(Clone, Debug, PartialEq)]
pub struct LaunchSettings {
    pub address: String,
    pub ami: Sp<String>,
    pub instance_type: Sp<String>,
    pub user_data: Option<Sp<String>>,
    pub metadata: Option<skyplan_spec::MetadataSpec>,
}

impl Resolver<'_> {
    pub(crate) fn instances(&mut self, m: &mut Model, decls: Vec<Decl<InstanceSpec>>) {
        for d in decls {
            let Some(a) = d.attrs else { continue };
            let common = self.common(Kind::Instance, d.name, &d.tags);
            let from = common.address.clone();
            let placement_ambiguous = match (&a.subnet, &a.subnets) {
                (Some(_), Some(_)) | (None, None) => Some(common.name.span),
                _ => None,
            };
            let subnet_names: Vec<(Sp<String>, &str)> = match (&a.subnet, &a.subnets) {
                (Some(s), _) => vec![(s.clone(), "subnet")],
                (None, Some(list)) => list.value.iter().map(|s| (s.clone(), "subnets")).collect(),
                (None, None) => Vec::new(),
            };
            // Every reference is resolved (and reported) before any failure
            // drops the instance: one mistake must not hide another.
            let subnets: Vec<Ref<Subnet>> = subnet_names
                .iter()
                .filter_map(|(n, field)| self.lookup::<Subnet>(n, field, &from))
                .collect();
            let security_groups =
                self.lookup_all::<SecurityGroup>(&a.security_groups, "security_groups", &from);
            let elastic_ip = a
                .elastic_ip
                .as_ref()
                .and_then(|e| self.lookup::<ElasticIp>(e, "elastic_ip", &from));
            let groups_resolved = security_groups.len() == a.security_groups.len();
            let eip_resolved = a.elastic_ip.is_none() || elastic_ip.is_some();
            if subnets.len() < subnet_names.len() || !groups_resolved || !eip_resolved {
                // Placement or groups would be wrong; its own settings are
                // still checked.
                m.unplaced_instances.push(LaunchSettings {
                    address: from,
                    ami: a.ami,
                    instance_type: a.instance_type,
                    user_data: a.user_data,
                    metadata: a.metadata,
                });
                continue;
            }
            let group_id = Id::new(m.instance_groups.len());
            let copies = a.count.as_ref().map_or(1, |c| c.value);
            let mut instances = Vec::new();
            if !subnets.is_empty() {
                for i in 0..copies {
                    let (index, address) = match a.count {
                        Some(_) => (Some(i), format!("{from}[{i}]")),
                        None => (None, from.clone()),
                    };
                    instances.push(Id::new(m.instances.len()));
                    m.instances.push(Instance {
                        group: group_id,
                        index,
                        address,
                        subnet: subnets[i as usize % subnets.len()],
                    });
                }
            }
            self.register(Kind::Instance, &common, group_id.index());
            m.instance_groups.push(InstanceGroup {
                common,
                subnets,
                placement_ambiguous,
                ami: a.ami,
                instance_type: a.instance_type,
                security_groups,
                security_groups_span: a.security_groups.first().map(|s| s.span),
                count: a.count,
                private_ip: a.private_ip.map(Box::new),
                public_ip: a.public_ip,
                elastic_ip,
                key_name: a.key_name.map(Box::new),
                user_data: a.user_data.map(Box::new),
                state: a.state,
                hibernation: a.hibernation,
                source_dest_check: a.source_dest_check,
                metadata: a.metadata.map(Box::new),
                iam_instance_profile: a.iam_instance_profile.map(Box::new),
                root_volume: a.root_volume.map(Box::new),
                instances,
            });
        }
    }
}

/// Its interface in its subnet, at its `private_ip` when it has one, with
/// its elastic IP or a public address assigned at launch.
pub(crate) fn takes(m: &Model, id: InstanceId) -> Takes {
    let copy = &m.instances[id];
    let group = &m.instance_groups[copy.group];
    let public = match group.elastic_ip {
        Some(e) => PublicAddress::Elastic(e.id),
        None if group.public_ip_in(&m.subnets[copy.subnet.id]) => PublicAddress::AtLaunch,
        None => PublicAddress::None,
    };
    Takes::Interfaces(vec![Interface {
        subnet: copy.subnet.id,
        fixed: group.private_ip.as_ref().and_then(|p| p.value.parse().ok()),
        host: Some(HostId::Instance(id)),
        public,
    }])
}

/// Its references, one edge each.
pub(crate) fn edges(m: &Model, g: &mut DependencyGraph) {
    for (i, r) in m.instances.iter().enumerate() {
        let group = &m.instance_groups[r.group];
        let me = node(Kind::Instance, i);
        let field = if group.subnets.len() > 1 {
            "subnets"
        } else {
            "subnet"
        };
        depends(g, me, r.subnet, field);
        for sg in &group.security_groups {
            depends(g, me, *sg, "security_groups");
        }
        if let Some(e) = group.elastic_ip {
            depends(g, me, e, "elastic_ip");
        }
    }
}
