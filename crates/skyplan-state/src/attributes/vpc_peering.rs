use super::*;

kind_attributes! {
    struct VpcPeering {
        config peer_vpc: Address,
        #[serde(default)]
        config tags: TagSet,
        config vpc: Address,
    }
}

impl StateKind for VpcPeering {
    fn references(&self) -> Vec<(&'static str, &Address)> {
        vec![("peer_vpc", &self.peer_vpc), ("vpc", &self.vpc)]
    }

    /// It is not a network interface.
    fn interface(&self) -> Option<Interface<'_>> {
        None
    }
}
