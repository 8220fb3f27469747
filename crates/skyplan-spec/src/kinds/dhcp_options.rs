//! `dhcp_options`: its kind-table entry (`SCHEMA`), its declaration and their decoder.

use super::prelude::*;

pub(crate) const SCHEMA: KindSchema = KindSchema {
    kind: Kind::DhcpOptions,
    doc: "A DHCP options set: the domain name, DNS, NTP and NetBIOS servers a VPC's instances get. AWS cannot change a set: any change replaces it.",
    id_prefix: "dopt",
    attributes: &[
        force_new(attr(
            "domain_name",
            AttrType::String,
            "The search domain (`corp.example.com`).",
        )),
        force_new(attr(
            "domain_name_servers",
            AttrType::StringList,
            "`AmazonProvidedDNS` and/or up to 4 IPv4 addresses.",
        )),
        force_new(attr(
            "ntp_servers",
            AttrType::StringList,
            "Up to 4 IPv4 addresses.",
        )),
        force_new(attr(
            "netbios_name_servers",
            AttrType::StringList,
            "Up to 4 IPv4 addresses.",
        )),
        force_new(attr(
            "netbios_node_type",
            AttrType::Integer { min: 1, max: 8 },
            "NetBIOS node type; AWS supports only 2 (point-to-point).",
        )),
    ],
    computed: &[],
};

/// A DHCP options set (see `DHCP_OPTIONS`).
#[derive(Debug, Clone, PartialEq)]
pub struct DhcpOptionsSpec {
    pub domain_name: Option<Sp<String>>,
    pub domain_name_servers: Option<Sp<Vec<Sp<String>>>>,
    pub ntp_servers: Option<Sp<Vec<Sp<String>>>>,
    pub netbios_name_servers: Option<Sp<Vec<Sp<String>>>>,
    pub netbios_node_type: Option<Sp<i64>>,
}

pub(crate) fn decode(d: &mut Decoder, f: &Fields) -> Option<DhcpOptionsSpec> {
    Some(DhcpOptionsSpec {
        domain_name: f.str(d, "domain_name"),
        domain_name_servers: f.str_list(d, "domain_name_servers"),
        ntp_servers: f.str_list(d, "ntp_servers"),
        netbios_name_servers: f.str_list(d, "netbios_name_servers"),
        netbios_node_type: f.int(d, "netbios_node_type"),
    })
}
