use super::*;

/// Where a flow log delivers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FlowLogDestination {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cloudwatch_logs: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub s3: Option<String>,
}

kind_attributes! {
    struct FlowLog {
        config destination: FlowLogDestination,
        config max_aggregation_interval: u16,
        /// The VPC, subnet or instance it records.
        config resource: Address,
        #[serde(default)]
        config tags: TagSet,
        config traffic: String,
    }
}

impl StateKind for FlowLog {
    fn references(&self) -> Vec<(&'static str, &Address)> {
        vec![("resource", &self.resource)]
    }

    /// It is not a network interface.
    fn interface(&self) -> Option<Interface<'_>> {
        None
    }
}
