//! `security_group`: `AWS::EC2::SecurityGroup` with its CIDR and
//! prefix-list rules inline, and an `AWS::EC2::SecurityGroupIngress` /
//! `Egress` per rule naming a group (groups that name each other would
//! otherwise wait on each other); `aws_security_group` and an
//! `aws_vpc_security_group_ingress_rule` / `_egress_rule` per rule and
//! block.

use super::prelude::*;

/// Ingress or egress.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Direction {
    Ingress,
    Egress,
}

/// A rule's peer: a block, a prefix list or a group.
enum Peer<'a> {
    Cidr(&'a str),
    PrefixList(&'a Address),
    Group(&'a Address),
}

/// Each peer of a rule (a rule with `cidrs` is one AWS rule per block).
fn peers<'a>(rule: &'a attrs::SgRule, own: &'a Address) -> Vec<Peer<'a>> {
    let attrs::SgRule {
        cidr,
        cidrs,
        description: _,
        icmp_code: _,
        icmp_type: _,
        ports: _,
        prefix_list,
        protocol: _,
        security_group,
        self_,
    } = rule;
    let mut out: Vec<Peer> = cidr.iter().map(|c| Peer::Cidr(c)).collect();
    out.extend(cidrs.iter().flatten().map(|c| Peer::Cidr(c)));
    out.extend(prefix_list.iter().map(Peer::PrefixList));
    out.extend(security_group.iter().map(Peer::Group));
    if *self_ {
        out.push(Peer::Group(own));
    }
    out
}

fn traffic(rule: &attrs::SgRule) -> Traffic {
    Traffic::of(
        &rule.protocol,
        rule.ports.as_deref(),
        rule.icmp_type,
        rule.icmp_code,
    )
}

/// The CloudFormation rule properties shared by inline and separate rules.
fn cloudformation_rule(rule: &attrs::SgRule, peer: &Peer, direction: Direction) -> Fields {
    let t = traffic(rule);
    let mut p = Fields::new();
    p.set("IpProtocol", Value::str(&t.protocol));
    if let Some((from, to)) = t.ports {
        p.set("FromPort", Value::Int(from))
            .set("ToPort", Value::Int(to));
    }
    let (cidr4, cidr6, list, group) = match direction {
        Direction::Ingress => (
            "CidrIp",
            "CidrIpv6",
            "SourcePrefixListId",
            "SourceSecurityGroupId",
        ),
        Direction::Egress => (
            "CidrIp",
            "CidrIpv6",
            "DestinationPrefixListId",
            "DestinationSecurityGroupId",
        ),
    };
    match peer {
        Peer::Cidr(c) if c.contains(':') => p.set(cidr6, Value::str(*c)),
        Peer::Cidr(c) => p.set(cidr4, Value::str(*c)),
        Peer::PrefixList(l) => p.set(list, Value::Id((*l).clone())),
        Peer::Group(g) => p.set(group, Value::Id((*g).clone())),
    };
    p.maybe("Description", rule.description.as_deref().map(Value::str));
    p
}

/// The rule to 127.0.0.1/32 AWS documents for a group that allows nothing
/// out: CloudFormation adds the allow-all rule to a group written without
/// inline egress, and removes it for one written with any.
fn nothing_out() -> Value {
    Fields::new()
        .with("IpProtocol", Value::str("-1"))
        .with("CidrIp", Value::str("127.0.0.1/32"))
        .with(
            "Description",
            Value::str("no outbound traffic (replaces AWS's allow-all rule)"),
        )
        .into_value()
}

impl ExportKind for attrs::SecurityGroup {
    const TERRAFORM: &'static str = "aws_security_group";

    fn cloudformation(&self, address: &Address, t: &mut Template, _: &Index) {
        let inline = |rules: &[attrs::SgRule], direction| -> Vec<Value> {
            rules
                .iter()
                .flat_map(|r| {
                    peers(r, address)
                        .into_iter()
                        .filter(|p| !matches!(p, Peer::Group(_)))
                        .map(move |p| cloudformation_rule(r, &p, direction).into_value())
                })
                .collect()
        };
        let ingress = inline(&self.ingress, Direction::Ingress);
        let mut egress = inline(&self.egress, Direction::Egress);
        if egress.is_empty() {
            egress.push(nothing_out());
        }
        let mut p = Fields::new();
        p.set("GroupDescription", Value::str(&self.description))
            .set("VpcId", Value::Id(self.vpc.clone()));
        if !ingress.is_empty() {
            p.set("SecurityGroupIngress", Value::List(ingress));
        }
        p.set("SecurityGroupEgress", Value::List(egress))
            .set("Tags", Template::tags(address, &self.tags));
        t.main(address, "AWS::EC2::SecurityGroup", p);
        group_rules(address, &self.ingress, Direction::Ingress, t);
        group_rules(address, &self.egress, Direction::Egress, t);
    }

    fn terraform(&self, address: &Address, c: &mut Configuration, _: &Index) -> Body {
        let mut b = Body::new();
        b.set("description", Value::str(&self.description))
            .set("vpc_id", Value::Id(self.vpc.clone()))
            .set("tags", super::terraform_tags(address, &self.tags));
        // The provider revokes AWS's allow-all egress rule of a new group:
        // the rules below are all it has.
        for (rules, tf_type, role) in [
            (
                &self.ingress,
                "aws_vpc_security_group_ingress_rule",
                "ingress",
            ),
            (&self.egress, "aws_vpc_security_group_egress_rule", "egress"),
        ] {
            let mut n = 0;
            for rule in rules {
                for peer in peers(rule, address) {
                    n += 1;
                    let body = terraform_rule(address, rule, &peer);
                    c.extra(address, tf_type, &format!("{role}_{n}"), body);
                }
            }
        }
        b
    }
}

/// The rules naming a group, as resources of their own.
fn group_rules(address: &Address, rules: &[attrs::SgRule], direction: Direction, t: &mut Template) {
    let (aws_type, role) = match direction {
        Direction::Ingress => ("AWS::EC2::SecurityGroupIngress", "Ingress"),
        Direction::Egress => ("AWS::EC2::SecurityGroupEgress", "Egress"),
    };
    let mut n = 0;
    for rule in rules {
        for peer in peers(rule, address) {
            if !matches!(peer, Peer::Group(_)) {
                continue;
            }
            n += 1;
            let mut p = Fields::new().with("GroupId", Value::Id(address.clone()));
            p.0.extend(cloudformation_rule(rule, &peer, direction).0);
            t.sub(address, &format!("{role}{n}"), aws_type, p);
        }
    }
}

fn terraform_rule(address: &Address, rule: &attrs::SgRule, peer: &Peer) -> Body {
    let t = traffic(rule);
    let mut b = Body::new();
    b.set("security_group_id", Value::Id(address.clone()))
        .set("ip_protocol", Value::str(&t.protocol));
    if let Some((from, to)) = t.ports {
        b.set("from_port", Value::Int(from))
            .set("to_port", Value::Int(to));
    }
    match peer {
        Peer::Cidr(c) if c.contains(':') => b.set("cidr_ipv6", Value::str(*c)),
        Peer::Cidr(c) => b.set("cidr_ipv4", Value::str(*c)),
        Peer::PrefixList(l) => b.set("prefix_list_id", Value::Id((*l).clone())),
        Peer::Group(g) => b.set("referenced_security_group_id", Value::Id((*g).clone())),
    };
    b.maybe("description", rule.description.as_deref().map(Value::str));
    b
}

/// The inline `ingress`/`egress` blocks of `aws_default_security_group`.
pub(crate) fn terraform_inline(address: &Address, rule: &attrs::SgRule) -> Body {
    let t = traffic(rule);
    let mut b = Body::new();
    b.set("protocol", Value::str(&t.protocol));
    let (from, to) = t.ports.unwrap_or((0, 0));
    b.set("from_port", Value::Int(from))
        .set("to_port", Value::Int(to));
    let mut v4 = Vec::new();
    let mut v6 = Vec::new();
    let mut lists = Vec::new();
    let mut groups = Vec::new();
    for peer in peers(rule, address) {
        match peer {
            Peer::Cidr(c) if c.contains(':') => v6.push(Value::str(c)),
            Peer::Cidr(c) => v4.push(Value::str(c)),
            Peer::PrefixList(l) => lists.push(Value::Id(l.clone())),
            Peer::Group(g) if g == address => {
                b.set("self", Value::Bool(true));
            }
            Peer::Group(g) => groups.push(Value::Id(g.clone())),
        }
    }
    for (key, values) in [
        ("cidr_blocks", v4),
        ("ipv6_cidr_blocks", v6),
        ("prefix_list_ids", lists),
        ("security_groups", groups),
    ] {
        if !values.is_empty() {
            b.set(key, Value::List(values));
        }
    }
    b.maybe("description", rule.description.as_deref().map(Value::str));
    b
}
