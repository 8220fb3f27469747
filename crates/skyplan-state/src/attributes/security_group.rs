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

impl SgRule {
    /// The AWS rules it stands for: one per block of `cidrs` (AWS keeps
    /// each as its own rule, so the two spellings are the same network).
    pub fn each_block(mut self) -> Vec<SgRule> {
        match self.cidrs.take() {
            None => vec![self],
            Some(blocks) => blocks
                .into_iter()
                .map(|b| SgRule {
                    cidr: Some(b),
                    ..self.clone()
                })
                .collect(),
        }
    }
}

/// Reads a group's rules one AWS rule each (states written before rules
/// were kept that way have `cidrs` lists).
pub(crate) fn one_per_block<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Vec<SgRule>, D::Error> {
    let rules: Vec<SgRule> = Deserialize::deserialize(d)?;
    Ok(rules.into_iter().flat_map(SgRule::each_block).collect())
}

kind_attributes! {
    struct SecurityGroup {
        config description: String,
        #[serde(default, deserialize_with = "one_per_block")]
        unordered egress: Vec<SgRule>,
        #[serde(default, deserialize_with = "one_per_block")]
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
