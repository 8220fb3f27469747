//! Every AWS check of `rules.md`, run over a resolved [`Model`].
//!
//! Each module checks one group of the registry (`skyplan_diagnostics::Rule`)
//! and pushes findings into the [`Checker`]. Checks never print and never
//! stop early: one run reports everything. Every check is O(n log n) or
//! better in the number of resources: hash maps for lookups, sort-and-sweep
//! for overlaps; the only nested loops are over lists AWS caps at a few
//! dozen entries (the blocks of one VPC, the entries of one network ACL).

use skyplan_diagnostics::{Diagnostic, Rule};
use skyplan_facts::Facts;
use skyplan_model::Model;

mod auto_scaling;
mod az;
mod cidr;
mod db_instance;
mod db_subnet_group;
mod dhcp;
mod dx_gateway;
mod endpoint;
pub mod environments;
mod flow_log;
mod gateway;
mod instance;
mod ipv6;
mod listener_action;
mod listener_security;
mod load_balancer;
mod nacl;
mod peering;
mod prefix_list;
mod protocol;
mod quota;
mod route;
mod security_group;
mod subnet;
mod subnet_mapping;
mod tags;
mod target_group;
mod transit_gateway;
mod transit_route_table;
mod volume;
mod vpc;
mod vpn;

/// What a check sees, and where it puts its findings.
pub struct Checker<'m> {
    pub model: &'m Model,
    pub facts: &'m Facts,
    findings: Vec<Diagnostic>,
    /// Did-you-mean for regions, zones and instance types, bounded per run.
    suggestions: skyplan_spec::suggest::Suggestions,
}

/// The candidate lists suggestions are drawn from (memo keys).
#[derive(Clone, Copy)]
#[repr(u8)]
enum Candidates {
    Regions,
    Zones,
    InstanceTypes,
}

impl Checker<'_> {
    fn push(&mut self, diagnostic: Diagnostic) {
        self.findings.push(diagnostic);
    }
}

/// Runs every check over the model. Which findings are kept (selected,
/// ignored, suppressed) is the caller's decision.
pub fn check(model: &Model, facts: &Facts) -> Vec<Diagnostic> {
    let mut c = Checker {
        model,
        facts,
        findings: Vec::new(),
        suggestions: Default::default(),
    };
    cidr::check(&mut c);
    vpc::check(&mut c);
    dhcp::check(&mut c);
    flow_log::check(&mut c);
    subnet::check(&mut c);
    az::check(&mut c);
    gateway::check(&mut c);
    route::check(&mut c);
    ipv6::check(&mut c);
    endpoint::check(&mut c);
    prefix_list::check(&mut c);
    load_balancer::check(&mut c);
    subnet_mapping::check(&mut c);
    target_group::check(&mut c);
    listener_action::check(&mut c);
    listener_security::check(&mut c);
    db_subnet_group::check(&mut c);
    db_instance::check(&mut c);
    transit_gateway::check(&mut c);
    transit_route_table::check(&mut c);
    dx_gateway::check(&mut c);
    vpn::check(&mut c);
    auto_scaling::check(&mut c);
    peering::check(&mut c);
    security_group::check(&mut c);
    nacl::check(&mut c);
    instance::check(&mut c);
    volume::check(&mut c);
    tags::check(&mut c);
    c.findings
}

/// The rules this crate reports (the rest of the registry is reported by
/// the spec and model crates).
pub fn is_aws_rule(rule: Rule) -> bool {
    !matches!(rule.code().get(..2), Some("SP" | "RF"))
}
