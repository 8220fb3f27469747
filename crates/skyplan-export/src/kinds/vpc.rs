//! `vpc`: `AWS::EC2::VPC` (its extra blocks `AWS::EC2::VPCCidrBlock`, its
//! DHCP options `AWS::EC2::VPCDHCPOptionsAssociation`); `aws_vpc`.

use super::prelude::*;

/// The role of a VPC's nth secondary block (`VpcMainCidr1`), which the
/// subnets in it wait for.
pub(crate) fn secondary_block_role(n: usize) -> String {
    format!("Cidr{}", n + 1)
}

impl ExportKind for attrs::Vpc {
    const TERRAFORM: &'static str = "aws_vpc";

    fn cloudformation(&self, address: &Address, t: &mut Template, _: &Index) {
        let mut p = Fields::new();
        p.set("CidrBlock", Value::str(&self.cidr))
            .set("EnableDnsHostnames", Value::Bool(self.dns_hostnames))
            .set("EnableDnsSupport", Value::Bool(self.dns_support))
            .set("InstanceTenancy", Value::str(self.tenancy.as_str()))
            .set("Tags", Template::tags(address, &self.tags));
        t.main(address, "AWS::EC2::VPC", p);
        for (n, cidr) in self.secondary_cidrs.iter().enumerate() {
            let p = Fields::new()
                .with("VpcId", Value::Id(address.clone()))
                .with("CidrBlock", Value::str(cidr));
            t.extra(
                address,
                &secondary_block_role(n),
                "AWS::EC2::VPCCidrBlock",
                p,
            );
        }
        if self.ipv6 {
            let p = Fields::new()
                .with("VpcId", Value::Id(address.clone()))
                .with("AmazonProvidedIpv6CidrBlock", Value::Bool(true));
            t.extra(address, "Ipv6", "AWS::EC2::VPCCidrBlock", p);
        }
        if let Some(block) = &self.ipv6_cidr {
            t.note(
                address,
                format!("its IPv6 block {block} comes from an IPAM pool or your own range: CloudFormation needs the pool (`Ipv6Pool`), which the spec does not name; add an AWS::EC2::VPCCidrBlock for it"),
            );
        }
        if let Some(options) = &self.dhcp_options {
            let p = Fields::new()
                .with("VpcId", Value::Id(address.clone()))
                .with("DhcpOptionsId", Value::Id(options.clone()));
            t.extra(
                address,
                "DhcpOptions",
                "AWS::EC2::VPCDHCPOptionsAssociation",
                p,
            );
        }
    }

    fn terraform(&self, address: &Address, c: &mut Configuration, _: &Index) -> Body {
        let mut b = Body::new();
        b.set("cidr_block", Value::str(&self.cidr))
            .set("enable_dns_hostnames", Value::Bool(self.dns_hostnames))
            .set("enable_dns_support", Value::Bool(self.dns_support))
            .set("instance_tenancy", Value::str(self.tenancy.as_str()));
        if self.ipv6 {
            b.set("assign_generated_ipv6_cidr_block", Value::Bool(true));
        }
        if let Some(block) = &self.ipv6_cidr {
            c.note(
                address,
                format!("its IPv6 block {block} comes from an IPAM pool or your own range: set `ipv6_ipam_pool_id` for it"),
            );
        }
        b.set("tags", super::terraform_tags(address, &self.tags));
        for (n, cidr) in self.secondary_cidrs.iter().enumerate() {
            let mut a = Body::new();
            a.set("vpc_id", Value::Id(address.clone()))
                .set("cidr_block", Value::str(cidr));
            c.extra(
                address,
                "aws_vpc_ipv4_cidr_block_association",
                &format!("cidr_{}", n + 1),
                a,
            );
        }
        if let Some(options) = &self.dhcp_options {
            let mut a = Body::new();
            a.set("vpc_id", Value::Id(address.clone()))
                .set("dhcp_options_id", Value::Id(options.clone()));
            c.extra(
                address,
                "aws_vpc_dhcp_options_association",
                "dhcp_options",
                a,
            );
        }
        b
    }
}
