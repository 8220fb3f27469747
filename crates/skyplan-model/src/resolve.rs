//! Declarations to the [`Model`]: names to indices, CIDRs parsed, defaults
//! applied, `count` expanded, the graph built.
//!
//! Kinds are resolved in dependency order (a subnet after its VPC). A
//! resource whose required reference does not resolve is dropped after the
//! error is reported; references to a dropped resource are dropped silently,
//! so one mistake gives one error, not a cascade.

use std::collections::{BTreeMap, HashMap, HashSet};

/// The number of resource kinds (tables indexed by `Kind as usize`).
const KINDS: usize = Kind::ALL.len();

use skyplan_cidr::{parse_block, parse_block_v4, parse_block_v6};
use skyplan_diagnostics::{Diagnostic, Rule};
use skyplan_spec::suggest::Suggestions;
use skyplan_spec::*;

use crate::model::*;

struct Resolver<'d> {
    /// Every declared name, per kind (including dropped resources).
    declared: [HashSet<String>; KINDS],
    /// The same names sorted, for suggestions and previews; filled once
    /// every name is declared.
    sorted: [Vec<String>; KINDS],
    suggestions: Suggestions,
    /// Resolved names: the index of the resource in its model list.
    ids: [HashMap<String, usize>; KINDS],
    default_tags: BTreeMap<String, String>,
    diagnostics: &'d mut Vec<Diagnostic>,
}

/// Resolves a stack; problems go to `diagnostics`.
pub fn resolve(stack: StackSpec, diagnostics: &mut Vec<Diagnostic>) -> Model {
    let mut r = Resolver {
        declared: Default::default(),
        sorted: Default::default(),
        suggestions: Suggestions::default(),
        ids: Default::default(),
        default_tags: stack
            .defaults
            .tags
            .iter()
            .map(|(k, v)| (k.clone(), v.value.clone()))
            .collect(),
        diagnostics,
    };
    r.declare(&stack);
    for (sorted, names) in r.sorted.iter_mut().zip(&r.declared) {
        *sorted = names.iter().cloned().collect();
        sorted.sort_unstable();
    }
    let mut m = Model {
        default_region: stack.defaults.region.clone(),
        ..Model::default()
    };
    r.dhcp_options(&mut m, stack.dhcp_options);
    r.prefix_lists(&mut m, stack.prefix_lists);
    let defaults = r.vpcs(&mut m, stack.vpcs);
    r.egress_only_internet_gateways(&mut m, stack.egress_only_internet_gateways);
    r.elastic_ips(&mut m, stack.elastic_ips);
    r.subnets(&mut m, stack.subnets);
    r.internet_gateways(&mut m, stack.internet_gateways);
    r.vpc_peerings(&mut m, stack.vpc_peerings);
    r.nat_gateways(&mut m, stack.nat_gateways);
    let sg_rules = r.security_groups(&mut m, stack.security_groups);
    r.security_group_rules(&mut m, sg_rules);
    r.vpc_defaults(&mut m, defaults);
    r.instances(&mut m, stack.instances);
    m.broken_instances = stack.broken_instances;
    r.route_tables(&mut m, stack.route_tables);
    r.network_acls(&mut m, stack.network_acls);
    r.target_groups(&mut m, stack.target_groups);
    r.load_balancers(&mut m, stack.load_balancers);
    r.launch_templates(&mut m, stack.launch_templates);
    r.auto_scaling_groups(&mut m, stack.auto_scaling_groups);
    r.vpc_endpoints(&mut m, stack.vpc_endpoints);
    r.volumes(&mut m, stack.volumes);
    r.flow_logs(&mut m, stack.flow_logs);
    m.expectations = stack
        .expectations
        .into_iter()
        .filter_map(|d| {
            let a = d.attrs?;
            Some(Expectation {
                address: format!("expectation.{}", d.name.value),
                name: d.name,
                from: a.from,
                to: a.to,
                protocol: a.protocol,
                port: a.port,
                reachable: a.reachable,
            })
        })
        .collect();
    for kind in Kind::ALL {
        let missing = r.declared[kind as usize].len() - r.ids[kind as usize].len();
        m.dropped[kind as usize] = missing > 0;
        m.dropped_count += missing;
    }
    associate(&mut m);
    crate::build_graph::build(&mut m);
    for ring in m.graph.cycles() {
        r.diagnostics.push(cycle_diagnostic(&m, &ring));
    }
    m
}

fn cycle_diagnostic(m: &Model, ring: &crate::graph::Cycle) -> Diagnostic {
    let g = &m.graph;
    let mut text = g.node(ring[0].0).address.clone();
    for (i, (_, edge)) in ring.iter().enumerate() {
        let next = ring.get(i + 1).map_or(ring[0].0, |(n, _)| *n);
        text.push_str(&format!(" -({})-> {}", edge.field, g.node(next).address));
    }
    let first = g.node(ring[0].0);
    let mut d = Diagnostic::new(Rule::DependencyCycle, format!("dependency cycle: {text}")).at(
        ring[0].1.span,
        format!("`{}` starts the cycle", ring[0].1.field),
    );
    for (n, edge) in ring {
        d = d.resource(g.node(*n).address.clone());
        if edge.span != ring[0].1.span {
            d = d.related(
                edge.span,
                format!("`{}` of {}", edge.field, g.node(*n).address),
            );
        }
    }
    d.resource(first.address.clone())
        .help("remove one reference of the ring")
}

/// A security group's rules, resolved once every group is known (groups
/// name each other). `group` is `None` for a group that was dropped: its
/// rules are resolved only for their errors.
struct PendingRules {
    group: Option<usize>,
    from: String,
    ingress: Vec<SgRuleSpec>,
    egress: Option<Vec<SgRuleSpec>>,
}

/// Splits `web[2]` into (`web`, Some(2)).
fn split_index(name: &str) -> (&str, Option<Result<u32, ()>>) {
    match name.strip_suffix(']').and_then(|n| n.split_once('[')) {
        Some((base, index)) => (base, Some(index.parse().map_err(|_| ()))),
        None => (name, None),
    }
}

impl Resolver<'_> {
    fn declare(&mut self, s: &StackSpec) {
        macro_rules! declare {
            (top_level { $([$kind:ident $singular:ident $plural:ident $($top:tt)*])* }
             inside_vpc { $([$inner:ident $inner_singular:ident $($inside:tt)*])* }) => {
                $(for d in &s.$plural {
                    self.declared[Kind::$kind as usize].insert(d.name.value.clone());
                })*
                // Named after the VPC that takes them over.
                $(for v in &s.vpcs {
                    if v.attrs.as_ref().is_some_and(|a| a.$inner_singular.is_some()) {
                        self.declared[Kind::$inner as usize].insert(v.name.value.clone());
                    }
                })*
            };
        }
        skyplan_spec::for_each_kind!(declare);
    }

    fn common(&self, kind: Kind, name: Sp<String>, tags: &Tags) -> Common {
        let mut merged = self.default_tags.clone();
        merged.extend(tags.iter().map(|(k, v)| (k.clone(), v.value.clone())));
        Common {
            address: format!("{}.{}", kind.singular(), name.value),
            name,
            tags: merged,
        }
    }

    /// Resolves `field: name` of the resource at `from` to a `kind`.
    fn lookup<T: Named>(&mut self, name: &Sp<String>, field: &str, from: &str) -> Option<Ref<T>> {
        let kind = T::KIND;
        if let Some(&id) = self.ids[kind as usize].get(&name.value) {
            return Some(Ref {
                id: Id::new(id),
                span: name.span,
            });
        }
        if self.declared[kind as usize].contains(&name.value) {
            return None; // declared but dropped: already reported
        }
        let wanted = kind.singular();
        let other_kind = Kind::ALL
            .into_iter()
            .find(|k| self.declared[*k as usize].contains(&name.value));
        let d = match other_kind {
            Some(other) => {
                let other_address = format!("{}.{}", other.singular(), name.value);
                let mut d = Diagnostic::new(
                    Rule::WrongKindReference,
                    format!(
                        "`{field}: {}` must name a {wanted}, but {other_address} is a {}",
                        name.value,
                        other.singular()
                    ),
                )
                .resource(from)
                .resource(other_address.clone())
                .at(name.span, format!("not a {wanted}"));
                if RouteTargetKind::ALL.iter().any(|t| t.key() == field) {
                    d = d.help(format!(
                        "to route to {other_address}, write `{}: {}`",
                        other.singular(),
                        name.value
                    ));
                }
                d
            }
            None => {
                let candidates = &self.sorted[kind as usize];
                let mut d = Diagnostic::new(
                    Rule::UnknownReference,
                    format!(
                        "{from} refers to {wanted}.{}, which is not declared",
                        name.value
                    ),
                )
                .resource(from)
                .at(name.span, format!("no {wanted} named `{}`", name.value));
                let suggestion = self.suggestions.closest(
                    kind as u8,
                    &name.value,
                    candidates.iter().map(String::as_str),
                );
                d = match suggestion {
                    Some(s) => d.help(format!("did you mean `{s}`?")),
                    None if candidates.is_empty() => {
                        d.help(format!("declare it under `{}:`", kind.plural()))
                    }
                    None => d.help(format!("declared {}s: {}", wanted, preview(candidates))),
                };
                d
            }
        };
        self.diagnostics.push(d);
        None
    }

    /// Resolves a list of references, dropping the ones that do not resolve.
    fn lookup_all<T: Named>(
        &mut self,
        names: &[Sp<String>],
        field: &str,
        from: &str,
    ) -> Vec<Ref<T>> {
        names
            .iter()
            .filter_map(|n| self.lookup(n, field, from))
            .collect()
    }

    /// Makes a resolved resource findable by name.
    fn register(&mut self, kind: Kind, common: &Common, id: usize) {
        self.ids[kind as usize].insert(common.name.value.clone(), id);
    }

    /// Resolves a reference to one instance copy: `web`, or `web[1]` for a
    /// copy of an instance with `count`.
    fn lookup_instance(
        &mut self,
        m: &Model,
        name: &Sp<String>,
        field: &str,
        from: &str,
    ) -> Option<Ref<Instance>> {
        let (base, index) = split_index(&name.value);
        let group_ref =
            self.lookup::<InstanceGroup>(&Sp::new(base.to_string(), name.span), field, from)?;
        let group = &m.instance_groups[group_ref.id];
        let copies = &group.instances;
        let chosen = match (index, group.count.is_some()) {
            (None, false) => copies.first().copied(),
            (Some(Ok(i)), true) => copies.get(i as usize).copied(),
            (None, true) if copies.len() == 1 => copies.first().copied(),
            _ => None,
        };
        if copies.is_empty() && group.count.as_ref().is_some_and(|c| c.value == 0) {
            self.diagnostics.push(
                Diagnostic::new(
                    Rule::InvalidValue,
                    format!(
                        "`{field}: {}` names {}, which has `count: 0` and so no copies",
                        name.value, group.common.address
                    ),
                )
                .resource(from)
                .resource(group.common.address.clone())
                .at(name.span, "no copy to refer to")
                .help(format!(
                    "raise the `count` of {} or remove this reference",
                    group.common.address
                )),
            );
        }
        if chosen.is_none() && !copies.is_empty() {
            let help = if group.count.is_some() {
                format!(
                    "name one copy, from `{base}[0]` to `{base}[{}]`",
                    copies.len() - 1
                )
            } else {
                format!("{} has no `count`; write `{base}`", group.common.address)
            };
            self.diagnostics.push(
                Diagnostic::new(
                    Rule::InvalidValue,
                    format!(
                        "`{field}: {}` does not name one copy of {}",
                        name.value, group.common.address
                    ),
                )
                .resource(from)
                .resource(group.common.address.clone())
                .at(name.span, "which copy?")
                .help(help),
            );
        }
        chosen.map(|id| Ref {
            id,
            span: name.span,
        })
    }

    fn region_of(
        &mut self,
        m: &Model,
        common: &Common,
        own: Option<Sp<String>>,
    ) -> (Option<Sp<String>>, bool) {
        match (own, &m.default_region) {
            (Some(r), _) => (Some(r), false),
            (None, Some(d)) => (Some(d.clone()), true),
            (None, None) => {
                self.diagnostics.push(
                    Diagnostic::new(
                        Rule::MissingKey,
                        format!(
                            "{} has no `region` and `defaults` sets none",
                            common.address
                        ),
                    )
                    .resource(common.address.clone())
                    .at(common.name.span, "`region` is required")
                    .help("add `region:` to the VPC, or `defaults: {region: ...}` to the stack"),
                );
                (None, false)
            }
        }
    }

    fn flow_logs(&mut self, m: &mut Model, decls: Vec<Decl<FlowLogSpec>>) {
        for d in decls {
            let Some(a) = d.attrs else { continue };
            let common = self.common(Kind::FlowLog, d.name, &d.tags);
            let Some(target) = self.flow_log_target(m, &a.resource, &common.address) else {
                continue;
            };
            self.register(Kind::FlowLog, &common, m.flow_logs.len());
            m.flow_logs.push(FlowLog {
                common,
                target,
                traffic: a.traffic,
                destination: a.destination,
                max_aggregation_interval: a.max_aggregation_interval,
            });
        }
    }

    /// `resource:` of a flow log: the address of a VPC, subnet or instance.
    fn flow_log_target(
        &mut self,
        m: &Model,
        text: &Sp<String>,
        from: &str,
    ) -> Option<FlowLogTarget> {
        let (kind, name) = text.value.split_once('.').unwrap_or(("", &text.value));
        let name = Sp::new(name.to_string(), text.span);
        match kind {
            "vpc" => self
                .lookup::<Vpc>(&name, "resource", from)
                .map(FlowLogTarget::Vpc),
            "subnet" => self
                .lookup::<Subnet>(&name, "resource", from)
                .map(FlowLogTarget::Subnet),
            "instance" => self
                .lookup_instance(m, &name, "resource", from)
                .map(FlowLogTarget::Instance),
            _ => {
                self.diagnostics.push(
                    Diagnostic::new(
                        Rule::InvalidValue,
                        format!(
                            "`resource: {}` of {from} is not the address of a VPC, subnet or instance",
                            text.value
                        ),
                    )
                    .resource(from)
                    .at(text.span, "not a VPC, subnet or instance")
                    .help("write `vpc.NAME`, `subnet.NAME` or `instance.NAME`"),
                );
                None
            }
        }
    }

    /// A target group's `targets`: `app[1]` names one copy, a name with
    /// `count` every copy.
    fn lookup_targets(
        &mut self,
        m: &Model,
        names: &[Sp<String>],
        from: &str,
    ) -> Option<Vec<Ref<Instance>>> {
        let mut out = Vec::new();
        let mut resolved = true;
        for name in names {
            let (base, index) = split_index(&name.value);
            let every = index.is_none()
                && self.ids[Kind::Instance as usize]
                    .get(base)
                    .is_some_and(|&g| m.instance_groups[g].count.is_some());
            if every {
                let g = self.ids[Kind::Instance as usize][base];
                out.extend(m.instance_groups[g].instances.iter().map(|&id| Ref {
                    id,
                    span: name.span,
                }));
                continue;
            }
            match self.lookup_instance(m, name, "targets", from) {
                Some(r) => out.push(r),
                None => resolved = false,
            }
        }
        resolved.then_some(out)
    }

    fn target_groups(&mut self, m: &mut Model, decls: Vec<Decl<TargetGroupSpec>>) {
        for d in decls {
            let Some(a) = d.attrs else { continue };
            let common = self.common(Kind::TargetGroup, d.name, &d.tags);
            let from = common.address.clone();
            let vpc = self.lookup::<Vpc>(&a.vpc, "vpc", &from);
            let targets = self.lookup_targets(m, &a.targets, &from);
            let (Some(vpc), Some(targets)) = (vpc, targets) else {
                continue;
            };
            self.register(Kind::TargetGroup, &common, m.target_groups.len());
            m.target_groups.push(TargetGroup {
                common,
                vpc,
                protocol: a.protocol,
                port: a.port,
                target_type: a.target_type,
                targets,
                health_check: a.health_check,
            });
        }
    }

    fn load_balancers(&mut self, m: &mut Model, decls: Vec<Decl<LoadBalancerSpec>>) {
        for d in decls {
            let Some(a) = d.attrs else { continue };
            let common = self.common(Kind::LoadBalancer, d.name, &d.tags);
            let from = common.address.clone();
            let subnets = self.lookup_all::<Subnet>(&a.subnets.value, "subnets", &from);
            let groups =
                self.lookup_all::<SecurityGroup>(&a.security_groups, "security_groups", &from);
            let listeners_written = a.listeners.len();
            let listeners: Vec<Listener> = a
                .listeners
                .into_iter()
                .filter_map(|l| {
                    let target_group = self.lookup(&l.target_group, "target_group", &from)?;
                    Some(Listener {
                        span: l.span,
                        port: l.port,
                        protocol: l.protocol,
                        target_group,
                        certificate: l.certificate,
                    })
                })
                .collect();
            let resolved = subnets.len() == a.subnets.value.len()
                && groups.len() == a.security_groups.len()
                && listeners.len() == listeners_written;
            if !resolved {
                continue;
            }
            self.register(Kind::LoadBalancer, &common, m.load_balancers.len());
            m.load_balancers.push(LoadBalancer {
                common,
                lb_type: a.lb_type,
                internal: a.scheme.as_ref().is_some_and(|s| s.value == "internal"),
                scheme: a.scheme,
                subnets,
                subnets_span: a.subnets.span,
                security_groups: groups,
                ip_address_type: a.ip_address_type,
                listeners,
            });
        }
    }

    fn launch_templates(&mut self, m: &mut Model, decls: Vec<Decl<LaunchTemplateSpec>>) {
        for d in decls {
            let Some(a) = d.attrs else { continue };
            let common = self.common(Kind::LaunchTemplate, d.name, &d.tags);
            let from = common.address.clone();
            let groups =
                self.lookup_all::<SecurityGroup>(&a.security_groups, "security_groups", &from);
            if groups.len() != a.security_groups.len() {
                continue;
            }
            self.register(Kind::LaunchTemplate, &common, m.launch_templates.len());
            m.launch_templates.push(LaunchTemplate {
                common,
                ami: a.ami,
                instance_type: a.instance_type,
                security_groups: groups,
                key_name: a.key_name,
                user_data: a.user_data,
                metadata: a.metadata,
                root_volume: a.root_volume,
                iam_instance_profile: a.iam_instance_profile,
            });
        }
    }

    fn auto_scaling_groups(&mut self, m: &mut Model, decls: Vec<Decl<AutoScalingGroupSpec>>) {
        for d in decls {
            let Some(a) = d.attrs else { continue };
            let common = self.common(Kind::AutoScalingGroup, d.name, &d.tags);
            let from = common.address.clone();
            let template =
                self.lookup::<LaunchTemplate>(&a.launch_template, "launch_template", &from);
            let subnets = self.lookup_all::<Subnet>(&a.subnets.value, "subnets", &from);
            let target_groups =
                self.lookup_all::<TargetGroup>(&a.target_groups, "target_groups", &from);
            let resolved = subnets.len() == a.subnets.value.len()
                && target_groups.len() == a.target_groups.len();
            let Some(launch_template) = template.filter(|_| resolved) else {
                continue;
            };
            self.register(Kind::AutoScalingGroup, &common, m.auto_scaling_groups.len());
            m.auto_scaling_groups.push(AutoScalingGroup {
                common,
                launch_template,
                subnets,
                subnets_span: a.subnets.span,
                min: a.min,
                max: a.max,
                desired: a.desired,
                target_groups,
            });
        }
    }

    fn prefix_lists(&mut self, m: &mut Model, decls: Vec<Decl<PrefixListSpec>>) {
        for d in decls {
            let Some(a) = d.attrs else { continue };
            let common = self.common(Kind::PrefixList, d.name, &d.tags);
            self.register(Kind::PrefixList, &common, m.prefix_lists.len());
            let family = match a.address_family.value.as_str() {
                "IPv6" => AddressFamily::Ipv6,
                _ => AddressFamily::Ipv4,
            };
            m.prefix_lists.push(PrefixList {
                common,
                address_family: Sp::new(family, a.address_family.span),
                max_entries: a.max_entries,
                entries: a
                    .entries
                    .into_iter()
                    .map(|e| PrefixListEntry {
                        span: e.span,
                        cidr: cidr_any(e.cidr),
                        description: e.description,
                    })
                    .collect(),
            });
        }
    }

    fn egress_only_internet_gateways(
        &mut self,
        m: &mut Model,
        decls: Vec<Decl<EgressOnlyInternetGatewaySpec>>,
    ) {
        for d in decls {
            let Some(a) = d.attrs else { continue };
            let common = self.common(Kind::EgressOnlyInternetGateway, d.name, &d.tags);
            let Some(vpc) = self.lookup::<Vpc>(&a.vpc, "vpc", &common.address) else {
                continue;
            };
            let id = m.egress_only_internet_gateways.len();
            self.register(Kind::EgressOnlyInternetGateway, &common, id);
            m.egress_only_internet_gateways
                .push(EgressOnlyInternetGateway { common, vpc });
        }
    }

    /// The default groups and ACLs the VPCs take over, once every group is
    /// known (their rules name groups).
    fn vpc_defaults(&mut self, m: &mut Model, defaults: Vec<VpcDefaults>) {
        for d in defaults {
            let name = m.vpcs[d.vpc].common.name.clone();
            let vpc = Ref {
                id: d.vpc,
                span: name.span,
            };
            if let Some(g) = d.security_group {
                let mut common = self.common(Kind::DefaultSecurityGroup, name.clone(), &d.tags);
                common.name.span = g.span;
                let from = common.address.clone();
                let ingress = g
                    .ingress
                    .into_iter()
                    .map(|r| self.sg_rule(r, &from))
                    .collect();
                let egress = g
                    .egress
                    .into_iter()
                    .map(|r| self.sg_rule(r, &from))
                    .collect();
                self.register(
                    Kind::DefaultSecurityGroup,
                    &common,
                    m.default_security_groups.len(),
                );
                m.default_security_groups.push(DefaultSecurityGroup {
                    group: SecurityGroup {
                        common,
                        vpc,
                        description: None,
                        ingress,
                        egress: Some(egress),
                    },
                });
            }
            if let Some(a) = d.network_acl {
                let mut common = self.common(Kind::DefaultNetworkAcl, name, &d.tags);
                common.name.span = a.span;
                self.register(
                    Kind::DefaultNetworkAcl,
                    &common,
                    m.default_network_acls.len(),
                );
                m.default_network_acls.push(DefaultNetworkAcl {
                    acl: NetworkAcl {
                        common,
                        vpc,
                        subnets: Vec::new(),
                        ingress: a.ingress.into_iter().map(nacl_entry).collect(),
                        egress: a.egress.into_iter().map(nacl_entry).collect(),
                    },
                });
            }
        }
    }

    fn dhcp_options(&mut self, m: &mut Model, decls: Vec<Decl<DhcpOptionsSpec>>) {
        for d in decls {
            let Some(a) = d.attrs else { continue };
            let common = self.common(Kind::DhcpOptions, d.name, &d.tags);
            self.register(Kind::DhcpOptions, &common, m.dhcp_options.len());
            let list = |l: Option<Sp<Vec<Sp<String>>>>| l.map(|l| l.value).unwrap_or_default();
            m.dhcp_options.push(DhcpOptions {
                common,
                domain_name: a.domain_name,
                domain_name_servers: list(a.domain_name_servers),
                ntp_servers: list(a.ntp_servers),
                netbios_name_servers: list(a.netbios_name_servers),
                netbios_node_type: a.netbios_node_type,
            });
        }
    }

    fn vpcs(&mut self, m: &mut Model, decls: Vec<Decl<VpcSpec>>) -> Vec<VpcDefaults> {
        let mut defaults = Vec::new();
        for d in decls {
            let Some(a) = d.attrs else { continue };
            let common = self.common(Kind::Vpc, d.name, &d.tags);
            let dhcp_options = a
                .dhcp_options
                .as_ref()
                .map(|n| self.lookup::<DhcpOptions>(n, "dhcp_options", &common.address));
            // A reference that did not resolve drops the VPC (reported).
            let Some(dhcp_options) = dhcp_options.map_or(Some(None), |r| r.map(Some)) else {
                continue;
            };
            let (region, region_from_defaults) = self.region_of(m, &common, a.region);
            self.register(Kind::Vpc, &common, m.vpcs.len());
            if a.default_security_group.is_some() || a.default_network_acl.is_some() {
                defaults.push(VpcDefaults {
                    vpc: Id::new(m.vpcs.len()),
                    tags: d.tags.clone(),
                    security_group: a.default_security_group,
                    network_acl: a.default_network_acl,
                });
            }
            m.vpcs.push(Vpc {
                ipv6: a.ipv6,
                ipv6_cidr: a.ipv6_cidr.map(cidr6),
                common,
                region,
                region_from_defaults,
                cidr: cidr4(a.cidr),
                secondary_cidrs: a.secondary_cidrs.into_iter().map(cidr4).collect(),
                dns_support: a.dns_support.is_none_or(|b| b.value),
                dns_hostnames: a.dns_hostnames.is_some_and(|b| b.value),
                tenancy: a.tenancy.map_or(Tenancy::Default, |t| t.value),
                dhcp_options,
            });
        }
        defaults
    }

    fn elastic_ips(&mut self, m: &mut Model, decls: Vec<Decl<ElasticIpSpec>>) {
        for d in decls {
            if d.attrs.is_none() {
                continue;
            }
            let common = self.common(Kind::ElasticIp, d.name, &d.tags);
            self.register(Kind::ElasticIp, &common, m.elastic_ips.len());
            m.elastic_ips.push(ElasticIp { common });
        }
    }

    fn subnets(&mut self, m: &mut Model, decls: Vec<Decl<SubnetSpec>>) {
        for d in decls {
            let Some(a) = d.attrs else { continue };
            let common = self.common(Kind::Subnet, d.name, &d.tags);
            let Some(vpc) = self.lookup::<Vpc>(&a.vpc, "vpc", &common.address) else {
                continue;
            };
            self.register(Kind::Subnet, &common, m.subnets.len());
            m.subnets.push(Subnet {
                common,
                vpc,
                cidr: cidr4(a.cidr),
                az: a.az,
                public_ip_on_launch: a.public_ip_on_launch.is_some_and(|b| b.value),
                ipv6_index: a
                    .ipv6_index
                    .and_then(|i| Some(Sp::new(u8::try_from(i.value).ok()?, i.span))),
                ipv6_cidr: a.ipv6_cidr.map(cidr6),
                assign_ipv6_on_creation: a.assign_ipv6_on_creation,
            });
        }
    }

    fn internet_gateways(&mut self, m: &mut Model, decls: Vec<Decl<InternetGatewaySpec>>) {
        for d in decls {
            let Some(a) = d.attrs else { continue };
            let common = self.common(Kind::InternetGateway, d.name, &d.tags);
            let Some(vpc) = self.lookup::<Vpc>(&a.vpc, "vpc", &common.address) else {
                continue;
            };
            self.register(Kind::InternetGateway, &common, m.internet_gateways.len());
            m.internet_gateways.push(InternetGateway { common, vpc });
        }
    }

    fn vpc_peerings(&mut self, m: &mut Model, decls: Vec<Decl<VpcPeeringSpec>>) {
        for d in decls {
            let Some(a) = d.attrs else { continue };
            let common = self.common(Kind::VpcPeering, d.name, &d.tags);
            let vpc = self.lookup::<Vpc>(&a.vpc, "vpc", &common.address);
            let peer = self.lookup::<Vpc>(&a.peer_vpc, "peer_vpc", &common.address);
            let (Some(vpc), Some(peer_vpc)) = (vpc, peer) else {
                continue;
            };
            self.register(Kind::VpcPeering, &common, m.vpc_peerings.len());
            m.vpc_peerings.push(VpcPeering {
                common,
                vpc,
                peer_vpc,
            });
        }
    }

    fn nat_gateways(&mut self, m: &mut Model, decls: Vec<Decl<NatGatewaySpec>>) {
        for d in decls {
            let Some(a) = d.attrs else { continue };
            let common = self.common(Kind::NatGateway, d.name, &d.tags);
            let subnet = self.lookup::<Subnet>(&a.subnet, "subnet", &common.address);
            let elastic_ip = a
                .elastic_ip
                .as_ref()
                .and_then(|e| self.lookup::<ElasticIp>(e, "elastic_ip", &common.address));
            let Some(subnet) = subnet else { continue };
            self.register(Kind::NatGateway, &common, m.nat_gateways.len());
            m.nat_gateways.push(NatGateway {
                common,
                subnet,
                elastic_ip,
                public: a
                    .connectivity
                    .as_ref()
                    .is_none_or(|c| c.value == NatConnectivity::Public),
                connectivity: a.connectivity,
            });
        }
    }

    /// Security groups first without their group references (a rule may
    /// name a group declared later); returns the rules to resolve next.
    fn security_groups(
        &mut self,
        m: &mut Model,
        decls: Vec<Decl<SecurityGroupSpec>>,
    ) -> Vec<PendingRules> {
        let mut pending = Vec::new();
        for d in decls {
            let Some(a) = d.attrs else { continue };
            let common = self.common(Kind::SecurityGroup, d.name, &d.tags);
            let vpc = self.lookup::<Vpc>(&a.vpc, "vpc", &common.address);
            // A dropped group's rules are still resolved, for their errors.
            pending.push(PendingRules {
                group: vpc.map(|_| m.security_groups.len()),
                from: common.address.clone(),
                ingress: a.ingress,
                egress: a.egress,
            });
            let Some(vpc) = vpc else { continue };
            self.register(Kind::SecurityGroup, &common, m.security_groups.len());
            m.security_groups.push(SecurityGroup {
                common,
                vpc,
                description: a.description,
                ingress: Vec::new(),
                egress: None,
            });
        }
        pending
    }

    fn security_group_rules(&mut self, m: &mut Model, pending: Vec<PendingRules>) {
        for p in pending {
            let ingress: Vec<SgRule> = p
                .ingress
                .into_iter()
                .map(|r| self.sg_rule(r, &p.from))
                .collect();
            let egress: Option<Vec<SgRule>> = p.egress.map(|rules| {
                rules
                    .into_iter()
                    .map(|r| self.sg_rule(r, &p.from))
                    .collect()
            });
            if let Some(g) = p.group {
                m.security_groups[g].ingress = ingress;
                m.security_groups[g].egress = egress;
            }
        }
    }

    fn sg_rule(&mut self, r: SgRuleSpec, from: &str) -> SgRule {
        let security_group = r
            .security_group
            .as_ref()
            .and_then(|n| self.lookup::<SecurityGroup>(n, "security_group", from));
        let prefix_list = r
            .prefix_list
            .as_ref()
            .and_then(|n| self.lookup::<PrefixList>(n, "prefix_list", from));
        SgRule {
            span: r.span,
            protocol: r.protocol,
            ports: r.ports,
            icmp_type: r.icmp_type,
            icmp_code: r.icmp_code,
            cidr: r.cidr.map(cidr_any),
            cidrs: r
                .cidrs
                .map(|c| Sp::new(c.value.into_iter().map(cidr_any).collect(), c.span)),
            security_group,
            security_group_written: r.security_group.is_some(),
            prefix_list,
            self_: r.self_,
            description: r.description,
        }
    }

    fn instances(&mut self, m: &mut Model, decls: Vec<Decl<InstanceSpec>>) {
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
                private_ip: a.private_ip,
                public_ip: a.public_ip,
                elastic_ip,
                key_name: a.key_name,
                user_data: a.user_data,
                state: a.state,
                hibernation: a.hibernation,
                source_dest_check: a.source_dest_check,
                metadata: a.metadata,
                iam_instance_profile: a.iam_instance_profile,
                root_volume: a.root_volume,
                instances,
            });
        }
    }

    fn route_tables(&mut self, m: &mut Model, decls: Vec<Decl<RouteTableSpec>>) {
        for d in decls {
            let Some(a) = d.attrs else { continue };
            let common = self.common(Kind::RouteTable, d.name, &d.tags);
            let from = common.address.clone();
            // Every reference first, then drop the table if any failed.
            let vpc = self.lookup::<Vpc>(&a.vpc, "vpc", &from);
            let routes_written = a.routes.len();
            // Every route is resolved (and reported) before a failure drops
            // the table.
            let routes: Vec<Route> = a
                .routes
                .into_iter()
                .map(|r| {
                    let targets_written = r.targets.len();
                    let targets = r
                        .targets
                        .iter()
                        .filter_map(|(kind, name)| {
                            let field = kind.key();
                            match kind {
                                RouteTargetKind::InternetGateway => self
                                    .lookup(name, field, &from)
                                    .map(RouteTarget::InternetGateway),
                                RouteTargetKind::NatGateway => {
                                    self.lookup(name, field, &from).map(RouteTarget::NatGateway)
                                }
                                RouteTargetKind::VpcPeering => {
                                    self.lookup(name, field, &from).map(RouteTarget::VpcPeering)
                                }
                                RouteTargetKind::Instance => self
                                    .lookup_instance(m, name, field, &from)
                                    .map(RouteTarget::Instance),
                                RouteTargetKind::EgressOnlyInternetGateway => self
                                    .lookup(name, field, &from)
                                    .map(RouteTarget::EgressOnlyInternetGateway),
                            }
                        })
                        .collect();
                    let destination = match r.destination {
                        RouteDestinationSpec::Cidr(c) => Some(RouteDestination::Cidr(cidr_any(c))),
                        RouteDestinationSpec::PrefixList(p) => self
                            .lookup(&p, "destination_prefix_list", &from)
                            .map(RouteDestination::PrefixList),
                    };
                    destination.map(|destination| Route {
                        span: r.span,
                        destination,
                        targets,
                        targets_written,
                    })
                })
                .collect::<Vec<_>>()
                .into_iter()
                .flatten()
                .collect();
            let subnets = self.lookup_all::<Subnet>(&a.subnets, "subnets", &from);
            let targets_resolved = routes.len() == routes_written
                && routes.iter().all(|r| r.targets.len() == r.targets_written);
            let Some(vpc) = vpc.filter(|_| targets_resolved && subnets.len() == a.subnets.len())
            else {
                continue;
            };
            self.register(Kind::RouteTable, &common, m.route_tables.len());
            m.route_tables.push(RouteTable {
                common,
                vpc,
                main: a.main,
                routes,
                subnets,
            });
        }
    }

    fn network_acls(&mut self, m: &mut Model, decls: Vec<Decl<NetworkAclSpec>>) {
        for d in decls {
            let Some(a) = d.attrs else { continue };
            let common = self.common(Kind::NetworkAcl, d.name, &d.tags);
            let from = common.address.clone();
            let vpc = self.lookup::<Vpc>(&a.vpc, "vpc", &from);
            let subnets = self.lookup_all::<Subnet>(&a.subnets, "subnets", &from);
            let Some(vpc) = vpc.filter(|_| subnets.len() == a.subnets.len()) else {
                continue;
            };
            self.register(Kind::NetworkAcl, &common, m.network_acls.len());
            m.network_acls.push(NetworkAcl {
                common,
                vpc,
                subnets,
                ingress: a.ingress.into_iter().map(nacl_entry).collect(),
                egress: a.egress.into_iter().map(nacl_entry).collect(),
            });
        }
    }

    fn vpc_endpoints(&mut self, m: &mut Model, decls: Vec<Decl<VpcEndpointSpec>>) {
        fn names(list: &Option<Sp<Vec<Sp<String>>>>) -> &[Sp<String>] {
            list.as_ref().map_or(&[], |l| l.value.as_slice())
        }
        for d in decls {
            let Some(a) = d.attrs else { continue };
            let common = self.common(Kind::VpcEndpoint, d.name, &d.tags);
            let from = common.address.clone();
            let vpc = self.lookup::<Vpc>(&a.vpc, "vpc", &from);
            let route_tables =
                self.lookup_all::<RouteTable>(names(&a.route_tables), "route_tables", &from);
            let subnets = self.lookup_all::<Subnet>(names(&a.subnets), "subnets", &from);
            let security_groups = self.lookup_all::<SecurityGroup>(
                names(&a.security_groups),
                "security_groups",
                &from,
            );
            let resolved = route_tables.len() == names(&a.route_tables).len()
                && subnets.len() == names(&a.subnets).len()
                && security_groups.len() == names(&a.security_groups).len();
            let Some(vpc) = vpc.filter(|_| resolved) else {
                continue;
            };
            let (service, service_region) = short_service(a.service);
            self.register(Kind::VpcEndpoint, &common, m.vpc_endpoints.len());
            m.vpc_endpoints.push(VpcEndpoint {
                common,
                vpc,
                endpoint_type: a
                    .endpoint_type
                    .as_ref()
                    .map_or(EndpointType::Gateway, |t| t.value),
                type_span: a.endpoint_type.map(|t| t.span),
                service,
                service_region,
                route_tables,
                subnets,
                security_groups,
                route_tables_span: a.route_tables.map(|l| l.span),
                subnets_span: a.subnets.map(|l| l.span),
                security_groups_span: a.security_groups.map(|l| l.span),
                private_dns: a.private_dns,
                policy: a.policy,
            });
        }
    }

    fn volumes(&mut self, m: &mut Model, decls: Vec<Decl<VolumeSpec>>) {
        for d in decls {
            let Some(a) = d.attrs else { continue };
            let common = self.common(Kind::Volume, d.name, &d.tags);
            let from = common.address.clone();
            let attach = match a.attach {
                Some(at) => match self.lookup_instance(m, &at.instance, "instance", &from) {
                    Some(instance) => Some(Attachment {
                        instance,
                        device: at.device,
                    }),
                    None => continue,
                },
                None => None,
            };
            self.register(Kind::Volume, &common, m.volumes.len());
            let volume_type_written = a.volume_type.is_some();
            m.volumes.push(Volume {
                volume_type: a
                    .volume_type
                    .unwrap_or_else(|| Sp::new(VolumeType::Gp3, common.name.span)),
                common,
                az: a.az,
                size_gb: a.size_gb,
                volume_type_written,
                iops: a.iops,
                throughput: a.throughput,
                attach,
            });
        }
    }
}

/// A VPC's taken-over default group and ACL, resolved after the groups.
struct VpcDefaults {
    vpc: VpcId,
    tags: Tags,
    security_group: Option<DefaultSecurityGroupSpec>,
    network_acl: Option<DefaultNetworkAclSpec>,
}

/// A service's short name, and the region of a full
/// `com.amazonaws.REGION.SERVICE` name.
fn short_service(service: Sp<String>) -> (Sp<String>, Option<String>) {
    let full = service
        .value
        .strip_prefix("com.amazonaws.")
        .and_then(|rest| rest.split_once('.'));
    match full {
        Some((region, short)) => {
            let (region, short) = (region.to_string(), short.to_string());
            (Sp::new(short, service.span), Some(region))
        }
        None => (service, None),
    }
}

/// Fills the per-subnet and per-VPC association tables.
fn associate(m: &mut Model) {
    m.subnet_route_table = PerId::new(&m.subnets, None);
    m.vpc_main_route_table = PerId::new(&m.vpcs, None);
    m.subnet_network_acl = PerId::new(&m.subnets, None);
    m.vpc_default_security_group = PerId::new(&m.vpcs, None);
    m.vpc_default_network_acl = PerId::new(&m.vpcs, None);
    for (g, group) in with_ids(&m.default_security_groups) {
        m.vpc_default_security_group[group.group.vpc.id] = Some(g);
    }
    for (a, acl) in with_ids(&m.default_network_acls) {
        m.vpc_default_network_acl[acl.acl.vpc.id] = Some(a);
    }
    for (t, table) in with_ids(&m.route_tables) {
        for s in &table.subnets {
            m.subnet_route_table[s.id].get_or_insert(t);
        }
        if table.is_main() {
            m.vpc_main_route_table[table.vpc.id].get_or_insert(t);
        }
    }
    for (a, acl) in with_ids(&m.network_acls) {
        for s in &acl.subnets {
            m.subnet_network_acl[s.id].get_or_insert(a);
        }
    }
}

fn cidr4(text: Sp<String>) -> Cidr4 {
    Cidr {
        net: parse_block_v4(&text.value),
        text,
    }
}

fn cidr6(text: Sp<String>) -> Cidr6 {
    Cidr {
        net: parse_block_v6(&text.value),
        text,
    }
}

fn cidr_any(text: Sp<String>) -> CidrAny {
    Cidr {
        net: parse_block(&text.value),
        text,
    }
}

fn nacl_entry(e: NaclEntrySpec) -> NaclEntry {
    NaclEntry {
        span: e.span,
        rule: e.rule,
        allow: e.action.value == "allow",
        protocol: e.protocol,
        ports: e.ports,
        icmp_type: e.icmp_type,
        icmp_code: e.icmp_code,
        cidr: cidr_any(e.cidr),
    }
}

/// At most eight of the (sorted) names, then a count.
fn preview(sorted: &[String]) -> String {
    let shown = sorted
        .iter()
        .take(8)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    match sorted.len() {
        n if n > 8 => format!("{shown} and {} more", n - 8),
        _ => shown,
    }
}
