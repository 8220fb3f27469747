//! `vpc`: the resolved kind, its resolver and its graph edges.

use super::prelude::*;

#[derive(Clone, Debug, PartialEq)]
pub struct Vpc {
    pub common: Common,
    /// The VPC's own `region`, or `defaults.region` (whose span then points
    /// into `defaults`). `None` only when neither is set (reported).
    pub region: Option<Sp<String>>,
    pub region_from_defaults: bool,
    pub cidr: Cidr4,
    pub secondary_cidrs: Vec<Cidr4>,
    pub dns_support: bool,
    pub dns_hostnames: bool,
    pub tenancy: Tenancy,
    pub dhcp_options: Option<Ref<DhcpOptions>>,
    /// `ipv6: true`: an Amazon-provided /56.
    pub ipv6: Option<Sp<bool>>,
    /// `ipv6_cidr:` a block of the user's own.
    pub ipv6_cidr: Option<Cidr6>,
}

impl Vpc {
    /// The IPv6 block it asks for, if any (`ipv6_cidr` wins when both are
    /// written: a check reports that).
    pub fn ipv6_block(&self) -> Option<VpcIpv6> {
        if let Some(c) = &self.ipv6_cidr {
            return c.ok().map(VpcIpv6::Own);
        }
        self.ipv6
            .as_ref()
            .filter(|b| b.value)
            .map(|_| VpcIpv6::Amazon)
    }

    /// Whether it asks for IPv6 at all (even with a block that is wrong).
    pub fn wants_ipv6(&self) -> bool {
        self.ipv6_cidr.is_some() || Kind::Vpc.schema().or_default(self.ipv6.as_ref(), "ipv6")
    }

    /// Every parsed block: primary first.
    pub fn blocks(&self) -> impl Iterator<Item = Ipv4Net> + '_ {
        std::iter::once(&self.cidr)
            .chain(&self.secondary_cidrs)
            .filter_map(Cidr::ok)
    }
}

/// The IPv6 block a VPC asks for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum VpcIpv6 {
    /// An Amazon-provided /56, known after apply.
    Amazon,
    /// A block of the user's own.
    Own(Ipv6Net),
}

impl VpcIpv6 {
    pub fn prefix_len(self) -> u8 {
        match self {
            VpcIpv6::Amazon => 56,
            VpcIpv6::Own(net) => net.prefix_len(),
        }
    }
}

/// A VPC's taken-over default group and ACL, resolved after the groups
/// (their rules name groups).
pub(crate) struct VpcDefaults {
    pub(crate) vpc: VpcId,
    pub(crate) tags: Tags,
    pub(crate) security_group: Option<DefaultSecurityGroupSpec>,
    pub(crate) network_acl: Option<DefaultNetworkAclSpec>,
}

impl Resolver<'_> {
    /// The objects of `kind` the VPCs take over, each `pick`ed out of its
    /// VPC's defaults with the span of its key there: with its VPC and its
    /// common part (named after the VPC, declared at that key).
    pub(crate) fn taken_over<T>(
        &mut self,
        m: &Model,
        kind: Kind,
        pick: impl Fn(&mut VpcDefaults) -> Option<(T, Span)>,
    ) -> Vec<(Ref<Vpc>, Common, T)> {
        let mut defaults = std::mem::take(&mut self.vpc_defaults);
        let mut out = Vec::new();
        for d in &mut defaults {
            let Some((object, key)) = pick(d) else {
                continue;
            };
            let name = m.vpcs[d.vpc].common.name.clone();
            let vpc = Ref {
                id: d.vpc,
                span: name.span,
            };
            let mut common = self.common(kind, name, &d.tags);
            common.name.span = key;
            out.push((vpc, common, object));
        }
        self.vpc_defaults = defaults;
        out
    }
}

impl Resolver<'_> {
    pub(crate) fn vpcs(&mut self, m: &mut Model, decls: Vec<Decl<VpcSpec>>) {
        for d in decls {
            let Some(a) = d.attrs else { continue };
            let common = self.common(Kind::Vpc, d.name, &d.tags);
            let dhcp_options = a
                .dhcp_options
                .as_ref()
                .map(|n| self.lookup::<DhcpOptions>(n, "dhcp_options", &common.address));
            // A reference that did not resolve drops the VPC (reported).
            let Some(dhcp_options) = dhcp_options.map_or(Some(None), |r| r.map(Some)) else {
                continue;
            };
            let (region, region_from_defaults) = self.region_of(m, &common, a.region, "the VPC");
            self.register(Kind::Vpc, &common, m.vpcs.len());
            if a.default_security_group.is_some() || a.default_network_acl.is_some() {
                self.vpc_defaults.push(VpcDefaults {
                    vpc: Id::new(m.vpcs.len()),
                    tags: d.tags.clone(),
                    security_group: a.default_security_group,
                    network_acl: a.default_network_acl,
                });
            }
            let schema = Kind::Vpc.schema();
            m.vpcs.push(Vpc {
                ipv6: a.ipv6,
                ipv6_cidr: a.ipv6_cidr.map(cidr6),
                common,
                region,
                region_from_defaults,
                cidr: cidr4(a.cidr),
                secondary_cidrs: a.secondary_cidrs.into_iter().map(cidr4).collect(),
                dns_support: schema.or_default(a.dns_support.as_ref(), "dns_support"),
                dns_hostnames: schema.or_default(a.dns_hostnames.as_ref(), "dns_hostnames"),
                tenancy: word_or_default_in(schema.attributes, a.tenancy.as_ref(), "tenancy"),
                dhcp_options,
            });
        }
    }
}

takes_nothing!(Vpc);

/// Its references, one edge each.
pub(crate) fn edges(m: &Model, g: &mut DependencyGraph) {
    for (i, r) in m.vpcs.iter().enumerate() {
        if let Some(o) = r.dhcp_options {
            depends(g, node(Kind::Vpc, i), o, "dhcp_options");
        }
    }
}
