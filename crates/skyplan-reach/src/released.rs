//! Default security groups and network ACLs a VPC no longer takes over:
//! AWS keeps them with their rules as they were applied (as Terraform's
//! `aws_default_*` leave them), so questions about a built network answer
//! with those rules, not AWS's factory defaults. They live in the state
//! (`State::released`); this puts them back into a copy of the model.

use skyplan_cidr::{CidrError, IpNet};
use skyplan_diagnostics::Span;
use skyplan_model::traffic::ParsedTraffic;
use skyplan_model::{
    Cidr, CidrAny, Common, DefaultNetworkAcl, DefaultSecurityGroup, Id, Model, NaclEntry,
    NetworkAcl, Ref, SecurityGroup, SgRule,
};
use skyplan_spec::{Address, Sp};
use skyplan_state::attributes::{self, RuleAction};
use skyplan_state::{Attributes, ResourceState};

/// Adds to `m` the released default objects of a state, for every VPC
/// that does not take its default over itself.
pub fn add_released(m: &mut Model, released: &[ResourceState]) {
    for r in released {
        match &r.attributes {
            Attributes::DefaultSecurityGroup(g) => add_group(m, &r.address, g),
            Attributes::DefaultNetworkAcl(a) => add_acl(m, &r.address, a),
            _ => {}
        }
    }
}

/// The VPC a released object belongs to, where the stack still has it and
/// does not take the object over again; its span stands for every rule's.
fn vpc_of(m: &Model, vpc: &Address) -> Option<(Id<skyplan_model::Vpc>, Span)> {
    let name = vpc.to_string();
    let i = m.vpcs.iter().position(|v| v.common.address == name)?;
    Some((Id::new(i), m.vpcs[i].common.name.span))
}

fn common(address: &Address, span: Span) -> Common {
    Common {
        name: Sp::new(address.name.clone(), span),
        address: address.to_string(),
        tags: Default::default(),
    }
}

fn cidr(text: &str, span: Span) -> CidrAny {
    Cidr {
        text: Sp::new(text.to_string(), span),
        net: text.parse::<IpNet>().map_err(|_| CidrError::Syntax),
    }
}

fn add_group(m: &mut Model, address: &Address, g: &attributes::DefaultSecurityGroup) {
    let Some((vpc, span)) = vpc_of(m, &g.vpc) else {
        return;
    };
    if m.vpc_default_security_group[vpc].is_some() {
        return;
    }
    let group_by_name = |m: &Model, a: &Address| {
        let name = a.to_string();
        m.security_groups
            .iter()
            .position(|s| s.common.address == name)
            .map(|i| Ref {
                id: Id::new(i),
                span,
            })
    };
    let list_by_name = |m: &Model, a: &Address| {
        let name = a.to_string();
        m.prefix_lists
            .iter()
            .position(|s| s.common.address == name)
            .map(|i| Ref {
                id: Id::new(i),
                span,
            })
    };
    let rule = |m: &Model, r: &attributes::SgRule| SgRule {
        span,
        traffic: ParsedTraffic::parse(&r.protocol, r.ports.as_deref()),
        protocol: Sp::new(r.protocol.clone(), span),
        ports: r.ports.clone().map(|p| Sp::new(p, span)),
        icmp_type: r.icmp_type.map(|v| Sp::new(v, span)),
        icmp_code: r.icmp_code.map(|v| Sp::new(v, span)),
        cidr: r.cidr.as_deref().map(|c| cidr(c, span)),
        cidrs: r
            .cidrs
            .as_ref()
            .map(|cs| Sp::new(cs.iter().map(|c| cidr(c, span)).collect(), span)),
        security_group: r.security_group.as_ref().and_then(|a| group_by_name(m, a)),
        security_group_written: r.security_group.is_some(),
        prefix_list: r.prefix_list.as_ref().and_then(|a| list_by_name(m, a)),
        self_: r.self_.then(|| Sp::new(true, span)),
        description: r.description.clone().map(|d| Sp::new(d, span)),
    };
    let group = SecurityGroup {
        common: common(address, span),
        vpc: Ref { id: vpc, span },
        description: None,
        ingress: g.ingress.iter().map(|r| rule(m, r)).collect(),
        egress: Some(g.egress.iter().map(|r| rule(m, r)).collect()),
    };
    m.vpc_default_security_group[vpc] = Some(Id::new(m.default_security_groups.len()));
    m.default_security_groups
        .push(DefaultSecurityGroup { group });
}

fn add_acl(m: &mut Model, address: &Address, a: &attributes::DefaultNetworkAcl) {
    let Some((vpc, span)) = vpc_of(m, &a.vpc) else {
        return;
    };
    if m.vpc_default_network_acl[vpc].is_some() {
        return;
    }
    let entry = |e: &attributes::NaclEntry| NaclEntry {
        span,
        rule: Sp::new(e.rule, span),
        allow: e.action == RuleAction::Allow,
        traffic: ParsedTraffic::parse(&e.protocol, e.ports.as_deref()),
        protocol: Sp::new(e.protocol.clone(), span),
        ports: e.ports.clone().map(|p| Sp::new(p, span)),
        icmp_type: e.icmp_type.map(|v| Sp::new(v, span)),
        icmp_code: e.icmp_code.map(|v| Sp::new(v, span)),
        cidr: cidr(&e.cidr, span),
    };
    let acl = NetworkAcl {
        common: common(address, span),
        vpc: Ref { id: vpc, span },
        subnets: Vec::new(),
        ingress: a.ingress.iter().map(entry).collect(),
        egress: a.egress.iter().map(entry).collect(),
    };
    m.vpc_default_network_acl[vpc] = Some(Id::new(m.default_network_acls.len()));
    m.default_network_acls.push(DefaultNetworkAcl { acl });
}
