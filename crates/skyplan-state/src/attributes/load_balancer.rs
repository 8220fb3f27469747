use super::*;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Listener {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate: Option<String>,
    pub port: i64,
    pub protocol: String,
    pub target_group: Address,
}

kind_attributes! {
    struct LoadBalancer {
        /// Computed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        computed dns_name: Option<String>,
        config ip_address_type: String,
        #[serde(default)]
        unordered listeners: Vec<Listener>,
        /// Computed: its address in each subnet, in the order of `subnets`.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        computed private_ip_addresses: Vec<Ipv4Addr>,
        config scheme: String,
        #[serde(default)]
        unordered security_groups: Vec<Address>,
        unordered subnets: Vec<Address>,
        #[serde(default)]
        config tags: TagSet,
        #[serde(rename = "type")]
        config lb_type: String,
    }
}

impl StateKind for LoadBalancer {
    /// Its references are lists, which name their targets inside.
    fn references(&self) -> Vec<(&'static str, &Address)> {
        Vec::new()
    }

    /// It is not a network interface.
    fn interface(&self) -> Option<Interface<'_>> {
        None
    }
}
