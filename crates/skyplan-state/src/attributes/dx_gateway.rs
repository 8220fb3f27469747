use super::*;

/// One association: its gateway (exactly one, by the checks) and allowed
/// prefixes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DxAssociation {
    #[serde(default)]
    pub allowed_prefixes: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transit_gateway: Option<Address>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vpn_gateway: Option<Address>,
}

kind_attributes! {
    struct DxGateway {
        config amazon_side_asn: u64,
        #[serde(default)]
        unordered associations: Vec<DxAssociation>,
        /// skyplan's own record (AWS keeps none): what the premises
        /// advertise over its virtual interfaces.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        unordered networks: Vec<String>,
        #[serde(default)]
        config tags: TagSet,
    }
}

impl StateKind for DxGateway {
    /// Its references are in its associations.
    fn references(&self) -> Vec<(&'static str, &Address)> {
        Vec::new()
    }

    /// It is not a network interface.
    fn interface(&self) -> Option<Interface<'_>> {
        None
    }
}
