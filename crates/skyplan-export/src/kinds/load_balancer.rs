//! `load_balancer`: `AWS::ElasticLoadBalancingV2::LoadBalancer` and a
//! `Listener` per listener (an internet-facing one after its VPC's internet
//! gateway is attached); `aws_lb` and `aws_lb_listener`.

use super::prelude::*;

impl ExportKind for attrs::LoadBalancer {
    const TERRAFORM: &'static str = "aws_lb";

    fn cloudformation(&self, address: &Address, t: &mut Template, index: &Index) {
        // The resource's name is its AWS name.
        let mut p = Fields::new();
        p.set("Name", Value::str(address.name.as_str()))
            .set("Type", Value::str(&self.lb_type))
            .set("Scheme", Value::str(&self.scheme))
            .set("IpAddressType", Value::str(&self.ip_address_type));
        if self.subnet_mappings.is_empty() {
            p.set("Subnets", Value::ids(&self.subnets));
        } else {
            let mappings = (self.subnet_mappings.iter())
                .map(|m| {
                    let mut f = Fields::new();
                    f.set("SubnetId", Value::Id(m.subnet.clone()))
                        .maybe(
                            "AllocationId",
                            m.elastic_ip.as_ref().map(|e| Value::Attr {
                                of: e.clone(),
                                cloudformation: "AllocationId",
                                terraform: "allocation_id",
                            }),
                        )
                        .maybe(
                            "PrivateIPv4Address",
                            m.private_ip.map(|ip| Value::str(ip.to_string())),
                        );
                    f.into_value()
                })
                .collect();
            p.set("SubnetMappings", Value::List(mappings));
        }
        if !self.security_groups.is_empty() {
            p.set("SecurityGroups", Value::ids(&self.security_groups));
        }
        p.maybe(
            "LoadBalancerAttributes",
            super::elb_attributes(elb_attributes(self)),
        );
        p.set("Tags", Template::tags(address, &self.tags));
        let attachment = (self.scheme == "internet-facing")
            .then(|| {
                let gateway = self
                    .subnets
                    .first()
                    .and_then(|s| index.gateway_of_subnet(s));
                super::internet_gateway::attachment_of(t, gateway)
            })
            .flatten();
        let r = t.main(address, "AWS::ElasticLoadBalancingV2::LoadBalancer", p);
        if let Some(a) = attachment {
            r.depends_on(a);
        }
        for l in &self.listeners {
            let mut p = Fields::new();
            p.set("LoadBalancerArn", Value::Id(address.clone()))
                .set("Port", Value::Int(l.port))
                .set("Protocol", Value::str(&l.protocol))
                .set(
                    "DefaultActions",
                    Value::List(vec![cloudformation_action(Action::of_listener(l))]),
                );
            if let Some(cert) = &l.certificate {
                let c = Fields::new().with("CertificateArn", Value::str(cert));
                p.set("Certificates", Value::List(vec![c.into_value()]));
            }
            p.maybe("SslPolicy", l.ssl_policy.as_deref().map(Value::str));
            let listener = t
                .sub(
                    address,
                    &format!("Listener{}", l.port),
                    "AWS::ElasticLoadBalancingV2::Listener",
                    p,
                )
                .logical()
                .to_string();
            for rule in &l.rules {
                let p = Fields::new()
                    .with("ListenerArn", Value::Logical(listener.clone(), None))
                    .with("Priority", Value::Int(rule.priority))
                    .with("Conditions", cloudformation_conditions(rule))
                    .with(
                        "Actions",
                        Value::List(vec![cloudformation_action(Action::of_rule(rule))]),
                    );
                let role = format!("Listener{}Rule{}", l.port, rule.priority);
                t.sub(
                    address,
                    &role,
                    "AWS::ElasticLoadBalancingV2::ListenerRule",
                    p,
                );
            }
        }
    }

    fn terraform(&self, address: &Address, c: &mut Configuration, _: &Index) -> Body {
        let mut b = Body::new();
        b.set("name", Value::str(address.name.as_str()))
            .set("load_balancer_type", Value::str(&self.lb_type))
            .set("internal", Value::Bool(self.scheme == "internal"))
            .set("ip_address_type", Value::str(&self.ip_address_type));
        if self.subnet_mappings.is_empty() {
            b.set("subnets", Value::ids(&self.subnets));
        }
        if !self.security_groups.is_empty() {
            b.set("security_groups", Value::ids(&self.security_groups));
        }
        b.maybe("idle_timeout", super::count(self.idle_timeout))
            .maybe(
                "enable_deletion_protection",
                self.deletion_protection.then_some(Value::Bool(true)),
            );
        b.set("tags", super::terraform_tags(address, &self.tags));
        for m in &self.subnet_mappings {
            let mut mapping = Body::new();
            mapping
                .set("subnet_id", Value::Id(m.subnet.clone()))
                .maybe("allocation_id", m.elastic_ip.clone().map(Value::Id))
                .maybe(
                    "private_ipv4_address",
                    m.private_ip.map(|ip| Value::str(ip.to_string())),
                );
            b.block("subnet_mapping", mapping);
        }
        if let Some(logs) = &self.access_logs {
            let mut l = Body::new();
            l.set("bucket", Value::str(&logs.bucket))
                .maybe("prefix", logs.prefix.as_deref().map(Value::str))
                .set("enabled", Value::Bool(true));
            b.block("access_logs", l);
        }
        for l in &self.listeners {
            let mut a = Body::new();
            a.set("load_balancer_arn", Value::Id(address.clone()))
                .set("port", Value::Int(l.port))
                .set("protocol", Value::str(&l.protocol))
                .maybe("certificate_arn", l.certificate.as_deref().map(Value::str))
                .maybe("ssl_policy", l.ssl_policy.as_deref().map(Value::str))
                .block("default_action", terraform_action(Action::of_listener(l)));
            let listener = c.extra(address, "aws_lb_listener", &l.port.to_string(), a);
            for rule in &l.rules {
                let mut r = Body::new();
                r.set(
                    "listener_arn",
                    Value::Expression(format!("aws_lb_listener.{listener}.arn")),
                )
                .set("priority", Value::Int(rule.priority))
                .block("action", terraform_action(Action::of_rule(rule)));
                for (field, values) in [("host_header", &rule.hosts), ("path_pattern", &rule.paths)]
                {
                    if values.is_empty() {
                        continue;
                    }
                    let mut inner = Body::new();
                    inner.set(
                        "values",
                        Value::List(values.iter().map(Value::str).collect()),
                    );
                    let mut condition = Body::new();
                    condition.block(field, inner);
                    r.block("condition", condition);
                }
                let role = format!("{}_rule_{}", l.port, rule.priority);
                c.extra(address, "aws_lb_listener_rule", &role, r);
            }
        }
        b
    }
}

/// A load balancer's attributes as Elastic Load Balancing names them.
fn elb_attributes(lb: &attrs::LoadBalancer) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    if let Some(logs) = &lb.access_logs {
        out.push(("access_logs.s3.enabled", "true".to_string()));
        out.push(("access_logs.s3.bucket", logs.bucket.clone()));
        if let Some(prefix) = &logs.prefix {
            out.push(("access_logs.s3.prefix", prefix.clone()));
        }
    }
    if lb.deletion_protection {
        out.push(("deletion_protection.enabled", "true".to_string()));
    }
    if let Some(t) = lb.idle_timeout {
        out.push(("idle_timeout.timeout_seconds", t.to_string()));
    }
    out
}

/// What a listener or a rule does: one of the three.
struct Action<'a> {
    target_group: Option<&'a Address>,
    redirect: Option<&'a attrs::Redirect>,
    fixed_response: Option<&'a attrs::FixedResponse>,
}

impl<'a> Action<'a> {
    fn of_listener(l: &'a attrs::Listener) -> Action<'a> {
        Action {
            target_group: l.target_group.as_ref(),
            redirect: l.redirect.as_ref(),
            fixed_response: l.fixed_response.as_ref(),
        }
    }

    fn of_rule(r: &'a attrs::ListenerRule) -> Action<'a> {
        Action {
            target_group: r.target_group.as_ref(),
            redirect: r.redirect.as_ref(),
            fixed_response: r.fixed_response.as_ref(),
        }
    }
}

/// A rule's conditions (CloudFormation's `RuleCondition`s).
fn cloudformation_conditions(rule: &attrs::ListenerRule) -> Value {
    let mut out = Vec::new();
    for (field, config, values) in [
        ("host-header", "HostHeaderConfig", &rule.hosts),
        ("path-pattern", "PathPatternConfig", &rule.paths),
    ] {
        if values.is_empty() {
            continue;
        }
        let values = Fields::new().with(
            "Values",
            Value::List(values.iter().map(Value::str).collect()),
        );
        out.push(
            Fields::new()
                .with("Field", Value::str(field))
                .with(config, values.into_value())
                .into_value(),
        );
    }
    Value::List(out)
}

/// A listener's or rule's action: `forward`, `redirect` or
/// `fixed-response` (CloudFormation's `Action`).
fn cloudformation_action(l: Action) -> Value {
    let mut action = Fields::new();
    if let Some(tg) = l.target_group {
        action
            .set("Type", Value::str("forward"))
            .set("TargetGroupArn", Value::Id(tg.clone()));
    } else if let Some(r) = l.redirect {
        let config = Fields::new()
            .with("Protocol", Value::str(&r.protocol))
            .with("Port", Value::str(&r.port))
            .with("Host", Value::str(&r.host))
            .with("Path", Value::str(&r.path))
            .with("Query", Value::str(&r.query))
            .with("StatusCode", Value::str(&r.status));
        action
            .set("Type", Value::str("redirect"))
            .set("RedirectConfig", config.into_value());
    } else if let Some(f) = l.fixed_response {
        let mut config = Fields::new();
        config
            .set("StatusCode", Value::str(f.status.to_string()))
            .set("ContentType", Value::str(&f.content_type))
            .maybe("MessageBody", f.body.as_deref().map(Value::str));
        action
            .set("Type", Value::str("fixed-response"))
            .set("FixedResponseConfig", config.into_value());
    }
    action.into_value()
}

/// A listener's `default_action` or a rule's `action` block (the
/// provider's names).
fn terraform_action(l: Action) -> Body {
    let mut action = Body::new();
    if let Some(tg) = l.target_group {
        action
            .set("type", Value::str("forward"))
            .set("target_group_arn", Value::Id(tg.clone()));
    } else if let Some(r) = l.redirect {
        let mut redirect = Body::new();
        redirect
            .set("protocol", Value::str(&r.protocol))
            .set("port", Value::str(&r.port))
            .set("host", Value::str(&r.host))
            .set("path", Value::str(&r.path))
            .set("query", Value::str(&r.query))
            .set("status_code", Value::str(&r.status));
        action
            .set("type", Value::str("redirect"))
            .block("redirect", redirect);
    } else if let Some(f) = l.fixed_response {
        let mut fixed = Body::new();
        fixed
            .set("content_type", Value::str(&f.content_type))
            .maybe("message_body", f.body.as_deref().map(Value::str))
            .set("status_code", Value::str(f.status.to_string()));
        action
            .set("type", Value::str("fixed-response"))
            .block("fixed_response", fixed);
    }
    action
}
