use super::*;

kind_attributes! {
    struct LaunchTemplate {
        config ami: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        config iam_instance_profile: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        config key_name: Option<String>,
        #[serde(default)]
        config metadata: Metadata,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        config root_volume: Option<RootVolume>,
        #[serde(default)]
        unordered security_groups: Vec<Address>,
        #[serde(default)]
        config tags: TagSet,
        #[serde(rename = "type")]
        config instance_type: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        config user_data: Option<String>,
    }
}

impl StateKind for LaunchTemplate {
    /// Its references are lists, which name their targets inside.
    fn references(&self) -> Vec<(&'static str, &Address)> {
        Vec::new()
    }

    /// It is not a network interface.
    fn interface(&self) -> Option<Interface<'_>> {
        None
    }
}
