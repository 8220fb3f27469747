//! Checks across the environments of one stack (`lint --all-envs`): each
//! environment is checked on its own by [`crate::check`]; what joins them
//! is the world outside AWS. An on-premises site (a customer gateway's
//! public address) that two environments both connect over VPN sees the
//! VPC blocks of both, and cannot route to two blocks that overlap.

use skyplan_cidr::{IpNet, Ipv4Net, overlapping_pairs};
use skyplan_diagnostics::{Diagnostic, Rule, Span};
use skyplan_model::{Model, VpcId, VpnEnd};

/// One VPC block an environment connects a site to.
#[derive(Clone, Debug)]
pub struct SiteBlock {
    /// The site: its customer gateway's public address.
    pub site: String,
    /// The customer gateway's address in the stack (`customer_gateway.office`).
    pub gateway: String,
    /// Where the VPN connection names the customer gateway.
    pub connection: Span,
    pub vpc: String,
    /// Where the VPC's block is written.
    pub vpc_span: Span,
    pub block: Ipv4Net,
}

/// What `m` (one environment) connects each site to: every block of every
/// VPC behind each of its VPN connections.
pub fn site_blocks(m: &Model) -> Vec<SiteBlock> {
    let mut out = Vec::new();
    for c in &m.vpn_connections {
        let gateway = &m.customer_gateways[c.customer_gateway.id];
        let vpcs: Vec<VpcId> = match c.end {
            VpnEnd::VpnGateway(g) => vec![m.vpn_gateways[g.id].vpc.id],
            VpnEnd::TransitGateway(g) => crate::vpn::attached_vpcs(m, g.id),
        };
        for v in vpcs {
            let vpc = &m.vpcs[v];
            for block in vpc.blocks() {
                out.push(SiteBlock {
                    site: gateway.ip_address.value.clone(),
                    gateway: gateway.common.address.clone(),
                    connection: c.customer_gateway.span,
                    vpc: vpc.common.address.clone(),
                    vpc_span: vpc.cidr.text.span,
                    block,
                });
            }
        }
    }
    out
}

/// EV001: for each site, the blocks different environments connect it
/// to, clear of each other; one finding per site and pair of
/// environments. `environments` are each environment's name and
/// [`site_blocks`], in the order they were checked.
pub fn across_environments(environments: &[(String, Vec<SiteBlock>)]) -> Vec<Diagnostic> {
    // Sorted by site, each block with its environment: one sweep per site.
    let mut all: Vec<(usize, &SiteBlock)> = environments
        .iter()
        .enumerate()
        .flat_map(|(e, (_, blocks))| blocks.iter().map(move |b| (e, b)))
        .collect();
    all.sort_by(|a, b| a.1.site.cmp(&b.1.site).then(a.0.cmp(&b.0)));
    let mut found = Vec::new();
    let mut reported = std::collections::BTreeSet::new();
    for site in all.chunk_by(|a, b| a.1.site == b.1.site) {
        let blocks: Vec<IpNet> = site.iter().map(|(_, b)| IpNet::V4(b.block)).collect();
        for (later, earlier) in overlapping_pairs(&blocks) {
            let (mut x, mut y) = (site[earlier], site[later]);
            if x.0 == y.0 {
                continue; // one environment: the stack's own checks
            }
            if x.0 > y.0 {
                std::mem::swap(&mut x, &mut y);
            }
            if reported.insert((x.1.site.clone(), x.0, y.0)) {
                found.push(finding(environments, x, y));
            }
        }
    }
    found
}

fn finding(
    environments: &[(String, Vec<SiteBlock>)],
    (e, a): (usize, &SiteBlock),
    (f, b): (usize, &SiteBlock),
) -> Diagnostic {
    let (first, second) = (&environments[e].0, &environments[f].0);
    Diagnostic::new(
        Rule::EnvironmentOverlap,
        format!(
            "environments {first} and {second} both connect the site {} ({}) to overlapping blocks: {} of {} in {first} and {} of {} in {second}",
            a.site, a.gateway, a.block, a.vpc, b.block, b.vpc
        ),
    )
    .detail("the site learns both blocks over its VPN tunnels and routes each address to one of them: the other environment's hosts at those addresses are out of its reach")
    .resource(&a.gateway)
    .resource(&a.vpc)
    .resource(&b.vpc)
    .at(b.vpc_span, format!("{} in {second}", b.block))
    .related(a.connection, "the VPN connection to the site")
    .help("give each environment its own block (a different `base_cidr` per environment in skyplan.toml)")
}

#[cfg(test)]
mod tests {
    use super::*;
    use skyplan_diagnostics::FileId;

    fn block(site: &str, vpc: &str, cidr: &str) -> SiteBlock {
        let span = Span::new(FileId(0), 0, 1);
        SiteBlock {
            site: site.into(),
            gateway: "customer_gateway.office".into(),
            connection: span,
            vpc: vpc.into(),
            vpc_span: span,
            block: cidr.parse().unwrap(),
        }
    }

    #[test]
    fn only_blocks_of_different_environments_at_one_site_collide() {
        let envs = vec![
            (
                "dev".to_string(),
                vec![
                    block("203.0.113.1", "vpc.a", "10.0.0.0/16"),
                    block("203.0.113.1", "vpc.b", "10.0.0.0/16"),
                    block("203.0.113.2", "vpc.a", "10.9.0.0/16"),
                ],
            ),
            (
                "prod".to_string(),
                vec![
                    block("203.0.113.1", "vpc.a", "10.1.0.0/16"),
                    block("203.0.113.2", "vpc.a", "10.9.128.0/17"),
                ],
            ),
        ];
        let found = across_environments(&envs);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].summary.contains("203.0.113.2"),
            "{}",
            found[0].summary
        );
        assert!(found[0].summary.starts_with("environments dev and prod"));
    }
}
