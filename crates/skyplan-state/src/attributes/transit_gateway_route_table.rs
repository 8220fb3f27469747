use super::*;

/// One static route: a destination and its target (exactly one, by the
/// checks: an attachment, a VPN connection or a blackhole).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransitRoute {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachment: Option<Address>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub blackhole: bool,
    pub destination: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dx_gateway: Option<Address>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vpn_connection: Option<Address>,
}

kind_attributes! {
    struct TransitGatewayRouteTable {
        #[serde(default)]
        unordered associations: Vec<Address>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        unordered dx_associations: Vec<Address>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        unordered dx_propagations: Vec<Address>,
        #[serde(default)]
        unordered propagations: Vec<Address>,
        #[serde(default)]
        unordered routes: Vec<TransitRoute>,
        #[serde(default)]
        config tags: TagSet,
        config transit_gateway: Address,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        unordered vpn_associations: Vec<Address>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        unordered vpn_propagations: Vec<Address>,
    }
}

impl StateKind for TransitGatewayRouteTable {
    fn references(&self) -> Vec<(&'static str, &Address)> {
        vec![("transit_gateway", &self.transit_gateway)]
    }

    /// It is not a network interface.
    fn interface(&self) -> Option<Interface<'_>> {
        None
    }
}
