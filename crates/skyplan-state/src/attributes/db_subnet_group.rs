use super::*;

kind_attributes! {
    struct DbSubnetGroup {
        config description: String,
        unordered subnets: Vec<Address>,
        #[serde(default)]
        config tags: TagSet,
    }
}

impl StateKind for DbSubnetGroup {
    /// Its references are lists, which name their targets inside.
    fn references(&self) -> Vec<(&'static str, &Address)> {
        Vec::new()
    }

    /// It is not a network interface.
    fn interface(&self) -> Option<Interface<'_>> {
        None
    }
}
