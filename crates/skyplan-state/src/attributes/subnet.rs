use super::*;

kind_attributes! {
    struct Subnet {
        /// Computed: usable addresses not held by an interface.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        computed available_ip_count: Option<u64>,
        #[serde(default, skip_serializing_if = "is_false")]
        config assign_ipv6_on_creation: bool,
        config az: String,
        config cidr: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        config ipv6_cidr: Option<String>,
        /// Computed: the IPv6 block it has.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        computed ipv6_cidr_block: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        config ipv6_index: Option<u8>,
        #[serde(default)]
        config public_ip_on_launch: bool,
        #[serde(default)]
        config tags: TagSet,
        config vpc: Address,
    }
}

impl StateKind for Subnet {
    fn references(&self) -> Vec<(&'static str, &Address)> {
        vec![("vpc", &self.vpc)]
    }

    /// It is not a network interface.
    fn interface(&self) -> Option<Interface<'_>> {
        None
    }
}
