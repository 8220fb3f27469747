//! `auto_scaling_group`: `AWS::AutoScaling::AutoScalingGroup` on the
//! latest version of its launch template; `aws_autoscaling_group`.

use super::prelude::*;

impl ExportKind for attrs::AutoScalingGroup {
    const TERRAFORM: &'static str = "aws_autoscaling_group";

    fn cloudformation(&self, address: &Address, t: &mut Template, _: &Index) {
        let template = Fields::new()
            .with("LaunchTemplateId", Value::Id(self.launch_template.clone()))
            .with(
                "Version",
                Value::Attr {
                    of: self.launch_template.clone(),
                    cloudformation: "LatestVersionNumber",
                    terraform: "latest_version",
                },
            );
        // An ASG's tags carry `PropagateAtLaunch`.
        let tags = crate::name_tag(address, &self.tags)
            .into_iter()
            .map(|(k, v)| {
                Fields::new()
                    .with("Key", Value::str(k))
                    .with("Value", Value::str(v))
                    .with("PropagateAtLaunch", Value::Bool(true))
                    .into_value()
            })
            .collect();
        let mut p = Fields::new();
        p.set("MinSize", Value::str(self.min.to_string()))
            .set("MaxSize", Value::str(self.max.to_string()))
            .set("DesiredCapacity", Value::str(self.desired.to_string()))
            .set("VPCZoneIdentifier", Value::ids(&self.subnets))
            .set("LaunchTemplate", template.into_value());
        if !self.target_groups.is_empty() {
            p.set("TargetGroupARNs", Value::ids(&self.target_groups));
        }
        p.set("Tags", Value::List(tags));
        t.main(address, "AWS::AutoScaling::AutoScalingGroup", p);
    }

    fn terraform(&self, address: &Address, _: &mut Configuration, _: &Index) -> Body {
        let mut b = Body::new();
        b.set("min_size", Value::Int(self.min))
            .set("max_size", Value::Int(self.max))
            .set("desired_capacity", Value::Int(self.desired))
            .set("vpc_zone_identifier", Value::ids(&self.subnets));
        if !self.target_groups.is_empty() {
            b.set(
                "target_group_arns",
                Value::List(
                    (self.target_groups.iter())
                        .map(|g| Value::Attr {
                            of: g.clone(),
                            cloudformation: "TargetGroupArn",
                            terraform: "arn",
                        })
                        .collect(),
                ),
            );
        }
        let mut template = Body::new();
        template
            .set("id", Value::Id(self.launch_template.clone()))
            .set("version", Value::str("$Latest"));
        b.block("launch_template", template);
        for (k, v) in crate::name_tag(address, &self.tags) {
            let mut tag = Body::new();
            tag.set("key", Value::str(k))
                .set("value", Value::str(v))
                .set("propagate_at_launch", Value::Bool(true));
            b.block("tag", tag);
        }
        b
    }
}
