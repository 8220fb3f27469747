//! `target_group`: `AWS::ElasticLoadBalancingV2::TargetGroup` with its
//! targets; `aws_lb_target_group` and an `aws_lb_target_group_attachment`
//! per target.

use super::prelude::*;

impl ExportKind for attrs::TargetGroup {
    const TERRAFORM: &'static str = "aws_lb_target_group";

    fn cloudformation(&self, address: &Address, t: &mut Template, _: &Index) {
        // The resource's name is its AWS name.
        let mut p = Fields::new();
        p.set("Name", Value::str(address.name.as_str()))
            .set("VpcId", Value::Id(self.vpc.clone()))
            .set("Protocol", Value::str(&self.protocol))
            .set("Port", Value::Int(self.port))
            .set("TargetType", Value::str(&self.target_type));
        if let Some(h) = &self.health_check {
            p.set("HealthCheckProtocol", Value::str(&h.protocol))
                .set("HealthCheckPort", Value::str(&h.port))
                .maybe("HealthCheckPath", h.path.as_deref().map(Value::str))
                .maybe("HealthCheckIntervalSeconds", super::count(h.interval))
                .maybe("HealthCheckTimeoutSeconds", super::count(h.timeout))
                .maybe("HealthyThresholdCount", super::count(h.healthy_threshold))
                .maybe(
                    "UnhealthyThresholdCount",
                    super::count(h.unhealthy_threshold),
                )
                .maybe(
                    "Matcher",
                    (h.matcher.as_deref())
                        .map(|m| Fields::new().with("HttpCode", Value::str(m)).into_value()),
                );
        }
        p.maybe(
            "TargetGroupAttributes",
            super::elb_attributes(elb_attributes(self)),
        );
        let targets: Vec<Value> = (self.targets.iter())
            .map(|i| Fields::new().with("Id", Value::Id(i.clone())).into_value())
            .chain(self.ip_targets.iter().map(|t| {
                let mut target = Fields::new();
                target
                    .set("Id", Value::str(&t.address))
                    .maybe("Port", super::count(t.port))
                    .maybe(
                        "AvailabilityZone",
                        t.availability_zone.as_deref().map(Value::str),
                    );
                target.into_value()
            }))
            .collect();
        if !targets.is_empty() {
            p.set("Targets", Value::List(targets));
        }
        p.set("Tags", Template::tags(address, &self.tags));
        t.main(address, "AWS::ElasticLoadBalancingV2::TargetGroup", p);
    }

    fn terraform(&self, address: &Address, c: &mut Configuration, _: &Index) -> Body {
        let mut b = Body::new();
        b.set("name", Value::str(address.name.as_str()))
            .set("vpc_id", Value::Id(self.vpc.clone()))
            .set("protocol", Value::str(&self.protocol))
            .set("port", Value::Int(self.port))
            .set("target_type", Value::str(&self.target_type))
            .maybe(
                "deregistration_delay",
                super::count(self.deregistration_delay),
            )
            .set("tags", super::terraform_tags(address, &self.tags));
        if let Some(h) = &self.health_check {
            let mut check = Body::new();
            check
                .set("protocol", Value::str(&h.protocol))
                .set("port", Value::str(&h.port))
                .maybe("path", h.path.as_deref().map(Value::str))
                .maybe("interval", super::count(h.interval))
                .maybe("timeout", super::count(h.timeout))
                .maybe("healthy_threshold", super::count(h.healthy_threshold))
                .maybe("unhealthy_threshold", super::count(h.unhealthy_threshold))
                .maybe("matcher", h.matcher.as_deref().map(Value::str));
            b.block("health_check", check);
        }
        if let Some(s) = &self.stickiness {
            let mut sticky = Body::new();
            sticky
                .set("type", Value::str(&s.stickiness_type))
                .set("enabled", Value::Bool(true))
                .maybe("cookie_duration", super::count(s.duration))
                .maybe("cookie_name", s.cookie_name.as_deref().map(Value::str));
            b.block("stickiness", sticky);
        }
        for target in &self.targets {
            let mut a = Body::new();
            a.set("target_group_arn", Value::Id(address.clone()))
                .set("target_id", Value::Id(target.clone()));
            let role = match target.index {
                Some(i) => format!("{}_{i}", target.name),
                None => target.name.to_string(),
            };
            c.extra(address, "aws_lb_target_group_attachment", &role, a);
        }
        for target in &self.ip_targets {
            let mut a = Body::new();
            a.set("target_group_arn", Value::Id(address.clone()))
                .set("target_id", Value::str(&target.address))
                .maybe("port", super::count(target.port))
                .maybe(
                    "availability_zone",
                    target.availability_zone.as_deref().map(Value::str),
                );
            let role = target.address.replace('.', "_");
            c.extra(address, "aws_lb_target_group_attachment", &role, a);
        }
        b
    }
}

/// A target group's attributes as Elastic Load Balancing names them.
fn elb_attributes(tg: &attrs::TargetGroup) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    if let Some(d) = tg.deregistration_delay {
        out.push(("deregistration_delay.timeout_seconds", d.to_string()));
    }
    let Some(s) = &tg.stickiness else {
        return out;
    };
    out.push(("stickiness.enabled", "true".to_string()));
    out.push(("stickiness.type", s.stickiness_type.clone()));
    if let Some(name) = &s.cookie_name {
        out.push(("stickiness.app_cookie.cookie_name", name.clone()));
    }
    if let Some(d) = s.duration {
        let key = match s.stickiness_type.as_str() {
            "app_cookie" => "stickiness.app_cookie.duration_seconds",
            _ => "stickiness.lb_cookie.duration_seconds",
        };
        out.push((key, d.to_string()));
    }
    out
}
