//! `flow_log`: its kind-table entry (`SCHEMA`), its declaration and their decoder.

use super::prelude::*;

block! {
    /// Where a flow log delivers: an S3 bucket, or a CloudWatch Logs group
    /// with the role that writes to it.
    FlowLogDestinationSpec in pub FLOW_LOG_DESTINATION, read delivery as "destination" {
        s3: str(String) "An S3 bucket ARN (`arn:aws:s3:::my-bucket`, optionally `/prefix`).",
        cloudwatch_logs: str(String)
            "A CloudWatch Logs group ARN (`arn:aws:logs:REGION:ACCOUNT:log-group:NAME`).",
        role: str(String) "The IAM role ARN that writes to CloudWatch Logs (needed exactly then).",
    }
}

pub(crate) const SCHEMA: KindSchema = KindSchema {
    kind: Kind::FlowLog,
    doc: "A VPC flow log: the traffic of a VPC, a subnet or an instance, delivered to S3 or CloudWatch Logs. AWS cannot change a flow log: any change replaces it.",
    id_prefix: "fl",
    attributes: ATTRIBUTES,
    computed: &[],
};

declaration! {
    /// A flow log (see `SCHEMA`).
    FlowLogSpec {
        resource: req_str(String) force_new
            "The address of the VPC, subnet or instance it records (`vpc.main`, `subnet.app-a`, `instance.web[0]`).",
        traffic: choice("ALL", "ACCEPT", "REJECT") force_new = "ALL" "Which traffic it records.",
        destination: req_with(destination: FlowLogDestinationSpec, Object(FLOW_LOG_DESTINATION))
            force_new "`{s3: ARN}` or `{cloudwatch_logs: ARN, role: ARN}`.",
        max_aggregation_interval: with(
            aggregation_interval: Option<Sp<i64>>,
            Integer { min: 60, max: 600 }
        ) force_new = "600" "Seconds per record: 60 or 600.",
    }
}

/// `key:`, required: where it delivers.
fn destination(d: &mut Decoder, f: &Fields, key: &str) -> Option<FlowLogDestinationSpec> {
    let Some(node) = f.node(key) else {
        f.req_str(d, key);
        return None;
    };
    delivery(d, node)
}

/// `key:` in seconds: AWS takes 60 or 600.
fn aggregation_interval(d: &mut Decoder, f: &Fields, key: &str) -> Option<Sp<i64>> {
    let i = f.int(d, key)?;
    if matches!(i.value, 60 | 600) {
        return Some(i);
    }
    d.report(
        Diagnostic::new(
            Rule::InvalidValue,
            format!("`{key}` is 60 or 600 seconds, not {}", i.value),
        )
        .at(i.span, "60 or 600"),
    );
    None
}
