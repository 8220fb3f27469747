//! `dhcp_options`: its kind-table entry (`SCHEMA`), its declaration and their decoder.

use super::prelude::*;

pub(crate) const SCHEMA: KindSchema = KindSchema {
    kind: Kind::DhcpOptions,
    doc: "A DHCP options set: the domain name, DNS, NTP and NetBIOS servers a VPC's instances get. AWS cannot change a set: any change replaces it.",
    id_prefix: "dopt",
    attributes: ATTRIBUTES,
    computed: &[],
};

declaration! {
    DhcpOptionsSpec {
        domain_name: str(String) force_new "The search domain (`corp.example.com`).",
        domain_name_servers: str_list(StringList) force_new
            "`AmazonProvidedDNS` and/or up to 4 IPv4 addresses.",
        ntp_servers: str_list(StringList) force_new "Up to 4 IPv4 addresses.",
        netbios_name_servers: str_list(StringList) force_new "Up to 4 IPv4 addresses.",
        netbios_node_type: int(1, 8) force_new
            "NetBIOS node type; AWS supports only 2 (point-to-point).",
    }
}
