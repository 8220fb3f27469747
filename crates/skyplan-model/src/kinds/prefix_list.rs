//! `prefix_list`: the resolved kind, its resolver and its graph edges.

use super::prelude::*;

/// A prefix list's address family.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AddressFamily {
    Ipv4,
    Ipv6,
}

impl AddressFamily {
    pub fn of(net: &IpNet) -> AddressFamily {
        match net {
            IpNet::V4(_) => AddressFamily::Ipv4,
            IpNet::V6(_) => AddressFamily::Ipv6,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            AddressFamily::Ipv4 => "IPv4",
            AddressFamily::Ipv6 => "IPv6",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct PrefixListEntry {
    pub span: Span,
    pub cidr: CidrAny,
    pub description: Option<Sp<String>>,
}

/// A customer-managed prefix list.
#[derive(Clone, Debug, PartialEq)]
pub struct PrefixList {
    pub common: Common,
    pub address_family: Sp<AddressFamily>,
    pub max_entries: Sp<i64>,
    pub entries: Vec<PrefixListEntry>,
}

impl PrefixList {
    /// The parsed blocks of its entries.
    pub fn blocks(&self) -> impl Iterator<Item = IpNet> + '_ {
        self.entries.iter().filter_map(|e| e.cidr.ok())
    }
}

impl Resolver<'_> {
    pub(crate) fn prefix_lists(&mut self, m: &mut Model, decls: Vec<Decl<PrefixListSpec>>) {
        for d in decls {
            let Some(a) = d.attrs else { continue };
            let common = self.common(Kind::PrefixList, d.name, &d.tags);
            self.register(Kind::PrefixList, &common, m.prefix_lists.len());
            let family = match a.address_family.value.as_str() {
                "IPv6" => AddressFamily::Ipv6,
                _ => AddressFamily::Ipv4,
            };
            m.prefix_lists.push(PrefixList {
                common,
                address_family: Sp::new(family, a.address_family.span),
                max_entries: a.max_entries,
                entries: a
                    .entries
                    .into_iter()
                    .map(|e| PrefixListEntry {
                        span: e.span,
                        cidr: cidr_any(e.cidr),
                        description: e.description,
                    })
                    .collect(),
            });
        }
    }
}

takes_nothing!(PrefixList);

/// It names nothing.
pub(crate) fn edges(_: &Model, _: &mut DependencyGraph) {}
