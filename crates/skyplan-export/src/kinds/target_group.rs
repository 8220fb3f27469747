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
                .maybe("HealthCheckPath", h.path.as_deref().map(Value::str));
        }
        if !self.targets.is_empty() {
            let targets = self
                .targets
                .iter()
                .map(|i| Fields::new().with("Id", Value::Id(i.clone())).into_value())
                .collect();
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
            .set("tags", super::terraform_tags(address, &self.tags));
        if let Some(h) = &self.health_check {
            let mut check = Body::new();
            check
                .set("protocol", Value::str(&h.protocol))
                .set("port", Value::str(&h.port))
                .maybe("path", h.path.as_deref().map(Value::str));
            b.block("health_check", check);
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
        b
    }
}
