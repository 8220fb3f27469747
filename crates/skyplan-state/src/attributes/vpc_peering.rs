use super::*;

kind_attributes! {
    struct VpcPeering {
        config peer_vpc: Address,
        #[serde(default)]
        config tags: Tags,
        config vpc: Address,
    }
}
