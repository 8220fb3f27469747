//! Load balancers with their listeners, target groups with their targets,
//! and auto scaling groups with the launch templates they launch (a
//! launch template no group uses is not a resource of the spec language:
//! noted). A load balancer's, target group's and launch template's name is
//! its AWS name.

use super::*;
use skyplan_spec::{
    DEFAULT_COOKIE_DURATION, DEFAULT_DEREGISTRATION_DELAY, DEFAULT_IDLE_TIMEOUT,
    DEFAULT_SSL_POLICY, HealthCheckDefaults,
};

impl Builder<'_> {
    /// Whether the snapshot holds the auto scaling groups (their instances
    /// are theirs, not plain instances).
    pub(super) fn has_auto_scaling(&self) -> bool {
        self.s.auto_scaling_present
    }

    pub(super) fn target_groups(&mut self) -> Result<(), ImportError> {
        const FILE: &str = "elbv2-describe-target-groups.json";
        let s = self.s;
        let attributes = (s.target_group_attributes.as_ref())
            .map(|all| by_arn(all.iter().map(|a| (&a.target_group_arn, &a.attributes))));
        for t in sorted(&s.target_groups, |t| &t.target_group_arn) {
            let arn = &t.target_group_arn;
            let Some(vpc_id) = &t.vpc_id else {
                note(
                    &mut self.notes,
                    arn,
                    "a target group of Lambda functions: left out (skyplan's target groups are of instances)",
                );
                continue;
            };
            if self.in_skipped_vpc(vpc_id) {
                self.skipped.insert(arn.clone());
                continue;
            }
            let ip = t.target_type.as_deref() == Some("ip");
            if t.target_type
                .as_deref()
                .is_some_and(|k| k != "instance" && k != "ip")
            {
                self.skipped.insert(arn.clone());
                note(
                    &mut self.notes,
                    arn,
                    format!(
                        "a target group of `{}` targets: left out (skyplan's target groups are of instances or IP addresses)",
                        t.target_type.as_deref().unwrap_or_default()
                    ),
                );
                continue;
            }
            let Some(vpc) = self.reference(FILE, arn, "VPC", vpc_id)? else {
                continue;
            };
            let protocol = t.protocol.clone().unwrap_or_default();
            let mut f = vec![
                ("vpc".to_string(), Yaml::str(vpc)),
                ("protocol".into(), Yaml::str(&protocol)),
                ("port".into(), Yaml::Int(t.port.unwrap_or_default())),
            ];
            if ip {
                f.push(("target_type".into(), Yaml::str("ip")));
            }
            let mut targets = Vec::new();
            let mut ip_targets = Vec::new();
            for h in self
                .at
                .target_health
                .get(arn.as_str())
                .into_iter()
                .flatten()
            {
                for d in &h.target_health_descriptions {
                    let id = &d.target.id;
                    if ip {
                        let mut m = vec![("address".to_string(), Yaml::str(id))];
                        if let Some(p) = d.target.port.filter(|p| Some(*p) != t.port) {
                            m.push(("port".into(), Yaml::Int(p)));
                        }
                        ip_targets.push((id.clone(), Yaml::Map(m)));
                        continue;
                    }
                    match self.instance_names.get(id) {
                        Some(name) => targets.push(name.clone()),
                        // An auto scaling group registers its own.
                        None if self.group_of_instance(id).is_some() => {}
                        None => note(
                            &mut self.notes,
                            arn,
                            format!("target {id} is not an imported instance: left out"),
                        ),
                    }
                }
            }
            targets.sort();
            if !targets.is_empty() {
                f.push(("targets".into(), Yaml::strs(targets)));
            }
            ip_targets.sort_by_key(|(id, _)| (id.parse::<std::net::Ipv4Addr>().ok(), id.clone()));
            if !ip_targets.is_empty() {
                let list = ip_targets.into_iter().map(|(_, y)| y).collect();
                f.push(("ip_targets".into(), Yaml::List(list)));
            }
            if let Some(check) = health_check(t, &protocol) {
                f.push(("health_check".into(), check));
            }
            match &attributes {
                Some(of) => {
                    let these = of.get(arn.as_str()).copied().unwrap_or_default();
                    target_group_attributes(these, &mut f);
                }
                None => note(
                    &mut self.notes,
                    arn,
                    "the snapshot has no elbv2-describe-target-group-attributes.json: its deregistration delay and stickiness are not imported",
                ),
            }
            let tags = s.elb_tags.get(arn).cloned().unwrap_or_default();
            let name = self
                .names
                .named(Kind::TargetGroup, arn, &t.target_group_name);
            self.declare_as(Kind::TargetGroup, arn, name, &tags, f, Real::default());
        }
        Ok(())
    }

    pub(super) fn load_balancers(&mut self) -> Result<(), ImportError> {
        const FILE: &str = "elbv2-describe-load-balancers.json";
        let s = self.s;
        let attributes = (s.load_balancer_attributes.as_ref())
            .map(|all| by_arn(all.iter().map(|a| (&a.load_balancer_arn, &a.attributes))));
        for lb in sorted(&s.load_balancers, |l| &l.load_balancer_arn) {
            let arn = &lb.load_balancer_arn;
            if lb.vpc_id.as_deref().is_some_and(|v| self.in_skipped_vpc(v)) {
                continue;
            }
            if !matches!(lb.lb_type.as_str(), "application" | "network") {
                note(
                    &mut self.notes,
                    arn,
                    format!(
                        "a {} load balancer: left out (skyplan's are application or network ones)",
                        lb.lb_type
                    ),
                );
                continue;
            }
            let mut f = vec![("type".to_string(), Yaml::str(&lb.lb_type))];
            if lb.scheme == "internal" {
                f.push(("scheme".into(), Yaml::str("internal")));
            }
            let mut zones: Vec<(String, &aws::LoadBalancerZone)> = Vec::new();
            for z in &lb.availability_zones {
                if let Some(name) = self.reference(FILE, arn, "subnet", &z.subnet_id)? {
                    zones.push((name, z));
                }
            }
            zones.sort_by(|a, b| a.0.cmp(&b.0));
            let mut elastic_ips = Vec::new();
            for (_, z) in &zones {
                let allocation =
                    (z.load_balancer_addresses.iter()).find_map(|a| a.allocation_id.as_deref());
                elastic_ips.push(match allocation {
                    Some(id) => self.reference(FILE, arn, "elastic IP", id)?,
                    None => None,
                });
            }
            if elastic_ips.iter().any(Option::is_some) {
                let mappings = (zones.iter().zip(elastic_ips))
                    .map(|((subnet, _), eip)| {
                        let mut m = vec![("subnet".to_string(), Yaml::str(subnet))];
                        m.extend(eip.map(|e| ("elastic_ip".to_string(), Yaml::str(e))));
                        Yaml::Map(m)
                    })
                    .collect();
                f.push(("subnet_mappings".into(), Yaml::List(mappings)));
            } else {
                f.push((
                    "subnets".into(),
                    Yaml::strs(zones.iter().map(|(n, _)| n.clone())),
                ));
            }
            let mut groups = Vec::new();
            for g in &lb.security_groups {
                groups.extend(self.reference(FILE, arn, "security group", g)?);
            }
            if !groups.is_empty() {
                f.push(("security_groups".into(), Yaml::strs(groups)));
            }
            let these =
                (attributes.as_ref()).map(|of| of.get(arn.as_str()).copied().unwrap_or_default());
            self.balancer_attributes(lb, these, &mut f);
            if lb.ip_address_type.as_deref() == Some("dualstack") {
                f.push(("ip_address_type".into(), Yaml::str("dualstack")));
            }
            let listeners = self.listeners(arn)?;
            if !listeners.is_empty() {
                f.push(("listeners".into(), Yaml::List(listeners)));
            }
            let private_ips = zones
                .iter()
                .map(|(_, z)| self.balancer_address(lb, z))
                .collect::<Option<Vec<Ipv4Addr>>>();
            let real = Real {
                dns_name: lb.dns_name.clone(),
                held: zones
                    .iter()
                    .zip(private_ips.iter().flatten())
                    .map(|((subnet, _), ip)| (subnet.clone(), *ip))
                    .collect(),
                private_ips,
                ..Real::default()
            };
            let tags = s.elb_tags.get(arn).cloned().unwrap_or_default();
            let name = self
                .names
                .named(Kind::LoadBalancer, arn, &lb.load_balancer_name);
            self.declare_as(Kind::LoadBalancer, arn, name, &tags, f, real);
        }
        Ok(())
    }

    /// A load balancer's listeners whose one default action forwards to
    /// one target group, redirects or answers with a fixed response.
    fn listeners(&mut self, lb: &str) -> Result<Vec<Yaml>, ImportError> {
        const FILE: &str = "elbv2-describe-listeners.json";
        let mut out = Vec::new();
        let mut mine: Vec<&aws::Listener> = self.at.listeners.get(lb).cloned().unwrap_or_default();
        mine.sort_by_key(|l| l.port);
        for l in mine {
            let mut m = vec![
                ("port".to_string(), Yaml::Int(l.port)),
                ("protocol".into(), Yaml::str(&l.protocol)),
            ];
            let action = self.action(FILE, lb, &l.default_actions)?;
            let Some(action) = action else {
                note(
                    &mut self.notes,
                    lb,
                    format!(
                        "its listener on port {} does not have one action that forwards to one target group, redirects or answers (weighted groups, authentication), which specs cannot say yet: left out",
                        l.port
                    ),
                );
                continue;
            };
            m.push(action);
            let rules = self.listener_rules(lb, l)?;
            if !rules.is_empty() {
                m.push(("rules".into(), Yaml::List(rules)));
            }
            if let Some(c) = l.certificates.first() {
                m.push(("certificate".into(), Yaml::str(&c.certificate_arn)));
            }
            let policy = l.ssl_policy.as_deref();
            if let Some(p) = policy.filter(|p| *p != DEFAULT_SSL_POLICY) {
                m.push(("ssl_policy".into(), Yaml::str(p)));
            }
            out.push(Yaml::Map(m));
        }
        Ok(out)
    }

    /// A load balancer's access logs, idle timeout (when not AWS's 60 s)
    /// and deletion protection (when on), from its attributes (`None`: the
    /// snapshot has none).
    fn balancer_attributes(
        &mut self,
        lb: &aws::LoadBalancer,
        attributes: Option<&[aws::KeyValue]>,
        f: &mut Vec<(String, Yaml)>,
    ) {
        let Some(attributes) = attributes else {
            note(
                &mut self.notes,
                &lb.load_balancer_arn,
                "the snapshot has no elbv2-describe-load-balancer-attributes.json: its access logs, idle timeout and deletion protection are not imported",
            );
            return;
        };
        let value = |key: &str| {
            (attributes.iter())
                .find(|a| a.key == key)
                .and_then(|a| a.value.as_deref())
        };
        let bucket = value("access_logs.s3.bucket");
        if let (Some("true"), Some(bucket)) = (value("access_logs.s3.enabled"), bucket) {
            let mut logs = vec![("bucket".to_string(), Yaml::str(bucket))];
            if let Some(prefix) = value("access_logs.s3.prefix").filter(|p| !p.is_empty()) {
                logs.push(("prefix".into(), Yaml::str(prefix)));
            }
            f.push(("access_logs".into(), Yaml::Map(logs)));
        }
        let timeout = value("idle_timeout.timeout_seconds").and_then(|v| v.parse::<u64>().ok());
        if let (true, Some(t)) = (
            lb.lb_type == "application",
            timeout.filter(|t| *t != DEFAULT_IDLE_TIMEOUT),
        ) {
            f.push(("idle_timeout".into(), Yaml::Int(t as i64)));
        }
        if value("deletion_protection.enabled") == Some("true") {
            f.push(("deletion_protection".into(), Yaml::Bool(true)));
        }
    }

    /// The one action of a listener or rule that forwards to one target
    /// group, redirects or answers, as its spec key and value.
    fn action(
        &mut self,
        file: &str,
        lb: &str,
        actions: &[aws::ListenerAction],
    ) -> Result<Option<(String, Yaml)>, ImportError> {
        let [a] = actions else {
            return Ok(None);
        };
        Ok(
            match (
                a.action_type.as_str(),
                &a.redirect_config,
                &a.fixed_response_config,
            ) {
                ("forward", _, _) => match a.target_group_arn.as_deref() {
                    Some(group) => self
                        .reference(file, lb, "target group", group)?
                        .map(|tg| ("target_group".to_string(), Yaml::str(tg))),
                    None => None,
                },
                ("redirect", Some(r), _) => Some(("redirect".into(), redirect(r))),
                ("fixed-response", _, Some(f)) => {
                    fixed_response(f).map(|y| ("fixed_response".into(), y))
                }
                _ => None,
            },
        )
    }

    /// A listener's rules but its default one, by priority; a rule with a
    /// condition or action specs cannot say is noted and left out.
    fn listener_rules(&mut self, lb: &str, l: &aws::Listener) -> Result<Vec<Yaml>, ImportError> {
        const FILE: &str = "elbv2-describe-rules.json";
        let s = self.s;
        let (Some(arn), Some(all)) = (&l.listener_arn, &s.listener_rules) else {
            note(
                &mut self.notes,
                lb,
                format!(
                    "the snapshot has no elbv2-describe-rules.json: the rules of its listener on port {} are not imported",
                    l.port
                ),
            );
            return Ok(Vec::new());
        };
        let mut out: Vec<(i64, Yaml)> = Vec::new();
        let rules = (all.iter())
            .filter(|r| r.listener_arn == *arn)
            .flat_map(|r| &r.rules)
            .filter(|r| !r.is_default);
        for r in rules {
            let Ok(priority) = r.priority.parse::<i64>() else {
                continue;
            };
            let mut m = vec![("priority".to_string(), Yaml::Int(priority))];
            let mut said = true;
            for c in &r.conditions {
                let (key, config) = match c.field.as_deref() {
                    Some("host-header") => ("hosts", &c.host_header_config),
                    Some("path-pattern") => ("paths", &c.path_pattern_config),
                    _ => {
                        said = false;
                        continue;
                    }
                };
                let values = config.as_ref().map_or(&c.values, |v| &v.values);
                m.push((key.into(), Yaml::strs(values.iter().cloned())));
            }
            let action = self.action(FILE, lb, &r.actions)?;
            let (true, Some(action)) = (said, action) else {
                note(
                    &mut self.notes,
                    lb,
                    format!(
                        "its listener on port {} has rule {priority}, whose condition or action specs cannot say yet (headers, methods, query strings, source addresses; weighted groups, authentication): left out",
                        l.port
                    ),
                );
                continue;
            };
            m.push(action);
            out.push((priority, Yaml::Map(m)));
        }
        out.sort_by_key(|(p, _)| *p);
        Ok(out.into_iter().map(|(_, y)| y).collect())
    }

    /// A load balancer's address in one subnet: the zone's (network load
    /// balancers report it), else its network interface's there.
    fn balancer_address(
        &self,
        lb: &aws::LoadBalancer,
        zone: &aws::LoadBalancerZone,
    ) -> Option<Ipv4Addr> {
        if let Some(ip) = zone
            .load_balancer_addresses
            .iter()
            .find_map(|a| a.private_ipv4_address.as_deref())
        {
            return ip.parse().ok();
        }
        // An ELB interface's description is `ELB app/NAME/ID` (or `net/`).
        let marker = lb
            .load_balancer_arn
            .rsplit_once(":loadbalancer/")
            .map(|(_, tail)| format!("ELB {tail}"))?;
        (self.at.described_interfaces)
            .get(&(zone.subnet_id.as_str(), marker.as_str()))
            .and_then(|i| i.private_ip_address.as_deref()?.parse().ok())
    }

    /// The auto scaling group that launched an instance.
    fn group_of_instance(&self, id: &str) -> Option<&str> {
        self.at
            .instances
            .get(id)?
            .tags
            .iter()
            .find(|t| t.key == "aws:autoscaling:groupName")
            .map(|t| t.value.as_str())
    }

    pub(super) fn auto_scaling_groups(&mut self) -> Result<(), ImportError> {
        const FILE: &str = "autoscaling-describe-auto-scaling-groups.json";
        let s = self.s;
        for g in sorted(&s.auto_scaling_groups, |g| &g.auto_scaling_group_name) {
            let id = g.arn.as_deref().unwrap_or(&g.auto_scaling_group_name);
            let subnet_ids: Vec<&str> = g
                .vpc_zone_identifier
                .as_deref()
                .unwrap_or_default()
                .split(',')
                .map(str::trim)
                .filter(|x| !x.is_empty())
                .collect();
            if subnet_ids.iter().any(|x| self.skipped.contains(*x)) {
                continue;
            }
            let Some(template_id) = g
                .launch_template
                .as_ref()
                .and_then(|t| t.launch_template_id.as_deref())
            else {
                note(
                    &mut self.notes,
                    id,
                    "launches from a launch configuration or a mixed instances policy, which specs cannot say: left out with its instances",
                );
                continue;
            };
            let Some(template) = self.launch_template(FILE, id, template_id)? else {
                continue;
            };
            let mut subnets = Vec::new();
            for x in &subnet_ids {
                subnets.extend(self.reference(FILE, id, "subnet", x)?);
            }
            subnets.sort();
            let mut f = vec![
                ("launch_template".to_string(), Yaml::str(template)),
                ("subnets".into(), Yaml::strs(subnets.iter().cloned())),
                ("min".into(), Yaml::Int(g.min_size)),
                ("max".into(), Yaml::Int(g.max_size)),
            ];
            if g.desired_capacity != g.min_size {
                f.push(("desired".into(), Yaml::Int(g.desired_capacity)));
            }
            let mut groups = Vec::new();
            for t in &g.target_group_arns {
                groups.extend(self.reference(FILE, id, "target group", t)?);
            }
            if !groups.is_empty() {
                f.push(("target_groups".into(), Yaml::strs(groups)));
            }
            let members = self.group_members(g, &subnets);
            let real = Real {
                held: members
                    .iter()
                    .map(|m| (m.subnet.clone(), m.private_ip))
                    .collect(),
                group_instances: Some(members),
                ..Real::default()
            };
            let preferred = crate::names::name_tag(&g.tags)
                .unwrap_or(&g.auto_scaling_group_name)
                .to_string();
            let name = self.names.named(Kind::AutoScalingGroup, id, &preferred);
            self.declare_as(Kind::AutoScalingGroup, id, name, &g.tags, f, real);
        }
        for v in sorted(&s.launch_template_versions, |v| &v.launch_template_id) {
            if !self.named.contains_key(&v.launch_template_id) {
                note(
                    &mut self.notes,
                    &v.launch_template_id,
                    "a launch template no imported auto scaling group launches: left out",
                );
            }
        }
        Ok(())
    }

    /// The group's instances as apply's state keeps them: subnet by subnet
    /// in the order of `subnets`, by id within one.
    fn group_members(&self, g: &aws::AutoScalingGroup, subnets: &[String]) -> Vec<Member> {
        let mut members: Vec<Member> = g
            .instances
            .iter()
            .filter_map(|m| {
                let i = self.at.instances.get(m.instance_id.as_str())?;
                let subnet = self.named.get(i.subnet_id.as_deref()?)?.clone();
                Some(Member {
                    id: m.instance_id.clone(),
                    subnet,
                    private_ip: i.private_ip_address.as_deref()?.parse().ok()?,
                    ipv6_address: i
                        .network_interfaces
                        .iter()
                        .find_map(|n| n.ipv6_addresses.first())
                        .and_then(|a| a.ipv6_address.parse().ok()),
                })
            })
            .collect();
        members.sort_by_key(|m| (subnets.iter().position(|s| *s == m.subnet), m.id.clone()));
        members
    }

    /// Declares the launch template a group launches (once); its name.
    fn launch_template(
        &mut self,
        file: &str,
        group: &str,
        id: &str,
    ) -> Result<Option<String>, ImportError> {
        if let Some(name) = self.named.get(id) {
            return Ok(Some(name.clone()));
        }
        let s = self.s;
        let Some(v) = (self.at.template_versions.get(id).into_iter().flatten())
            .max_by_key(|v| v.version_number)
        else {
            return Err(ImportError::new(
                file,
                Some(group),
                Problem::Absent {
                    what: "launch template",
                    id: id.to_string(),
                },
            ));
        };
        let d = &v.launch_template_data;
        let mut f = vec![
            (
                "ami".to_string(),
                Yaml::str(d.image_id.clone().unwrap_or_default()),
            ),
            (
                "type".into(),
                Yaml::str(d.instance_type.clone().unwrap_or_default()),
            ),
        ];
        let mut groups = Vec::new();
        for g in &d.security_group_ids {
            groups.extend(self.reference(
                "describe-launch-template-versions.json",
                id,
                "security group",
                g,
            )?);
        }
        if !groups.is_empty() {
            f.push(("security_groups".into(), Yaml::strs(groups)));
        }
        if let Some(k) = &d.key_name {
            f.push(("key_name".into(), Yaml::str(k)));
        }
        if let Some(encoded) = &d.user_data {
            f.push(user_data(
                "describe-launch-template-versions.json",
                id,
                encoded,
            )?);
        }
        f.extend(metadata(d.metadata_options.as_ref()));
        if let Some(p) = &d.iam_instance_profile {
            let name = p.name.clone().or_else(|| {
                p.arn
                    .as_deref()
                    .and_then(|a| a.rsplit('/').next())
                    .map(str::to_string)
            });
            if let Some(name) = name {
                f.push(("iam_instance_profile".into(), Yaml::str(name)));
            }
        }
        if !d.block_device_mappings.is_empty() {
            note(
                &mut self.notes,
                id,
                "its block device mappings: which is the root volume depends on the AMI, so `root_volume` is left out",
            );
        }
        let tags = d
            .tag_specifications
            .iter()
            .find(|t| t.resource_type.as_deref() == Some("launch-template"))
            .map(|t| t.tags.clone())
            .or_else(|| s.launch_template_tags.get(id).cloned())
            .unwrap_or_default();
        let preferred = v
            .launch_template_name
            .clone()
            .unwrap_or_else(|| id.to_string());
        let name = self.names.named(Kind::LaunchTemplate, id, &preferred);
        self.declare_as(
            Kind::LaunchTemplate,
            id,
            name.clone(),
            &tags,
            f,
            Real::default(),
        );
        Ok(Some(name))
    }
}

/// A group instance as the state keeps it.
#[derive(Clone, Debug)]
pub(crate) struct Member {
    pub(crate) id: String,
    pub(crate) subnet: String,
    pub(crate) private_ip: Ipv4Addr,
    pub(crate) ipv6_address: Option<Ipv6Addr>,
}

/// A target group's health check, when it is not AWS's default for the
/// group (its protocol, the traffic port, `/` for HTTP and HTTPS).
fn health_check(t: &aws::TargetGroup, protocol: &str) -> Option<Yaml> {
    let check_protocol = t.health_check_protocol.as_deref().unwrap_or(protocol);
    let port = t.health_check_port.as_deref().unwrap_or("traffic-port");
    let path = t.health_check_path.as_deref();
    let web = matches!(check_protocol, "HTTP" | "HTTPS");
    let default_protocol = HealthCheckDefaults::protocol(protocol);
    let default_path = web.then_some(HealthCheckDefaults::PATH);
    let mut m = Vec::new();
    if check_protocol != default_protocol || port != "traffic-port" || path != default_path {
        m.push(("protocol".to_string(), Yaml::str(check_protocol)));
        m.push(("port".into(), Yaml::str(port)));
        if let (true, Some(p)) = (web, path) {
            m.push(("path".into(), Yaml::str(p)));
        }
    }
    // A value equal to AWS's default is left to AWS, as the plan does.
    let d = HealthCheckDefaults::of(protocol, check_protocol);
    for (key, value, default) in [
        ("interval", t.health_check_interval_seconds, d.interval),
        ("timeout", t.health_check_timeout_seconds, d.timeout),
        (
            "healthy_threshold",
            t.healthy_threshold_count,
            d.healthy_threshold,
        ),
        (
            "unhealthy_threshold",
            t.unhealthy_threshold_count,
            d.unhealthy_threshold,
        ),
    ] {
        if let Some(v) = value.filter(|v| *v != default) {
            m.push((key.to_string(), Yaml::Int(v as i64)));
        }
    }
    let matcher = (t.matcher.as_ref()).and_then(|m| m.http_code.as_deref());
    if let (true, Some(code)) = (web, matcher.filter(|c| *c != d.matcher)) {
        m.push(("matcher".into(), Yaml::str(code)));
    }
    (!m.is_empty()).then_some(Yaml::Map(m))
}

/// Each resource's attributes by its ARN.
fn by_arn<'a>(
    all: impl Iterator<Item = (&'a String, &'a Vec<aws::KeyValue>)>,
) -> HashMap<&'a str, &'a [aws::KeyValue]> {
    all.map(|(arn, a)| (arn.as_str(), a.as_slice())).collect()
}

/// A target group's deregistration delay (when not AWS's 300 s) and
/// stickiness (when on), from its attributes.
fn target_group_attributes(attributes: &[aws::KeyValue], f: &mut Vec<(String, Yaml)>) {
    let value = |key: &str| {
        (attributes.iter())
            .find(|a| a.key == key)
            .and_then(|a| a.value.as_deref())
    };
    let seconds = |key: &str| value(key).and_then(|v| v.parse::<u64>().ok());
    let delay = seconds("deregistration_delay.timeout_seconds");
    if let Some(d) = delay.filter(|d| *d != DEFAULT_DEREGISTRATION_DELAY) {
        f.push(("deregistration_delay".into(), Yaml::Int(d as i64)));
    }
    if value("stickiness.enabled") != Some("true") {
        return;
    }
    let kind = value("stickiness.type").unwrap_or("lb_cookie");
    let mut m = vec![("type".to_string(), Yaml::str(kind))];
    let duration = match kind {
        "lb_cookie" => seconds("stickiness.lb_cookie.duration_seconds"),
        "app_cookie" => {
            if let Some(name) = value("stickiness.app_cookie.cookie_name") {
                m.push(("cookie_name".into(), Yaml::str(name)));
            }
            seconds("stickiness.app_cookie.duration_seconds")
        }
        _ => None,
    };
    if let Some(d) = duration.filter(|d| *d != DEFAULT_COOKIE_DURATION) {
        m.push(("duration".into(), Yaml::Int(d as i64)));
    }
    f.push(("stickiness".into(), Yaml::Map(m)));
}

/// A redirect as a spec writes it: the parts that are not AWS's defaults.
fn redirect(r: &aws::RedirectConfig) -> Yaml {
    let mut out = Vec::new();
    for (key, value, default) in [
        ("protocol", &r.protocol, "#{protocol}"),
        ("port", &r.port, "#{port}"),
        ("host", &r.host, "#{host}"),
        ("path", &r.path, "/#{path}"),
        ("query", &r.query, "#{query}"),
    ] {
        if let Some(v) = value.as_deref().filter(|v| *v != default) {
            out.push((key.to_string(), Yaml::str(v)));
        }
    }
    if r.status_code != "HTTP_301" {
        out.push(("status".into(), Yaml::str(&r.status_code)));
    }
    Yaml::Map(out)
}

/// A fixed response as a spec writes it (none when its status is not a
/// number).
fn fixed_response(f: &aws::FixedResponseConfig) -> Option<Yaml> {
    let status: i64 = f.status_code.parse().ok()?;
    let mut out = vec![("status".to_string(), Yaml::Int(status))];
    if let Some(t) = f.content_type.as_deref().filter(|t| *t != "text/plain") {
        out.push(("content_type".into(), Yaml::str(t)));
    }
    if let Some(b) = &f.message_body {
        out.push(("body".into(), Yaml::str(b)));
    }
    Some(Yaml::Map(out))
}
