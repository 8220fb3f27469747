use super::*;

fn connectivity_default() -> NatConnectivity {
    NatConnectivity::Public
}

kind_attributes! {
    struct NatGateway {
        #[serde(with = "as_word", default = "connectivity_default")]
        config connectivity: NatConnectivity,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        config elastic_ip: Option<Address>,
        /// Computed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        computed private_ip_address: Option<Ipv4Addr>,
        /// Computed: its elastic IP's address.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        computed public_ip_address: Option<Ipv4Addr>,
        config subnet: Address,
        #[serde(default)]
        config tags: TagSet,
    }
}

impl StateKind for NatGateway {
    fn references(&self) -> Vec<(&'static str, &Address)> {
        let mut r = vec![("subnet", &self.subnet)];
        r.extend(self.elastic_ip.as_ref().map(|e| ("elastic_ip", e)));
        r
    }

    fn interface(&self) -> Option<Interface<'_>> {
        Some(Interface {
            subnet: &self.subnet,
            private_ip_address: self.private_ip_address,
            public_ip_address: self.public_ip_address,
        })
    }
}
