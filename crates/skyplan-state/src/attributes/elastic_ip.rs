use super::*;

kind_attributes! {
    struct ElasticIp {
        /// Computed: the address allocated.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        computed public_ip_address: Option<Ipv4Addr>,
        #[serde(default)]
        config tags: TagSet,
    }
}

impl StateKind for ElasticIp {
    /// Its references are lists, which name their targets inside.
    fn references(&self) -> Vec<(&'static str, &Address)> {
        Vec::new()
    }

    /// It is not a network interface.
    fn interface(&self) -> Option<Interface<'_>> {
        None
    }
}
