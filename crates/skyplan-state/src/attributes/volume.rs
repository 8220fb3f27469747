use super::*;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attachment {
    pub device: String,
    pub instance: Address,
}

kind_attributes! {
    struct Volume {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        config attach: Option<Attachment>,
        config az: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        config iops: Option<u64>,
        config size_gb: u64,
        #[serde(default)]
        config tags: TagSet,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        config throughput: Option<u64>,
        #[serde(rename = "type", with = "as_word")]
        config volume_type: VolumeType,
    }
}

impl StateKind for Volume {
    /// Its references are lists, which name their targets inside.
    fn references(&self) -> Vec<(&'static str, &Address)> {
        Vec::new()
    }

    /// It is not a network interface.
    fn interface(&self) -> Option<Interface<'_>> {
        None
    }
}
