//! `security_group`: the resolved kind, its resolver and its graph edges.

use super::prelude::*;

/// Where a security group rule's traffic comes from (ingress) or goes to (egress).
#[derive(Clone, Debug, PartialEq)]
pub struct SgRule {
    pub span: Span,
    pub protocol: Sp<String>,
    pub ports: Option<Sp<String>>,
    /// `protocol` and `ports`, parsed.
    pub traffic: ParsedTraffic,
    pub icmp_type: Option<Sp<i64>>,
    pub icmp_code: Option<Sp<i64>>,
    pub cidr: Option<CidrAny>,
    pub cidrs: Option<Sp<Vec<CidrAny>>>,
    pub security_group: Option<Ref<SecurityGroup>>,
    /// Whether a `security_group` key was written (it may not have resolved).
    pub security_group_written: bool,
    pub prefix_list: Option<Ref<PrefixList>>,
    pub self_: Option<Sp<bool>>,
    pub description: Option<Sp<String>>,
}

impl SgRule {
    /// Every CIDR the rule names (`cidr` and each of `cidrs`).
    pub fn all_cidrs(&self) -> impl Iterator<Item = &CidrAny> {
        self.cidr
            .iter()
            .chain(self.cidrs.iter().flat_map(|c| c.value.iter()))
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct SecurityGroup {
    pub common: Common,
    pub vpc: Ref<Vpc>,
    /// As written; the kind table's default when absent.
    pub description: Option<Sp<String>>,
    pub ingress: Vec<SgRule>,
    /// `None`: allow all outbound (AWS's default). `Some([])`: deny all.
    pub egress: Option<Vec<SgRule>>,
}

impl SecurityGroup {
    /// Its description: as written, else what AWS requires and the kind
    /// table gives.
    pub fn description_text(&self) -> &str {
        let default = || {
            let schema = Kind::SecurityGroup.schema();
            schema.default_of("description").unwrap_or_default()
        };
        self.description
            .as_ref()
            .map_or_else(default, |d| d.value.as_str())
    }
}

/// A security group's rules, resolved once every group is known (groups
/// name each other). `group` is `None` for a group that was dropped: its
/// rules are resolved only for their errors.
pub(crate) struct PendingRules {
    group: Option<usize>,
    from: String,
    ingress: Vec<SgRuleSpec>,
    egress: Option<Vec<SgRuleSpec>>,
}

impl Resolver<'_> {
    /// Security groups first without their rules, then the rules (a rule
    /// may name a group declared later).
    pub(crate) fn security_groups(&mut self, m: &mut Model, decls: Vec<Decl<SecurityGroupSpec>>) {
        let mut pending = Vec::new();
        for d in decls {
            let Some(a) = d.attrs else { continue };
            let common = self.common(Kind::SecurityGroup, d.name, &d.tags);
            let vpc = self.lookup::<Vpc>(&a.vpc, "vpc", &common.address);
            // A dropped group's rules are still resolved, for their errors.
            pending.push(PendingRules {
                group: vpc.map(|_| m.security_groups.len()),
                from: common.address.clone(),
                ingress: a.ingress,
                egress: a.egress,
            });
            let Some(vpc) = vpc else { continue };
            self.register(Kind::SecurityGroup, &common, m.security_groups.len());
            m.security_groups.push(SecurityGroup {
                common,
                vpc,
                description: a.description,
                ingress: Vec::new(),
                egress: None,
            });
        }
        self.security_group_rules(m, pending);
    }

    fn security_group_rules(&mut self, m: &mut Model, pending: Vec<PendingRules>) {
        for p in pending {
            let ingress: Vec<SgRule> = p
                .ingress
                .into_iter()
                .map(|r| self.sg_rule(r, &p.from))
                .collect();
            let egress: Option<Vec<SgRule>> = p.egress.map(|rules| {
                rules
                    .into_iter()
                    .map(|r| self.sg_rule(r, &p.from))
                    .collect()
            });
            if let Some(g) = p.group {
                m.security_groups[g].ingress = ingress;
                m.security_groups[g].egress = egress;
            }
        }
    }

    pub(crate) fn sg_rule(&mut self, r: SgRuleSpec, from: &str) -> SgRule {
        let security_group = r
            .security_group
            .as_ref()
            .and_then(|n| self.lookup::<SecurityGroup>(n, "security_group", from));
        let prefix_list = r
            .prefix_list
            .as_ref()
            .and_then(|n| self.lookup::<PrefixList>(n, "prefix_list", from));
        SgRule {
            span: r.span,
            traffic: ParsedTraffic::parse(&r.protocol.value, r.ports.as_ref().map(|p| p.as_str())),
            protocol: r.protocol,
            ports: r.ports,
            icmp_type: r.icmp_type,
            icmp_code: r.icmp_code,
            cidr: r.cidr.map(cidr_any),
            cidrs: r
                .cidrs
                .map(|c| Sp::new(c.value.into_iter().map(cidr_any).collect(), c.span)),
            security_group,
            security_group_written: r.security_group.is_some(),
            prefix_list,
            self_: r.self_,
            description: r.description,
        }
    }
}

takes_nothing!(SecurityGroup);

/// Its references, one edge each.
pub(crate) fn edges(m: &Model, g: &mut DependencyGraph) {
    for (i, r) in m.security_groups.iter().enumerate() {
        let me = node(Kind::SecurityGroup, i);
        depends(g, me, r.vpc, "vpc");
        rule_edges(g, me, r);
    }
}
