//! `nat_gateway`: `AWS::EC2::NatGateway` (a public one after its VPC's
//! internet gateway is attached); `aws_nat_gateway`.

use super::prelude::*;

impl ExportKind for attrs::NatGateway {
    const TERRAFORM: &'static str = "aws_nat_gateway";

    fn cloudformation(&self, address: &Address, t: &mut Template, index: &Index) {
        let mut p = Fields::new();
        p.set("SubnetId", Value::Id(self.subnet.clone()))
            .set("ConnectivityType", Value::str(self.connectivity.as_str()));
        p.maybe(
            "AllocationId",
            self.elastic_ip.as_ref().map(|e| Value::Attr {
                of: e.clone(),
                cloudformation: "AllocationId",
                terraform: "allocation_id",
            }),
        );
        p.set("Tags", Template::tags(address, &self.tags));
        let public = self.connectivity == skyplan_spec::NatConnectivity::Public;
        let attachment = public
            .then(|| {
                super::internet_gateway::attachment_of(t, index.gateway_of_subnet(&self.subnet))
            })
            .flatten();
        let r = t.main(address, "AWS::EC2::NatGateway", p);
        if let Some(a) = attachment {
            r.depends_on(a);
        }
    }

    fn terraform(&self, address: &Address, c: &mut Configuration, index: &Index) -> Body {
        let mut b = Body::new();
        b.set("subnet_id", Value::Id(self.subnet.clone()))
            .set("connectivity_type", Value::str(self.connectivity.as_str()));
        b.maybe("allocation_id", self.elastic_ip.clone().map(Value::Id));
        b.set("tags", super::terraform_tags(address, &self.tags));
        if self.connectivity == skyplan_spec::NatConnectivity::Public
            && let Some(g) = index.gateway_of_subnet(&self.subnet)
        {
            b.set(
                "depends_on",
                Value::List(vec![Value::Expression(c.reference(g))]),
            );
        }
        b
    }
}
