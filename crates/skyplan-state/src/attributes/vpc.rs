use super::*;

fn tenancy_default() -> Tenancy {
    Tenancy::Default
}

kind_attributes! {
    struct Vpc {
        config cidr: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        config dhcp_options: Option<Address>,
        #[serde(default)]
        config dns_hostnames: bool,
        #[serde(default)]
        config dns_support: bool,
        /// Asks for an Amazon-provided /56. Written only when on, so states
        /// from before IPv6 read the same.
        #[serde(default, skip_serializing_if = "is_false")]
        config ipv6: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        config ipv6_cidr: Option<String>,
        /// Computed: the IPv6 block it has.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        computed ipv6_cidr_block: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        config region: Option<String>,
        #[serde(default)]
        unordered secondary_cidrs: Vec<String>,
        #[serde(default)]
        config tags: TagSet,
        #[serde(with = "as_word", default = "tenancy_default")]
        config tenancy: Tenancy,
    }
}

impl StateKind for Vpc {
    fn references(&self) -> Vec<(&'static str, &Address)> {
        self.dhcp_options
            .iter()
            .map(|o| ("dhcp_options", o))
            .collect()
    }

    /// It is not a network interface.
    fn interface(&self) -> Option<Interface<'_>> {
        None
    }
}
