//! `load_balancer`: the resolved kind, its resolver and its graph edges.

use super::prelude::*;

/// One listener of a load balancer.
#[derive(Clone, Debug, PartialEq)]
pub struct Listener {
    pub span: Span,
    pub port: Sp<i64>,
    /// HTTP, HTTPS, TCP, UDP, TLS or TCP_UDP.
    pub protocol: Sp<String>,
    /// Every action written; exactly one is valid (checked by LB012).
    pub actions: Vec<ListenerAction>,
    pub certificate: Option<Sp<String>>,
    pub ssl_policy: Option<Sp<String>>,
    pub rules: Vec<ListenerRule>,
}

/// A rule of a listener: where it matches, and what it does then.
#[derive(Clone, Debug, PartialEq)]
pub struct ListenerRule {
    pub span: Span,
    pub priority: Sp<i64>,
    pub hosts: Vec<Sp<String>>,
    pub paths: Vec<Sp<String>>,
    /// Every action written; exactly one is valid (checked by LB012).
    pub actions: Vec<ListenerAction>,
}

impl ListenerRule {
    /// The single action, when there is exactly one.
    pub fn action(&self) -> Option<&ListenerAction> {
        match self.actions.as_slice() {
            [one] => Some(one),
            _ => None,
        }
    }
}

/// What a listener does with a request.
#[derive(Clone, Debug, PartialEq)]
pub enum ListenerAction {
    Forward(Ref<TargetGroup>),
    /// Answers with a redirect: it forwards nothing.
    Redirect(Box<RedirectSpec>),
    /// Answers with a fixed response: it forwards nothing.
    FixedResponse(Box<FixedResponseSpec>),
}

impl ListenerAction {
    /// Its key in a listener.
    pub fn key(&self) -> &'static str {
        match self {
            ListenerAction::Forward(_) => "target_group",
            ListenerAction::Redirect(_) => "redirect",
            ListenerAction::FixedResponse(_) => "fixed_response",
        }
    }

    pub fn span(&self) -> Span {
        match self {
            ListenerAction::Forward(r) => r.span,
            ListenerAction::Redirect(r) => r.span,
            ListenerAction::FixedResponse(f) => f.span,
        }
    }
}

impl Listener {
    /// The single action, when there is exactly one.
    pub fn action(&self) -> Option<&ListenerAction> {
        match self.actions.as_slice() {
            [one] => Some(one),
            _ => None,
        }
    }

    /// The target groups it forwards to: by its own action, then by its
    /// rules'.
    pub fn target_groups(&self) -> Vec<Ref<TargetGroup>> {
        let rules = self.rules.iter().filter_map(ListenerRule::action);
        (self.action().into_iter().chain(rules))
            .filter_map(|a| match a {
                ListenerAction::Forward(tg) => Some(*tg),
                ListenerAction::Redirect(_) | ListenerAction::FixedResponse(_) => None,
            })
            .collect()
    }
}

/// A network load balancer's node in a subnet: the address it has there.
#[derive(Clone, Debug, PartialEq)]
pub struct SubnetMapping {
    pub span: Span,
    pub elastic_ip: Option<Ref<ElasticIp>>,
    pub private_ip: Option<Sp<String>>,
}

/// A load balancer (application or network).
#[derive(Clone, Debug, PartialEq)]
pub struct LoadBalancer {
    pub common: Common,
    pub lb_type: Sp<LoadBalancerType>,
    /// `scheme: internal`; internet-facing otherwise.
    pub internal: bool,
    pub scheme: Option<Sp<String>>,
    /// Its subnets, from `subnets` or `subnet_mappings`.
    pub subnets: Vec<Ref<Subnet>>,
    /// Each subnet's mapping, in the order of `subnets`; empty when the
    /// spec gives `subnets`.
    pub mappings: Vec<SubnetMapping>,
    /// The `subnets` list (or the first mapping).
    pub subnets_span: Span,
    pub security_groups: Vec<Ref<SecurityGroup>>,
    pub ip_address_type: Option<Sp<String>>,
    pub listeners: Vec<Listener>,
    /// As written (checked by LB014).
    pub idle_timeout: Option<Sp<u64>>,
    pub access_logs: Option<AccessLogsSpec>,
    pub deletion_protection: bool,
}

impl Resolver<'_> {
    pub(crate) fn load_balancers(&mut self, m: &mut Model, decls: Vec<Decl<LoadBalancerSpec>>) {
        for d in decls {
            let Some(a) = d.attrs else { continue };
            let common = self.common(Kind::LoadBalancer, d.name, &d.tags);
            let from = common.address.clone();
            // A load balancer with neither `subnets` nor `subnet_mappings`
            // was reported.
            let (written, subnets_span) = match (&a.subnets, &a.subnet_mappings) {
                (Some(s), _) => (s.value.clone(), s.span),
                (None, Some(ms)) => (
                    ms.iter().map(|m| m.subnet.clone()).collect(),
                    ms.first().map_or(common.name.span, |m| m.span),
                ),
                (None, None) => continue,
            };
            let subnets = self.lookup_all::<Subnet>(&written, "subnets", &from);
            let written_mappings = a.subnet_mappings.unwrap_or_default();
            let mappings: Vec<SubnetMapping> = (written_mappings.iter())
                .filter_map(|m| {
                    let elastic_ip = match &m.elastic_ip {
                        Some(e) => Some(self.lookup::<ElasticIp>(e, "elastic_ip", &from)?),
                        None => None,
                    };
                    Some(SubnetMapping {
                        span: m.span,
                        elastic_ip,
                        private_ip: m.private_ip.clone(),
                    })
                })
                .collect();
            let groups =
                self.lookup_all::<SecurityGroup>(&a.security_groups, "security_groups", &from);
            let listeners_written = a.listeners.len();
            let listeners: Vec<Listener> = a
                .listeners
                .into_iter()
                .filter_map(|l| {
                    let actions = self.listener_actions(
                        l.target_group.as_ref(),
                        l.redirect,
                        l.fixed_response,
                        &from,
                    )?;
                    let written = l.rules.len();
                    let rules: Vec<ListenerRule> = (l.rules.into_iter())
                        .map(|r| {
                            let actions = self.listener_actions(
                                r.target_group.as_ref(),
                                r.redirect,
                                r.fixed_response,
                                &from,
                            )?;
                            Some(ListenerRule {
                                span: r.span,
                                priority: r.priority,
                                hosts: r.hosts,
                                paths: r.paths,
                                actions,
                            })
                        })
                        .collect::<Vec<_>>()
                        .into_iter()
                        .flatten()
                        .collect();
                    (rules.len() == written).then_some(Listener {
                        span: l.span,
                        port: l.port,
                        protocol: l.protocol,
                        actions,
                        certificate: l.certificate,
                        ssl_policy: l.ssl_policy,
                        rules,
                    })
                })
                .collect();
            let resolved = subnets.len() == written.len()
                && mappings.len() == written_mappings.len()
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
                mappings,
                subnets_span,
                security_groups: groups,
                ip_address_type: a.ip_address_type,
                listeners,
                idle_timeout: a.idle_timeout,
                access_logs: a.access_logs,
                deletion_protection: Kind::LoadBalancer
                    .schema()
                    .or_default(a.deletion_protection.as_ref(), "deletion_protection"),
            });
        }
    }
}

impl Resolver<'_> {
    /// The actions a listener or rule writes, or none when its target group
    /// does not resolve (reported).
    fn listener_actions(
        &mut self,
        target_group: Option<&Sp<String>>,
        redirect: Option<RedirectSpec>,
        fixed_response: Option<FixedResponseSpec>,
        from: &str,
    ) -> Option<Vec<ListenerAction>> {
        let forward = match target_group {
            Some(name) => Some(ListenerAction::Forward(self.lookup(
                name,
                "target_group",
                from,
            )?)),
            None => None,
        };
        Some(
            (forward.into_iter())
                .chain(redirect.map(|r| ListenerAction::Redirect(Box::new(r))))
                .chain(fixed_response.map(|f| ListenerAction::FixedResponse(Box::new(f))))
                .collect(),
        )
    }
}

/// A node in each of its subnets.
pub(crate) fn takes(m: &Model, id: LoadBalancerId) -> Takes {
    let lb = &m.load_balancers[id];
    let nodes = lb.subnets.iter().enumerate();
    Takes::Interfaces(
        nodes
            .map(|(k, s)| {
                let mapping = lb.mappings.get(k);
                Interface {
                    subnet: s.id,
                    fixed: mapping
                        .and_then(|m| m.private_ip.as_ref())
                        .and_then(|ip| ip.value.parse().ok()),
                    host: Some(HostId::Balancer(id, k as u32)),
                    public: match mapping.and_then(|m| m.elastic_ip) {
                        Some(e) => PublicAddress::Elastic(e.id),
                        None => PublicAddress::None,
                    },
                }
            })
            .collect(),
    )
}

/// Its references, one edge each.
pub(crate) fn edges(m: &Model, g: &mut DependencyGraph) {
    for (i, r) in m.load_balancers.iter().enumerate() {
        let me = node(Kind::LoadBalancer, i);
        if r.mappings.is_empty() {
            for s in &r.subnets {
                depends(g, me, *s, "subnets");
            }
        }
        for (k, (m, s)) in r.mappings.iter().zip(&r.subnets).enumerate() {
            depends(g, me, *s, format!("subnet_mappings[{k}].subnet"));
            if let Some(e) = m.elastic_ip {
                depends(g, me, e, format!("subnet_mappings[{k}].elastic_ip"));
            }
        }
        for sg in &r.security_groups {
            depends(g, me, *sg, "security_groups");
        }
        for (k, l) in r.listeners.iter().enumerate() {
            let rules = l.rules.iter().enumerate().flat_map(|(n, rule)| {
                (rule.actions.iter()).map(move |a| (format!("listeners[{k}].rules[{n}]"), a))
            });
            let own = l.actions.iter().map(|a| (format!("listeners[{k}]"), a));
            for (at, action) in own.chain(rules) {
                match action {
                    ListenerAction::Forward(tg) => {
                        depends(g, me, *tg, format!("{at}.target_group"));
                    }
                    ListenerAction::Redirect(_) | ListenerAction::FixedResponse(_) => {}
                }
            }
        }
    }
}
