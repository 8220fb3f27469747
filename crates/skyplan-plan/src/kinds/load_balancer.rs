//! `load_balancer`: what the plan wants of it and what it knows before apply.

use super::prelude::*;

impl PlanKind for attrs::LoadBalancer {
    type Node = model::LoadBalancer;

    fn desired(b: &mut Builder, id: Id<model::LoadBalancer>) -> (Address, Self) {
        let m = b.m;
        let r = &m.load_balancers[id];
        let listeners = r
            .listeners
            .iter()
            .map(|l| {
                let (target_group, redirect, fixed_response) = actions(b, &l.actions);
                let mut rules: Vec<attrs::ListenerRule> = (l.rules.iter())
                    .map(|r| {
                        let (target_group, redirect, fixed_response) = actions(b, &r.actions);
                        attrs::ListenerRule {
                            fixed_response,
                            hosts: r.hosts.iter().map(|h| h.value.clone()).collect(),
                            paths: r.paths.iter().map(|p| p.value.clone()).collect(),
                            priority: r.priority.value,
                            redirect,
                            target_group,
                        }
                    })
                    .collect();
                rules.sort_by_key(|r| r.priority);
                attrs::Listener {
                    certificate: l.certificate.as_ref().map(|c| c.value.clone()),
                    fixed_response,
                    port: l.port.value,
                    protocol: l.protocol.value.clone(),
                    redirect,
                    rules,
                    ssl_policy: (l.ssl_policy.as_ref())
                        .map(|p| p.value.clone())
                        .filter(|p| p != skyplan_spec::DEFAULT_SSL_POLICY),
                    target_group,
                }
            })
            .collect();
        let a = attrs::LoadBalancer {
            access_logs: r.access_logs.as_ref().map(|l| attrs::AccessLogs {
                bucket: l.bucket.value.clone(),
                prefix: l.prefix.as_ref().map(|p| p.value.clone()),
            }),
            deletion_protection: r.deletion_protection,
            dns_name: None,
            idle_timeout: (r.idle_timeout.as_ref())
                .map(|t| t.value)
                .filter(|t| *t != skyplan_spec::DEFAULT_IDLE_TIMEOUT),
            ip_address_type: r.ip_address_type.as_ref().map_or_else(
                || default_of(Kind::LoadBalancer, "ip_address_type"),
                |t| t.value.clone(),
            ),
            listeners,
            private_ip_addresses: Vec::new(),
            scheme: if r.internal {
                "internal"
            } else {
                "internet-facing"
            }
            .into(),
            security_groups: r
                .security_groups
                .iter()
                .map(|g| b.security_group(*g))
                .collect(),
            subnets: b.subnets(&r.subnets),
            subnet_mappings: (r.mappings.iter().zip(&r.subnets))
                .map(|(mapping, subnet)| attrs::SubnetMapping {
                    subnet: b.subnet(*subnet),
                    elastic_ip: mapping.elastic_ip.map(|e| b.eip(e)),
                    private_ip: (mapping.private_ip.as_ref()).and_then(|p| p.value.parse().ok()),
                })
                .collect(),
            tags: r.common.tags.clone(),
            lb_type: r.lb_type.value.as_str().into(),
        };
        (declared(Kind::LoadBalancer, &r.common.name), a)
    }

    fn unknown_after(&self, names: &mut Vec<&'static str>) {
        names.push("dns_name");
        names.push("private_ip_addresses");
    }

    fn conflicts(&self, _: &Self) -> bool {
        // Names are unique per region and account: the old one goes first.
        true
    }

    fn create(&mut self, sim: &mut Simulator, new: &mut New) -> Result<Vec<Address>, ApplyError> {
        let name = &new.address.name;
        let region = sim.region_of_subnets(&self.subnets);
        let short = if self.lb_type == "network" {
            "net"
        } else {
            "app"
        };
        new.id = format!(
            "arn:{}:elasticloadbalancing:{region}:{ACCOUNT}:loadbalancer/{short}/{name}/{}",
            partition::of(&region),
            &new.digest[..16]
        );
        let internal = if self.scheme == "internal" {
            "internal-"
        } else {
            ""
        };
        let number = u64::from_str_radix(&new.digest[16..24], 16).unwrap_or(0) % 10_000_000_000;
        self.dns_name = Some(format!(
            "{internal}{name}-{number:010}.{region}.elb.{}",
            partition::dns_suffix(&region)
        ));
        let fixed = |s: &Address| {
            (self.subnet_mappings.iter())
                .find(|m| m.subnet == *s)
                .and_then(|m| m.private_ip)
        };
        self.private_ip_addresses = self
            .subnets
            .iter()
            .map(|s| sim.place(s, fixed(s), new.address))
            .collect::<Result<_, _>>()?;
        Ok(self.subnets.clone())
    }

    fn update(
        &mut self,
        sim: &mut Simulator,
        old: &ResourceState,
        address: &Address,
    ) -> Result<Follow, ApplyError> {
        // A load balancer moved to other subnets gets an address in
        // each new one.
        self.private_ip_addresses = sim.readdress(&self.subnets, old, address)?;
        Ok(None)
    }
}

/// A listener's or rule's actions as the state says them: the target group
/// it forwards to, its redirect, its fixed response (exactly one, by the
/// checks).
fn actions(
    b: &mut Builder,
    actions: &[model::ListenerAction],
) -> (
    Option<Address>,
    Option<attrs::Redirect>,
    Option<attrs::FixedResponse>,
) {
    let m = b.m;
    let mut out = (None, None, None);
    for action in actions {
        match action {
            model::ListenerAction::Forward(tg) => {
                let name = &m.target_groups[tg.id].common.name;
                out.0 = Some(b.reference(declared(Kind::TargetGroup, name)));
            }
            model::ListenerAction::Redirect(r) => {
                out.1 = Some(attrs::Redirect {
                    host: r.host(),
                    path: r.path(),
                    port: r.port(),
                    protocol: r.protocol(),
                    query: r.query(),
                    status: r.status(),
                });
            }
            model::ListenerAction::FixedResponse(f) => {
                out.2 = Some(attrs::FixedResponse {
                    body: f.body.as_ref().map(|b| b.value.clone()),
                    content_type: f.content_type(),
                    status: u16::try_from(f.status.value).unwrap_or_default(),
                });
            }
        }
    }
    out
}
