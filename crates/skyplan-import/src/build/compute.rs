//! Instances and volumes. Instances tagged alike with the same settings,
//! placed round-robin over their subnets, become one declaration with
//! `count` (as `count` places them); any others are one declaration each.

use super::*;

/// An instance's settings as the spec writes them, but its subnet.
struct Launch<'s> {
    instance: &'s aws::Instance,
    subnet: String,
    fields: Vec<(String, Yaml)>,
    tags: BTreeMap<String, String>,
    real: Real,
    /// Its index, when a state already names it as a copy.
    known_index: Option<u32>,
}

impl Builder<'_> {
    pub(super) fn instances(&mut self) -> Result<(), ImportError> {
        let s = self.s;
        // By (named by a state, base name): a state's names are kept.
        let mut groups: BTreeMap<(bool, String), Vec<Launch<'_>>> = BTreeMap::new();
        let mut user_data_noted = false;
        for i in sorted(&s.instances, |i| &i.instance_id) {
            let id = &i.instance_id;
            if self.skipped.contains(id) {
                continue;
            }
            match i.state.name.as_str() {
                "terminated" | "shutting-down" => {
                    self.skipped.insert(id.clone());
                    continue;
                }
                _ => {}
            }
            if let Some(t) = i.tags.iter().find(|t| t.key == "aws:autoscaling:groupName") {
                self.skipped.insert(id.clone());
                if self.has_auto_scaling() {
                    // Its group's: imported with the group.
                    continue;
                }
                note(
                    &mut self.notes,
                    id,
                    format!(
                        "launched by auto scaling group {}, and autoscaling-describe-auto-scaling-groups.json is not in the snapshot: left out",
                        t.value
                    ),
                );
                continue;
            }
            let Some(mut launch) = self.launch(i)? else {
                continue;
            };
            if s.user_data.is_none() && !user_data_noted {
                user_data_noted = true;
                self.notes.push(Note {
                    id: None,
                    text: "describe-instance-user-data.json is not in the snapshot: the specs leave instances' `user_data` out".into(),
                });
            }
            let key = match self.names.known(Kind::Instance, id) {
                Some(a) => {
                    launch.known_index = a.index;
                    (true, a.name.clone())
                }
                None => (
                    false,
                    crate::names::name_tag(&i.tags)
                        .map(str::to_string)
                        .unwrap_or_else(|| id.clone()),
                ),
            };
            groups.entry(key).or_default().push(launch);
        }
        for ((known, base), launches) in groups {
            self.instance_group(known, base, launches);
        }
        Ok(())
    }

    /// Declares one group of instances tagged alike: with `count` when they
    /// are copies `count` would make, else one by one.
    /// A group a state names (`known`) keeps its name and indices when they
    /// still describe it.
    fn instance_group(&mut self, known: bool, base: String, launches: Vec<Launch<'_>>) {
        let arranged = if known {
            known_copies(launches)
        } else {
            copies(launches)
        };
        let launches = match arranged {
            Ok((subnets, launches)) => {
                let counted = launches.len() > 1 || launches[0].known_index.is_some();
                let name = if known {
                    base
                } else {
                    self.names.unique(Kind::Instance, base)
                };
                self.copies(name, subnets, launches, counted);
                return;
            }
            Err(launches) => launches,
        };
        for l in launches {
            let name = self.names.unique(Kind::Instance, base.clone());
            let subnet = l.subnet.clone();
            self.copies(name, vec![subnet], vec![l], false);
        }
    }

    /// Declares copies as one declaration (with `count` when `counted`),
    /// or one instance alone.
    fn copies(
        &mut self,
        name: String,
        subnets: Vec<String>,
        launches: Vec<Launch<'_>>,
        counted: bool,
    ) {
        let mut fields = Vec::new();
        match subnets.as_slice() {
            [one] => fields.push(("subnet".to_string(), Yaml::str(one))),
            many => fields.push(("subnets".to_string(), Yaml::strs(many.iter().cloned()))),
        }
        fields.extend(launches[0].fields.iter().cloned());
        if counted {
            fields.push(("count".into(), Yaml::Int(launches.len() as i64)));
        }
        let tags = launches[0].tags.clone();
        for (k, l) in launches.into_iter().enumerate() {
            let index = counted.then_some(k as u32);
            let shown = match index {
                Some(k) => format!("{name}[{k}]"),
                None => name.clone(),
            };
            self.instance_names
                .insert(l.instance.instance_id.clone(), shown);
            self.observe(
                Kind::Instance,
                &name,
                index,
                Real {
                    id: l.instance.instance_id.clone(),
                    ..l.real
                },
            );
        }
        self.decls.push(Decl {
            kind: Kind::Instance,
            name,
            fields,
            tags,
        });
    }

    /// One instance's settings; `None` when it is in a left-out subnet.
    fn launch<'i>(&mut self, i: &'i aws::Instance) -> Result<Option<Launch<'i>>, ImportError> {
        const FILE: &str = "describe-instances.json";
        let id = &i.instance_id;
        let Some(subnet_id) = &i.subnet_id else {
            note(
                &mut self.notes,
                id,
                "an instance in no subnet (EC2-Classic): left out",
            );
            return Ok(None);
        };
        let Some(subnet) = self.reference(FILE, id, "subnet", subnet_id)? else {
            self.skipped.insert(id.clone());
            return Ok(None);
        };
        let mut f = vec![
            ("ami".to_string(), Yaml::str(&i.image_id)),
            ("type".into(), Yaml::str(&i.instance_type)),
        ];
        let ids = i.security_groups.iter().map(|g| g.group_id.as_str());
        let groups = self.host_groups(FILE, id, ids)?;
        if !groups.is_empty() {
            f.push(("security_groups".into(), Yaml::strs(groups)));
        }
        let eip =
            (self.at.elastic_ip_of.get(id.as_str())).and_then(|a| self.named.get(*a).cloned());
        let subnet_public =
            (self.at.subnets.get(subnet_id.as_str())).is_some_and(|x| x.map_public_ip_on_launch);
        match &eip {
            Some(e) => f.push(("elastic_ip".into(), Yaml::str(e))),
            None => {
                let public = i.public_ip_address.is_some();
                if public != subnet_public {
                    f.push(("public_ip".into(), Yaml::Bool(public)));
                }
            }
        }
        if let Some(k) = &i.key_name {
            f.push(("key_name".into(), Yaml::str(k)));
        }
        match (
            i.state.name.as_str(),
            i.state_reason.as_ref().map(|r| r.code.as_str()),
        ) {
            ("stopped" | "stopping", Some("Client.UserInitiatedHibernate")) => {
                f.push(("state".into(), Yaml::str("hibernated")))
            }
            ("stopped" | "stopping", _) => f.push(("state".into(), Yaml::str("stopped"))),
            _ => {}
        }
        if i.hibernation_options.as_ref().is_some_and(|h| h.configured) {
            f.push(("hibernation".into(), Yaml::Bool(true)));
        }
        if i.source_dest_check == Some(false) {
            f.push(("source_dest_check".into(), Yaml::Bool(false)));
        }
        f.extend(metadata(i.metadata_options.as_ref()));
        if let Some(p) = &i.iam_instance_profile {
            let name = p.arn.rsplit('/').next().unwrap_or(&p.arn);
            f.push(("iam_instance_profile".into(), Yaml::str(name)));
        }
        if let Some(encoded) = self
            .s
            .user_data
            .as_ref()
            .and_then(|all| all.get(id.as_str()))
            .and_then(Option::as_deref)
        {
            f.push(user_data("describe-instance-user-data.json", id, encoded)?);
        }
        if let Some(root) = self.root_volume(i) {
            f.push(("root_volume".into(), root));
        }
        let mut real = Real {
            subnet: Some(subnet.clone()),
            ..Real::default()
        };
        real.private_ip =
            self.private_address(FILE, id, subnet_id, i.private_ip_address.as_deref())?;
        if let Some(ip) = &i.public_ip_address {
            real.public_ip = Some(ipv4(FILE, id, ip)?);
        }
        real.ipv6_address = i
            .network_interfaces
            .iter()
            .find(|n| n.attachment.as_ref().is_none_or(|a| a.device_index == 0))
            .and_then(|n| n.ipv6_addresses.first())
            .and_then(|a| a.ipv6_address.parse().ok());
        let name = crate::names::name_tag(&i.tags).unwrap_or_default();
        Ok(Some(Launch {
            instance: i,
            subnet,
            fields: f,
            tags: own_tags(&i.tags, name),
            real,
            known_index: None,
        }))
    }

    /// The root device's volume, as `root_volume`.
    fn root_volume(&self, i: &aws::Instance) -> Option<Yaml> {
        let root = i.root_device_name.as_deref()?;
        let mapping = i
            .block_device_mappings
            .iter()
            .find(|m| m.device_name == root)?;
        let volume_id = &mapping.ebs.as_ref()?.volume_id;
        let v = self.at.volumes.get(volume_id.as_str())?;
        let mut m = volume_settings(v);
        m.push(("encrypted".into(), Yaml::Bool(v.encrypted)));
        Some(Yaml::Map(m))
    }

    pub(super) fn volumes(&mut self) -> Result<(), ImportError> {
        const FILE: &str = "describe-volumes.json";
        let s = self.s;
        let roots: BTreeSet<&str> = s
            .instances
            .iter()
            .flat_map(|i| {
                i.block_device_mappings
                    .iter()
                    .filter(|m| Some(&m.device_name) == i.root_device_name.as_ref())
                    .filter_map(|m| m.ebs.as_ref().map(|e| e.volume_id.as_str()))
            })
            .collect();
        for v in sorted(&s.volumes, |v| &v.volume_id) {
            let id = &v.volume_id;
            if roots.contains(id.as_str()) {
                continue;
            }
            let mut f = vec![("az".to_string(), Yaml::str(&v.availability_zone))];
            f.extend(volume_settings(v));
            if let Some(a) = v.attachments.first() {
                match self.instance_names.get(&a.instance_id) {
                    Some(instance) => f.push((
                        "attach".into(),
                        Yaml::Map(vec![
                            ("instance".into(), Yaml::str(instance)),
                            ("device".into(), Yaml::str(&a.device)),
                        ]),
                    )),
                    None if self.skipped.contains(&a.instance_id) => {
                        note(
                            &mut self.notes,
                            id,
                            format!(
                                "attached to {}, which is left out: imported unattached",
                                a.instance_id
                            ),
                        );
                    }
                    None => {
                        return Err(ImportError::new(
                            FILE,
                            Some(id),
                            Problem::Absent {
                                what: "instance",
                                id: a.instance_id.clone(),
                            },
                        ));
                    }
                }
            }
            if v.encrypted {
                note(
                    &mut self.notes,
                    id,
                    "an encrypted volume: a volume's `encrypted` is not in the spec language yet, so the specs do not say it",
                );
            }
            self.declare(Kind::Volume, id, &v.tags, f);
        }
        Ok(())
    }
}

/// Size, type, and the IOPS and throughput of the types that have them.
fn volume_settings(v: &aws::Volume) -> Vec<(String, Yaml)> {
    let mut m = vec![
        ("size_gb".to_string(), Yaml::Int(v.size)),
        ("type".into(), Yaml::str(&v.volume_type)),
    ];
    if let (Some(iops), "gp3" | "io1" | "io2") = (v.iops, v.volume_type.as_str()) {
        m.push(("iops".into(), Yaml::Int(iops)));
    }
    if let (Some(t), "gp3") = (v.throughput, v.volume_type.as_str()) {
        m.push(("throughput".into(), Yaml::Int(t)));
    }
    m
}

/// The subnets of a group a state names, and its instances by their
/// indices, when they are still the copies `count` makes with those
/// indices (every index from 0, the same settings, copy k in subnet k mod
/// n). A single instance without an index is itself.
#[allow(clippy::type_complexity)]
fn known_copies(
    mut launches: Vec<Launch<'_>>,
) -> Result<(Vec<String>, Vec<Launch<'_>>), Vec<Launch<'_>>> {
    if let [one] = launches.as_slice()
        && one.known_index.is_none()
    {
        return Ok((vec![one.subnet.clone()], launches));
    }
    launches.sort_by_key(|l| l.known_index);
    let indexed = launches
        .iter()
        .enumerate()
        .all(|(k, l)| l.known_index == Some(k as u32));
    let Some(first) = launches.first() else {
        return Err(launches);
    };
    let alike = launches
        .iter()
        .all(|l| l.fields == first.fields && l.tags == first.tags);
    let distinct: BTreeSet<&str> = launches.iter().map(|l| l.subnet.as_str()).collect();
    let n = distinct.len();
    let order: Vec<String> = launches.iter().take(n).map(|l| l.subnet.clone()).collect();
    let round_robin = order.iter().collect::<BTreeSet<_>>().len() == n
        && launches
            .iter()
            .enumerate()
            .all(|(k, l)| l.subnet == order[k % n]);
    if indexed && alike && round_robin {
        Ok((order, launches))
    } else {
        Err(launches)
    }
}

/// The subnets of a group of instances, and the instances in the order
/// of their copies, when they are the copies `count` makes: the same
/// settings and tags, copy k in subnet k mod n (subnets with more copies
/// first, then by name; within a subnet, by id). Otherwise the group back.
#[allow(clippy::type_complexity)]
fn copies(launches: Vec<Launch<'_>>) -> Result<(Vec<String>, Vec<Launch<'_>>), Vec<Launch<'_>>> {
    let Some(first) = launches.first() else {
        return Err(launches);
    };
    if launches.len() == 1 {
        return Ok((vec![first.subnet.clone()], launches));
    }
    let alike = launches.iter().all(|l| {
        l.fields == first.fields
            && l.tags == first.tags
            && !l.fields.iter().any(|(k, _)| k == "elastic_ip")
    });
    if !alike {
        return Err(launches);
    }
    let mut per_subnet: BTreeMap<String, usize> = BTreeMap::new();
    for l in &launches {
        *per_subnet.entry(l.subnet.clone()).or_default() += 1;
    }
    let mut subnets: Vec<(String, usize)> = per_subnet.into_iter().collect();
    subnets.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let (n, count) = (subnets.len(), launches.len());
    let round_robin = subnets
        .iter()
        .enumerate()
        .all(|(k, (_, c))| *c == (count - k).div_ceil(n));
    if !round_robin {
        return Err(launches);
    }
    let order: Vec<String> = subnets.into_iter().map(|(s, _)| s).collect();
    let mut queues: Vec<std::collections::VecDeque<Launch<'_>>> =
        (0..n).map(|_| Default::default()).collect();
    for l in launches {
        let at = order.iter().position(|s| *s == l.subnet).unwrap_or(0);
        queues[at].push_back(l);
    }
    let arranged = (0..count)
        .filter_map(|k| queues[k % n].pop_front())
        .collect();
    Ok((order, arranged))
}
