//! `dhcp_options`: the resolved kind, its resolver and its graph edges.

use super::prelude::*;

/// A DHCP options set.
#[derive(Clone, Debug, PartialEq)]
pub struct DhcpOptions {
    pub common: Common,
    pub domain_name: Option<Sp<String>>,
    pub domain_name_servers: Vec<Sp<String>>,
    pub ntp_servers: Vec<Sp<String>>,
    pub netbios_name_servers: Vec<Sp<String>>,
    pub netbios_node_type: Option<Sp<i64>>,
}

impl Resolver<'_> {
    pub(crate) fn dhcp_options(&mut self, m: &mut Model, decls: Vec<Decl<DhcpOptionsSpec>>) {
        for d in decls {
            let Some(a) = d.attrs else { continue };
            let common = self.common(Kind::DhcpOptions, d.name, &d.tags);
            self.register(Kind::DhcpOptions, &common, m.dhcp_options.len());
            let list = |l: Option<Sp<Vec<Sp<String>>>>| l.map(|l| l.value).unwrap_or_default();
            m.dhcp_options.push(DhcpOptions {
                common,
                domain_name: a.domain_name,
                domain_name_servers: list(a.domain_name_servers),
                ntp_servers: list(a.ntp_servers),
                netbios_name_servers: list(a.netbios_name_servers),
                netbios_node_type: a.netbios_node_type,
            });
        }
    }
}

takes_nothing!(DhcpOptions);

/// It names nothing.
pub(crate) fn edges(_: &Model, _: &mut DependencyGraph) {}
