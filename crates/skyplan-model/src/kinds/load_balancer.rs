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

    /// The target group it forwards to, when that is its one action.
    pub fn target_group(&self) -> Option<Ref<TargetGroup>> {
        match self.action()? {
            ListenerAction::Forward(tg) => Some(*tg),
            ListenerAction::Redirect(_) | ListenerAction::FixedResponse(_) => None,
        }
    }
}

/// A load balancer (application or network).
#[derive(Clone, Debug, PartialEq)]
pub struct LoadBalancer {
    pub common: Common,
    pub lb_type: Sp<LoadBalancerType>,
    /// `scheme: internal`; internet-facing otherwise.
    pub internal: bool,
    pub scheme: Option<Sp<String>>,
    pub subnets: Vec<Ref<Subnet>>,
    /// The `subnets` list.
    pub subnets_span: Span,
    pub security_groups: Vec<Ref<SecurityGroup>>,
    pub ip_address_type: Option<Sp<String>>,
    pub listeners: Vec<Listener>,
}

impl Resolver<'_> {
    pub(crate) fn load_balancers(&mut self, m: &mut Model, decls: Vec<Decl<LoadBalancerSpec>>) {
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
                    let forward = match &l.target_group {
                        Some(name) => {
                            let tg = self.lookup(name, "target_group", &from)?;
                            Some(ListenerAction::Forward(tg))
                        }
                        None => None,
                    };
                    let actions = (forward.into_iter())
                        .chain(l.redirect.map(|r| ListenerAction::Redirect(Box::new(r))))
                        .chain(
                            (l.fixed_response).map(|f| ListenerAction::FixedResponse(Box::new(f))),
                        )
                        .collect();
                    Some(Listener {
                        span: l.span,
                        port: l.port,
                        protocol: l.protocol,
                        actions,
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
}

/// A node in each of its subnets.
pub(crate) fn takes(m: &Model, id: LoadBalancerId) -> Takes {
    let nodes = m.load_balancers[id].subnets.iter().enumerate();
    Takes::Interfaces(
        nodes
            .map(|(k, s)| Interface {
                subnet: s.id,
                fixed: None,
                host: Some(HostId::Balancer(id, k as u32)),
                public: PublicAddress::None,
            })
            .collect(),
    )
}

/// Its references, one edge each.
pub(crate) fn edges(m: &Model, g: &mut DependencyGraph) {
    for (i, r) in m.load_balancers.iter().enumerate() {
        let me = node(Kind::LoadBalancer, i);
        for s in &r.subnets {
            depends(g, me, *s, "subnets");
        }
        for sg in &r.security_groups {
            depends(g, me, *sg, "security_groups");
        }
        for (k, l) in r.listeners.iter().enumerate() {
            for action in &l.actions {
                match action {
                    ListenerAction::Forward(tg) => {
                        depends(g, me, *tg, format!("listeners[{k}].target_group"));
                    }
                    ListenerAction::Redirect(_) | ListenerAction::FixedResponse(_) => {}
                }
            }
        }
    }
}
