//! `subnet`: `AWS::EC2::Subnet`; `aws_subnet`. An `ipv6_index` is the
//! index-th /64 of the VPC's Amazon-provided block (`Fn::Cidr`,
//! `cidrsubnet`).

use super::prelude::*;

impl ExportKind for attrs::Subnet {
    const TERRAFORM: &'static str = "aws_subnet";

    fn cloudformation(&self, address: &Address, t: &mut Template, index: &Index) {
        let mut p = Fields::new();
        p.set("VpcId", Value::Id(self.vpc.clone()))
            .set("CidrBlock", Value::str(&self.cidr))
            .set("AvailabilityZone", Value::str(&self.az))
            .set("MapPublicIpOnLaunch", Value::Bool(self.public_ip_on_launch));
        let mut waits_for_block = false;
        if let Some(index) = self.ipv6_index {
            let vpc_blocks = Value::Attr {
                of: self.vpc.clone(),
                cloudformation: "Ipv6CidrBlocks",
                terraform: "ipv6_cidr_block",
            };
            let first = Value::Intrinsic(
                "Select",
                Box::new(Value::List(vec![Value::Int(0), vpc_blocks])),
            );
            let sixty_fours = Value::Intrinsic(
                "Cidr",
                Box::new(Value::List(vec![first, Value::Int(256), Value::Int(64)])),
            );
            p.set(
                "Ipv6CidrBlock",
                Value::Intrinsic(
                    "Select",
                    Box::new(Value::List(vec![Value::Int(i64::from(index)), sixty_fours])),
                ),
            );
            waits_for_block = true;
        } else if let Some(block) = &self.ipv6_cidr {
            p.set("Ipv6CidrBlock", Value::str(block));
            waits_for_block = true;
        }
        if waits_for_block {
            p.set(
                "AssignIpv6AddressOnCreation",
                Value::Bool(self.assign_ipv6_on_creation),
            );
        }
        p.set("Tags", Template::tags(address, &self.tags));
        let ipv6_block = waits_for_block.then(|| t.extra_id(&self.vpc, "Ipv6"));
        let ipv4_block = index
            .secondary_block_of(&self.vpc, &self.cidr)
            .map(|n| t.extra_id(&self.vpc, &super::vpc::secondary_block_role(n)));
        let r = t.main(address, "AWS::EC2::Subnet", p);
        for block in ipv4_block.into_iter().chain(ipv6_block) {
            r.depends_on(block);
        }
    }

    fn terraform(&self, address: &Address, c: &mut Configuration, _: &Index) -> Body {
        let mut b = Body::new();
        b.set("vpc_id", Value::Id(self.vpc.clone()))
            .set("cidr_block", Value::str(&self.cidr))
            .set("availability_zone", Value::str(&self.az))
            .set(
                "map_public_ip_on_launch",
                Value::Bool(self.public_ip_on_launch),
            );
        if let Some(index) = self.ipv6_index {
            b.set(
                "ipv6_cidr_block",
                Value::Expression(format!(
                    "cidrsubnet({}.ipv6_cidr_block, 8, {index})",
                    c.reference(&self.vpc)
                )),
            );
        } else if let Some(block) = &self.ipv6_cidr {
            b.set("ipv6_cidr_block", Value::str(block));
        }
        if self.ipv6_index.is_some() || self.ipv6_cidr.is_some() {
            b.set(
                "assign_ipv6_address_on_creation",
                Value::Bool(self.assign_ipv6_on_creation),
            );
        }
        b.set("tags", super::terraform_tags(address, &self.tags));
        b
    }
}
