use super::*;

kind_attributes! {
    struct DhcpOptions {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        config domain_name: Option<String>,
        #[serde(default)]
        config domain_name_servers: Vec<String>,
        #[serde(default)]
        config netbios_name_servers: Vec<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        config netbios_node_type: Option<i64>,
        #[serde(default)]
        config ntp_servers: Vec<String>,
        #[serde(default)]
        config tags: TagSet,
    }
}

impl StateKind for DhcpOptions {
    /// Its references are lists, which name their targets inside.
    fn references(&self) -> Vec<(&'static str, &Address)> {
        Vec::new()
    }

    /// It is not a network interface.
    fn interface(&self) -> Option<Interface<'_>> {
        None
    }
}
