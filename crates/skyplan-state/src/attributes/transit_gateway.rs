use super::*;

kind_attributes! {
    struct TransitGateway {
        config amazon_side_asn: u64,
        config auto_accept_shared_attachments: bool,
        #[serde(default)]
        unordered cidr_blocks: Vec<String>,
        config default_route_table_association: bool,
        config default_route_table_propagation: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        config description: Option<String>,
        config dns_support: bool,
        config multicast_support: bool,
        config region: String,
        #[serde(default)]
        config tags: TagSet,
        config vpn_ecmp_support: bool,
    }
}

impl StateKind for TransitGateway {
    /// It names nothing.
    fn references(&self) -> Vec<(&'static str, &Address)> {
        Vec::new()
    }

    /// It is not a network interface.
    fn interface(&self) -> Option<Interface<'_>> {
        None
    }
}
