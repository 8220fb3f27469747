use super::*;

/// One security group rule, protocol and ports in AWS's canonical spelling.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SgRule {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cidr: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cidrs: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icmp_code: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icmp_type: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ports: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix_list: Option<Address>,
    pub protocol: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_group: Option<Address>,
    #[serde(rename = "self", default, skip_serializing_if = "is_false")]
    pub self_: bool,
}

kind_attributes! {
    struct SecurityGroup {
        config description: String,
        #[serde(default)]
        unordered egress: Vec<SgRule>,
        #[serde(default)]
        unordered ingress: Vec<SgRule>,
        #[serde(default)]
        config tags: TagSet,
        config vpc: Address,
    }
}

impl StateKind for SecurityGroup {
    fn references(&self) -> Vec<(&'static str, &Address)> {
        vec![("vpc", &self.vpc)]
    }

    /// It is not a network interface.
    fn interface(&self) -> Option<Interface<'_>> {
        None
    }
}
