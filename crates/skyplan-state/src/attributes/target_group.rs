use super::*;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HealthCheck {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    pub port: String,
    pub protocol: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub healthy_threshold: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unhealthy_threshold: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub matcher: Option<String>,
}

/// A registered address of an `ip` target group.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IpTarget {
    pub address: String,
    /// The group's port when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u64>,
    /// `all` for an address outside the group's VPC (AWS's rule); absent
    /// inside it, where AWS takes the zone of its subnet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub availability_zone: Option<String>,
}

/// How a client keeps its target; `None` fields are AWS's choice.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stickiness {
    #[serde(rename = "type")]
    pub stickiness_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cookie_name: Option<String>,
}

kind_attributes! {
    struct TargetGroup {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        config deregistration_delay: Option<u64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        config health_check: Option<HealthCheck>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        unordered ip_targets: Vec<IpTarget>,
        config port: i64,
        config protocol: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        config stickiness: Option<Stickiness>,
        #[serde(default)]
        config tags: TagSet,
        config target_type: String,
        #[serde(default)]
        unordered targets: Vec<Address>,
        config vpc: Address,
    }
}

impl StateKind for TargetGroup {
    fn references(&self) -> Vec<(&'static str, &Address)> {
        vec![("vpc", &self.vpc)]
    }

    /// It is not a network interface.
    fn interface(&self) -> Option<Interface<'_>> {
        None
    }
}
