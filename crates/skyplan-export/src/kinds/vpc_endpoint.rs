//! `vpc_endpoint`: `AWS::EC2::VPCEndpoint`; `aws_vpc_endpoint`. The
//! service's short name is spelt in full for the VPC's region.

use super::prelude::*;
use skyplan_spec::EndpointType;

fn service_name(e: &attrs::VpcEndpoint, index: &Index) -> String {
    if e.service.starts_with("com.amazonaws.") {
        return e.service.clone();
    }
    let region = index.region_of_vpc(&e.vpc).unwrap_or("us-east-1");
    format!("com.amazonaws.{region}.{}", e.service)
}

impl ExportKind for attrs::VpcEndpoint {
    const TERRAFORM: &'static str = "aws_vpc_endpoint";

    fn cloudformation(&self, address: &Address, t: &mut Template, index: &Index) {
        let mut p = Fields::new();
        p.set("VpcId", Value::Id(self.vpc.clone()))
            .set("ServiceName", Value::str(service_name(self, index)));
        match self.endpoint_type {
            EndpointType::Gateway => {
                p.set("VpcEndpointType", Value::str("Gateway"))
                    .set("RouteTableIds", Value::ids(&self.route_tables));
            }
            EndpointType::Interface => {
                p.set("VpcEndpointType", Value::str("Interface"))
                    .set("SubnetIds", Value::ids(&self.subnets))
                    .set("SecurityGroupIds", Value::ids(&self.security_groups))
                    .set("PrivateDnsEnabled", Value::Bool(self.private_dns));
            }
        }
        p.maybe("PolicyDocument", self.policy.as_deref().map(Value::str));
        p.set("Tags", Template::tags(address, &self.tags));
        t.main(address, "AWS::EC2::VPCEndpoint", p);
    }

    fn terraform(&self, address: &Address, _: &mut Configuration, index: &Index) -> Body {
        let mut b = Body::new();
        b.set("vpc_id", Value::Id(self.vpc.clone()))
            .set("service_name", Value::str(service_name(self, index)));
        match self.endpoint_type {
            EndpointType::Gateway => {
                b.set("vpc_endpoint_type", Value::str("Gateway"))
                    .set("route_table_ids", Value::ids(&self.route_tables));
            }
            EndpointType::Interface => {
                b.set("vpc_endpoint_type", Value::str("Interface"))
                    .set("subnet_ids", Value::ids(&self.subnets))
                    .set("security_group_ids", Value::ids(&self.security_groups))
                    .set("private_dns_enabled", Value::Bool(self.private_dns));
            }
        }
        b.maybe("policy", self.policy.as_deref().map(Value::str));
        b.set("tags", super::terraform_tags(address, &self.tags));
        b
    }
}
