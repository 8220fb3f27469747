use super::*;

/// One instance an auto scaling group runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupInstance {
    pub id: String,
    /// In a subnet with `assign_ipv6_on_creation`, as for a plain instance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ipv6_address: Option<Ipv6Addr>,
    pub private_ip_address: Ipv4Addr,
    pub subnet: Address,
}

kind_attributes! {
    struct AutoScalingGroup {
        config desired: i64,
        /// Computed: the instances it runs.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        computed instances: Vec<GroupInstance>,
        config launch_template: Address,
        config max: i64,
        config min: i64,
        unordered subnets: Vec<Address>,
        #[serde(default)]
        config tags: TagSet,
        #[serde(default)]
        unordered target_groups: Vec<Address>,
    }
}

impl StateKind for AutoScalingGroup {
    fn references(&self) -> Vec<(&'static str, &Address)> {
        vec![("launch_template", &self.launch_template)]
    }

    /// It is not a network interface.
    fn interface(&self) -> Option<Interface<'_>> {
        None
    }
}
