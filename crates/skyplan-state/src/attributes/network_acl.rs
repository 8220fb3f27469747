use super::*;

/// Whether a network ACL entry lets traffic through.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleAction {
    Allow,
    Deny,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NaclEntry {
    pub action: RuleAction,
    pub cidr: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icmp_code: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icmp_type: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ports: Option<String>,
    pub protocol: String,
    pub rule: i64,
}

kind_attributes! {
    struct NetworkAcl {
        #[serde(default)]
        unordered egress: Vec<NaclEntry>,
        #[serde(default)]
        unordered ingress: Vec<NaclEntry>,
        #[serde(default)]
        unordered subnets: Vec<Address>,
        #[serde(default)]
        config tags: TagSet,
        config vpc: Address,
    }
}

impl StateKind for NetworkAcl {
    fn references(&self) -> Vec<(&'static str, &Address)> {
        vec![("vpc", &self.vpc)]
    }

    /// It is not a network interface.
    fn interface(&self) -> Option<Interface<'_>> {
        None
    }
}
