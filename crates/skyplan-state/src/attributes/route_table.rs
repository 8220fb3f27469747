use super::*;

/// One route: a destination and its target (exactly one, by the checks).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Route {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub destination: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub destination_prefix_list: Option<Address>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub egress_only_internet_gateway: Option<Address>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance: Option<Address>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub internet_gateway: Option<Address>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nat_gateway: Option<Address>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transit_gateway: Option<Address>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vpc_peering: Option<Address>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vpn_gateway: Option<Address>,
}

kind_attributes! {
    struct RouteTable {
        #[serde(default)]
        config main: bool,
        /// VPN gateways whose routes it takes in. Written only when there
        /// are some, so states from before read the same.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        unordered propagate: Vec<Address>,
        #[serde(default)]
        unordered routes: Vec<Route>,
        #[serde(default)]
        unordered subnets: Vec<Address>,
        #[serde(default)]
        config tags: TagSet,
        config vpc: Address,
    }
}

impl StateKind for RouteTable {
    fn references(&self) -> Vec<(&'static str, &Address)> {
        vec![("vpc", &self.vpc)]
    }

    /// It is not a network interface.
    fn interface(&self) -> Option<Interface<'_>> {
        None
    }
}
