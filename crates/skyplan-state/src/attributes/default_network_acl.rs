use super::*;

kind_attributes! {
    /// A VPC's default network ACL, taken over: its entries are the spec's.
    struct DefaultNetworkAcl {
        #[serde(default)]
        unordered egress: Vec<NaclEntry>,
        #[serde(default)]
        unordered ingress: Vec<NaclEntry>,
        #[serde(default)]
        config tags: TagSet,
        config vpc: Address,
    }
}

impl StateKind for DefaultNetworkAcl {
    fn references(&self) -> Vec<(&'static str, &Address)> {
        vec![("vpc", &self.vpc)]
    }

    /// It is not a network interface.
    fn interface(&self) -> Option<Interface<'_>> {
        None
    }
}
