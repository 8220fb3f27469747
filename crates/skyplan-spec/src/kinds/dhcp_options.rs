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

declaration! {
    DhcpOptionsSpec {
        domain_name: str,
        domain_name_servers: str_list,
        ntp_servers: str_list,
        netbios_name_servers: str_list,
        netbios_node_type: int,
    }
}
