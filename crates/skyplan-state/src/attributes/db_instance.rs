use super::*;

kind_attributes! {
    struct DbInstance {
        config allocated_storage: u64,
        /// As written: RDS picks one of the group's when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        config availability_zone: Option<String>,
        /// Computed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        computed endpoint: Option<String>,
        config engine: String,
        config instance_class: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        config iops: Option<u64>,
        #[serde(default)]
        config multi_az: bool,
        config port: u16,
        #[serde(default)]
        config publicly_accessible: bool,
        #[serde(default)]
        unordered security_groups: Vec<Address>,
        config storage_type: String,
        config subnet_group: Address,
        #[serde(default)]
        config tags: TagSet,
    }
}

impl StateKind for DbInstance {
    /// Its groups are a list, which names its targets inside.
    fn references(&self) -> Vec<(&'static str, &Address)> {
        vec![("subnet_group", &self.subnet_group)]
    }

    /// Its network interfaces are RDS's own.
    fn interface(&self) -> Option<Interface<'_>> {
        None
    }
}
