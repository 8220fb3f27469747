use super::*;

fn gateway() -> EndpointType {
    EndpointType::Gateway
}

fn is_gateway(t: &EndpointType) -> bool {
    *t == EndpointType::Gateway
}

kind_attributes! {
    struct VpcEndpoint {
        /// The policy document as minified JSON.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        config policy: Option<String>,
        #[serde(default, skip_serializing_if = "is_false")]
        config private_dns: bool,
        /// Computed: an interface endpoint's address in each of its subnets,
        /// in the order of `subnets`.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        computed private_ip_addresses: Vec<Ipv4Addr>,
        #[serde(default)]
        unordered route_tables: Vec<Address>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        unordered security_groups: Vec<Address>,
        /// The short name (`s3`, `ssm`).
        config service: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        unordered subnets: Vec<Address>,
        #[serde(default)]
        config tags: TagSet,
        #[serde(
            rename = "type",
            with = "as_word",
            default = "gateway",
            skip_serializing_if = "is_gateway"
        )]
        config endpoint_type: EndpointType,
        config vpc: Address,
    }
}

impl StateKind for VpcEndpoint {
    fn references(&self) -> Vec<(&'static str, &Address)> {
        vec![("vpc", &self.vpc)]
    }

    /// It is not a network interface.
    fn interface(&self) -> Option<Interface<'_>> {
        None
    }
}
