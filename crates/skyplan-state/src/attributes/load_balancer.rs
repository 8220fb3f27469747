use super::*;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Listener {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fixed_response: Option<FixedResponse>,
    pub port: i64,
    pub protocol: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect: Option<Redirect>,
    /// Its rules, by priority.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<ListenerRule>,
    /// As written; absent: AWS's default for HTTPS and TLS.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ssl_policy: Option<String>,
    /// The one it forwards to, when it forwards.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_group: Option<Address>,
}

/// A network load balancer's node: its subnet and the address it has
/// there.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubnetMapping {
    pub subnet: Address,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub elastic_ip: Option<Address>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub private_ip: Option<Ipv4Addr>,
}

/// Where a load balancer writes its access logs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccessLogs {
    pub bucket: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
}

/// A listener rule: its conditions and its one action.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListenerRule {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fixed_response: Option<FixedResponse>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hosts: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paths: Vec<String>,
    pub priority: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect: Option<Redirect>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_group: Option<Address>,
}

/// A listener's redirect, every part with its default filled in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Redirect {
    pub host: String,
    pub path: String,
    pub port: String,
    pub protocol: String,
    pub query: String,
    pub status: String,
}

/// A listener's fixed response.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FixedResponse {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    pub content_type: String,
    pub status: u16,
}

kind_attributes! {
    struct LoadBalancer {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        config access_logs: Option<AccessLogs>,
        #[serde(default, skip_serializing_if = "is_false")]
        config deletion_protection: bool,
        /// Computed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        computed dns_name: Option<String>,
        /// As written; absent: AWS's default (60 s on an application
        /// load balancer).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        config idle_timeout: Option<u64>,
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
        /// As written (`subnet_mappings`); empty when the spec gives
        /// `subnets`.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        unordered subnet_mappings: Vec<SubnetMapping>,
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
