use super::*;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrefixListEntry {
    pub cidr: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

kind_attributes! {
    struct PrefixList {
        config address_family: String,
        #[serde(default)]
        unordered entries: Vec<PrefixListEntry>,
        config max_entries: i64,
        #[serde(default)]
        config tags: TagSet,
    }
}

impl StateKind for PrefixList {
    /// Its references are lists, which name their targets inside.
    fn references(&self) -> Vec<(&'static str, &Address)> {
        Vec::new()
    }

    /// It is not a network interface.
    fn interface(&self) -> Option<Interface<'_>> {
        None
    }
}
