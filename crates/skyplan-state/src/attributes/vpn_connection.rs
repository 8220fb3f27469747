use super::*;

kind_attributes! {
    struct VpnConnection {
        config customer_gateway: Address,
        #[serde(default)]
        unordered static_routes: Vec<String>,
        #[serde(default)]
        config static_routes_only: bool,
        #[serde(default)]
        config tags: TagSet,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        config transit_gateway: Option<Address>,
        #[serde(default)]
        config tunnel_inside_cidrs: Vec<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        config vpn_gateway: Option<Address>,
    }
}

impl StateKind for VpnConnection {
    fn references(&self) -> Vec<(&'static str, &Address)> {
        let mut out = vec![("customer_gateway", &self.customer_gateway)];
        out.extend(self.vpn_gateway.iter().map(|g| ("vpn_gateway", g)));
        out.extend(self.transit_gateway.iter().map(|g| ("transit_gateway", g)));
        out
    }

    /// It is not a network interface.
    fn interface(&self) -> Option<Interface<'_>> {
        None
    }
}
