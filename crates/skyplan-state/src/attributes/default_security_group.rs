use super::*;

kind_attributes! {
    /// A VPC's default group, taken over: its rules are the spec's.
    struct DefaultSecurityGroup {
        #[serde(default, deserialize_with = "one_per_block")]
        unordered egress: Vec<SgRule>,
        #[serde(default, deserialize_with = "one_per_block")]
        unordered ingress: Vec<SgRule>,
        #[serde(default)]
        config tags: TagSet,
        config vpc: Address,
    }
}

impl StateKind for DefaultSecurityGroup {
    fn references(&self) -> Vec<(&'static str, &Address)> {
        vec![("vpc", &self.vpc)]
    }

    /// It is not a network interface.
    fn interface(&self) -> Option<Interface<'_>> {
        None
    }
}
