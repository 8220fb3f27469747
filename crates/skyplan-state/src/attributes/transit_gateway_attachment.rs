use super::*;

kind_attributes! {
    struct TransitGatewayAttachment {
        config appliance_mode: bool,
        config dns_support: bool,
        config ipv6_support: bool,
        /// Computed: its address in each of its subnets, in their order.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        computed private_ip_addresses: Vec<Ipv4Addr>,
        unordered subnets: Vec<Address>,
        #[serde(default)]
        config tags: TagSet,
        config transit_gateway: Address,
        config vpc: Address,
    }
}

impl StateKind for TransitGatewayAttachment {
    fn references(&self) -> Vec<(&'static str, &Address)> {
        vec![
            ("transit_gateway", &self.transit_gateway),
            ("vpc", &self.vpc),
        ]
    }

    /// Its interfaces are the gateway's, not a host's.
    fn interface(&self) -> Option<Interface<'_>> {
        None
    }
}
