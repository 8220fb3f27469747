use super::*;

kind_attributes! {
    struct CustomerGateway {
        config bgp_asn: u64,
        config ip_address: String,
        /// skyplan's record of the on-premises blocks behind it.
        #[serde(default)]
        unordered networks: Vec<String>,
        config region: String,
        #[serde(default)]
        config tags: TagSet,
    }
}

impl StateKind for CustomerGateway {
    /// It names nothing.
    fn references(&self) -> Vec<(&'static str, &Address)> {
        Vec::new()
    }

    /// It is not a network interface.
    fn interface(&self) -> Option<Interface<'_>> {
        None
    }
}
