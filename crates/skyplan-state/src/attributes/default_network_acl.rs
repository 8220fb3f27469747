use super::*;

kind_attributes! {
    /// A VPC's default network ACL, taken over: its entries are the spec's.
    struct DefaultNetworkAcl {
        #[serde(default)]
        config egress: Vec<NaclEntry>,
        #[serde(default)]
        config ingress: Vec<NaclEntry>,
        #[serde(default)]
        config tags: Tags,
        config vpc: Address,
    }
}
