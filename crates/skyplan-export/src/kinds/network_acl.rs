//! `network_acl`: `AWS::EC2::NetworkAcl`, an `AWS::EC2::NetworkAclEntry`
//! per entry and an `AWS::EC2::SubnetNetworkAclAssociation` per subnet;
//! `aws_network_acl` with inline entries and `subnet_ids`.

use super::prelude::*;

/// The protocol as a NACL entry takes it: a number (`-1` for all).
pub(crate) fn protocol_number(protocol: &str) -> String {
    match protocol {
        "all" => "-1".into(),
        "tcp" => "6".into(),
        "udp" => "17".into(),
        "icmp" => "1".into(),
        "icmpv6" => "58".into(),
        other => other.into(),
    }
}

fn action(e: &attrs::NaclEntry) -> &'static str {
    match e.action {
        attrs::RuleAction::Allow => "allow",
        attrs::RuleAction::Deny => "deny",
    }
}

pub(crate) fn cloudformation_entry(acl: Value, e: &attrs::NaclEntry, egress: bool) -> Fields {
    let t = Traffic::of(&e.protocol, e.ports.as_deref(), e.icmp_type, e.icmp_code);
    let mut p = Fields::new();
    p.set("NetworkAclId", acl)
        .set("RuleNumber", Value::Int(e.rule))
        .set(
            "Protocol",
            Value::Int(protocol_number(&e.protocol).parse().unwrap_or(-1)),
        )
        .set("RuleAction", Value::str(action(e)))
        .set("Egress", Value::Bool(egress));
    if e.cidr.contains(':') {
        p.set("Ipv6CidrBlock", Value::str(&e.cidr));
    } else {
        p.set("CidrBlock", Value::str(&e.cidr));
    }
    match (t.protocol.as_str(), t.ports) {
        ("icmp" | "58", Some((kind, code))) => {
            let icmp = Fields::new()
                .with("Type", Value::Int(kind))
                .with("Code", Value::Int(code));
            p.set("Icmp", icmp.into_value());
        }
        (_, Some((from, to))) => {
            let range = Fields::new()
                .with("From", Value::Int(from))
                .with("To", Value::Int(to));
            p.set("PortRange", range.into_value());
        }
        (_, None) => {}
    }
    p
}

pub(crate) fn terraform_entry(e: &attrs::NaclEntry) -> Body {
    let t = Traffic::of(&e.protocol, e.ports.as_deref(), e.icmp_type, e.icmp_code);
    let mut b = Body::new();
    b.set("rule_no", Value::Int(e.rule))
        .set("action", Value::str(action(e)))
        .set("protocol", Value::str(protocol_number(&e.protocol)));
    if e.cidr.contains(':') {
        b.set("ipv6_cidr_block", Value::str(&e.cidr));
    } else {
        b.set("cidr_block", Value::str(&e.cidr));
    }
    match (t.protocol.as_str(), t.ports) {
        ("icmp" | "58", Some((kind, code))) => {
            b.set("from_port", Value::Int(0))
                .set("to_port", Value::Int(0))
                .set("icmp_type", Value::Int(kind))
                .set("icmp_code", Value::Int(code));
        }
        (_, Some((from, to))) => {
            b.set("from_port", Value::Int(from))
                .set("to_port", Value::Int(to));
        }
        (_, None) => {
            b.set("from_port", Value::Int(0))
                .set("to_port", Value::Int(0));
        }
    }
    b
}

impl ExportKind for attrs::NetworkAcl {
    const TERRAFORM: &'static str = "aws_network_acl";

    fn cloudformation(&self, address: &Address, t: &mut Template, _: &Index) {
        let p = Fields::new()
            .with("VpcId", Value::Id(self.vpc.clone()))
            .with("Tags", Template::tags(address, &self.tags));
        t.main(address, "AWS::EC2::NetworkAcl", p);
        for (entries, egress, role) in [
            (&self.ingress, false, "Ingress"),
            (&self.egress, true, "Egress"),
        ] {
            for e in entries {
                let p = cloudformation_entry(Value::Id(address.clone()), e, egress);
                t.sub(
                    address,
                    &format!("{role}{}", e.rule),
                    "AWS::EC2::NetworkAclEntry",
                    p,
                );
            }
        }
        for subnet in &self.subnets {
            let p = Fields::new()
                .with("NetworkAclId", Value::Id(address.clone()))
                .with("SubnetId", Value::Id(subnet.clone()));
            let role = format!("Association{}", crate::logical_base(subnet));
            t.sub(address, &role, "AWS::EC2::SubnetNetworkAclAssociation", p);
        }
    }

    fn terraform(&self, address: &Address, _: &mut Configuration, _: &Index) -> Body {
        let mut b = Body::new();
        b.set("vpc_id", Value::Id(self.vpc.clone()))
            .set("subnet_ids", Value::ids(&self.subnets))
            .set("tags", super::terraform_tags(address, &self.tags));
        for e in &self.ingress {
            b.block("ingress", terraform_entry(e));
        }
        for e in &self.egress {
            b.block("egress", terraform_entry(e));
        }
        b
    }
}
