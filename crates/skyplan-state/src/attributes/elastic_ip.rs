use super::*;

kind_attributes! {
    struct ElasticIp {
        /// Computed: the address allocated.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        computed public_ip_address: Option<Ipv4Addr>,
        #[serde(default)]
        config tags: Tags,
    }
}
