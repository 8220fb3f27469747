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
            .set("IpAddressType", Value::str(&self.ip_address_type))
            .set("Subnets", Value::ids(&self.subnets));
        if !self.security_groups.is_empty() {
            p.set("SecurityGroups", Value::ids(&self.security_groups));
        }
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
                    Value::List(vec![cloudformation_action(l)]),
                );
            if let Some(cert) = &l.certificate {
                let c = Fields::new().with("CertificateArn", Value::str(cert));
                p.set("Certificates", Value::List(vec![c.into_value()]));
            }
            t.sub(
                address,
                &format!("Listener{}", l.port),
                "AWS::ElasticLoadBalancingV2::Listener",
                p,
            );
        }
    }

    fn terraform(&self, address: &Address, c: &mut Configuration, _: &Index) -> Body {
        let mut b = Body::new();
        b.set("name", Value::str(address.name.as_str()))
            .set("load_balancer_type", Value::str(&self.lb_type))
            .set("internal", Value::Bool(self.scheme == "internal"))
            .set("ip_address_type", Value::str(&self.ip_address_type))
            .set("subnets", Value::ids(&self.subnets));
        if !self.security_groups.is_empty() {
            b.set("security_groups", Value::ids(&self.security_groups));
        }
        b.set("tags", super::terraform_tags(address, &self.tags));
        for l in &self.listeners {
            let mut a = Body::new();
            a.set("load_balancer_arn", Value::Id(address.clone()))
                .set("port", Value::Int(l.port))
                .set("protocol", Value::str(&l.protocol))
                .maybe("certificate_arn", l.certificate.as_deref().map(Value::str))
                .block("default_action", terraform_action(l));
            c.extra(address, "aws_lb_listener", &l.port.to_string(), a);
        }
        b
    }
}

/// A listener's default action: `forward`, `redirect` or `fixed-response`
/// (CloudFormation's `Action`).
fn cloudformation_action(l: &attrs::Listener) -> Value {
    let mut action = Fields::new();
    if let Some(tg) = &l.target_group {
        action
            .set("Type", Value::str("forward"))
            .set("TargetGroupArn", Value::Id(tg.clone()));
    } else if let Some(r) = &l.redirect {
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
    } else if let Some(f) = &l.fixed_response {
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

/// A listener's `default_action` block (the provider's names).
fn terraform_action(l: &attrs::Listener) -> Body {
    let mut action = Body::new();
    if let Some(tg) = &l.target_group {
        action
            .set("type", Value::str("forward"))
            .set("target_group_arn", Value::Id(tg.clone()));
    } else if let Some(r) = &l.redirect {
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
    } else if let Some(f) = &l.fixed_response {
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
