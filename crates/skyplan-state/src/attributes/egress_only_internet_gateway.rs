use super::*;

kind_attributes! {
    struct EgressOnlyInternetGateway {
        #[serde(default)]
        config tags: TagSet,
        config vpc: Address,
    }
}

impl StateKind for EgressOnlyInternetGateway {
    fn references(&self) -> Vec<(&'static str, &Address)> {
        vec![("vpc", &self.vpc)]
    }

    /// It is not a network interface.
    fn interface(&self) -> Option<Interface<'_>> {
        None
    }
}
