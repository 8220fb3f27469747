//! `flow_log`: `AWS::EC2::FlowLog`; `aws_flow_log`. An instance's flow log
//! is its network interface's.

use super::prelude::*;
use skyplan_spec::Kind;

/// CloudFormation's `ResourceType` and Terraform's argument for the
/// recorded resource, and the value naming it.
fn recorded(resource: &Address) -> (&'static str, &'static str, Value) {
    match resource.kind {
        Kind::Subnet => ("Subnet", "subnet_id", Value::Id(resource.clone())),
        Kind::Instance => (
            "NetworkInterface",
            "eni_id",
            Value::Attr {
                of: resource.clone(),
                cloudformation: "PrimaryNetworkInterfaceId",
                terraform: "primary_network_interface_id",
            },
        ),
        _ => ("VPC", "vpc_id", Value::Id(resource.clone())),
    }
}

impl ExportKind for attrs::FlowLog {
    const TERRAFORM: &'static str = "aws_flow_log";

    fn cloudformation(&self, address: &Address, t: &mut Template, _: &Index) {
        let (resource_type, _, id) = recorded(&self.resource);
        let mut p = Fields::new();
        p.set("ResourceId", id)
            .set("ResourceType", Value::str(resource_type))
            .set("TrafficType", Value::str(&self.traffic))
            .set(
                "MaxAggregationInterval",
                Value::Int(i64::from(self.max_aggregation_interval)),
            );
        let d = &self.destination;
        if let Some(bucket) = &d.s3 {
            p.set("LogDestinationType", Value::str("s3"))
                .set("LogDestination", Value::str(bucket));
        } else if let Some(group) = &d.cloudwatch_logs {
            p.set("LogDestinationType", Value::str("cloud-watch-logs"))
                .set("LogDestination", Value::str(group))
                .maybe(
                    "DeliverLogsPermissionArn",
                    d.role.as_deref().map(Value::str),
                );
        }
        p.set("Tags", Template::tags(address, &self.tags));
        t.main(address, "AWS::EC2::FlowLog", p);
    }

    fn terraform(&self, address: &Address, _: &mut Configuration, _: &Index) -> Body {
        let (_, key, id) = recorded(&self.resource);
        let mut b = Body::new();
        b.set(key, id)
            .set("traffic_type", Value::str(&self.traffic))
            .set(
                "max_aggregation_interval",
                Value::Int(i64::from(self.max_aggregation_interval)),
            );
        let d = &self.destination;
        if let Some(bucket) = &d.s3 {
            b.set("log_destination_type", Value::str("s3"))
                .set("log_destination", Value::str(bucket));
        } else if let Some(group) = &d.cloudwatch_logs {
            b.set("log_destination_type", Value::str("cloud-watch-logs"))
                .set("log_destination", Value::str(group))
                .maybe("iam_role_arn", d.role.as_deref().map(Value::str));
        }
        b.set("tags", super::terraform_tags(address, &self.tags));
        b
    }
}
