//! `flow_log`: its kind-table entry (`SCHEMA`), its declaration and their decoder.

use super::prelude::*;

/// Where a flow log delivers.
pub const FLOW_LOG_DESTINATION: &[Attr] = &[
    attr(
        "s3",
        AttrType::String,
        "An S3 bucket ARN (`arn:aws:s3:::my-bucket`, optionally `/prefix`).",
    ),
    attr(
        "cloudwatch_logs",
        AttrType::String,
        "A CloudWatch Logs group ARN (`arn:aws:logs:REGION:ACCOUNT:log-group:NAME`).",
    ),
    attr(
        "role",
        AttrType::String,
        "The IAM role ARN that writes to CloudWatch Logs (needed exactly then).",
    ),
];

pub(crate) const SCHEMA: KindSchema = KindSchema {
    kind: Kind::FlowLog,
    doc: "A VPC flow log: the traffic of a VPC, a subnet or an instance, delivered to S3 or CloudWatch Logs. AWS cannot change a flow log: any change replaces it.",
    id_prefix: "fl",
    attributes: &[
        force_new(required(attr(
            "resource",
            AttrType::String,
            "The address of the VPC, subnet or instance it records (`vpc.main`, `subnet.app-a`, `instance.web[0]`).",
        ))),
        force_new(default(
            attr(
                "traffic",
                AttrType::Choice(&["ALL", "ACCEPT", "REJECT"]),
                "Which traffic it records.",
            ),
            "ALL",
        )),
        force_new(required(attr(
            "destination",
            AttrType::Object(FLOW_LOG_DESTINATION),
            "`{s3: ARN}` or `{cloudwatch_logs: ARN, role: ARN}`.",
        ))),
        force_new(default(
            attr(
                "max_aggregation_interval",
                AttrType::Integer { min: 60, max: 600 },
                "Seconds per record: 60 or 600.",
            ),
            "600",
        )),
    ],
    computed: &[],
};

/// A flow log (see `FLOW_LOG`).
#[derive(Debug, Clone, PartialEq)]
pub struct FlowLogSpec {
    /// The address of the VPC, subnet or instance it records.
    pub resource: Sp<String>,
    /// `ALL`, `ACCEPT` or `REJECT`.
    pub traffic: Option<Sp<String>>,
    pub destination: FlowLogDestinationSpec,
    pub max_aggregation_interval: Option<Sp<i64>>,
}

/// Where a flow log delivers: an S3 bucket, or a CloudWatch Logs group
/// with the role that writes to it.
#[derive(Debug, Clone, PartialEq)]
pub struct FlowLogDestinationSpec {
    pub span: Span,
    pub s3: Option<Sp<String>>,
    pub cloudwatch_logs: Option<Sp<String>>,
    pub role: Option<Sp<String>>,
}

pub(crate) fn decode(d: &mut Decoder, f: &Fields) -> Option<FlowLogSpec> {
    let resource = f.req_str(d, "resource");
    let traffic = f.choice(
        d,
        "traffic",
        schema::choices(Kind::FlowLog.schema().attributes, "traffic"),
    );
    if f.node("destination").is_none() {
        f.req_str(d, "destination");
    }
    let destination = f.node("destination").and_then(|node| {
        let span = d.span(node);
        let x = d.fields(node, &keys_of(FLOW_LOG_DESTINATION), "destination", span)?;
        Some(FlowLogDestinationSpec {
            span,
            s3: x.str(d, "s3"),
            cloudwatch_logs: x.str(d, "cloudwatch_logs"),
            role: x.str(d, "role"),
        })
    });
    let max_aggregation_interval = f.int(d, "max_aggregation_interval").and_then(|i| {
        if matches!(i.value, 60 | 600) {
            return Some(i);
        }
        d.report(
            Diagnostic::new(
                Rule::InvalidValue,
                format!(
                    "`max_aggregation_interval` is 60 or 600 seconds, not {}",
                    i.value
                ),
            )
            .at(i.span, "60 or 600"),
        );
        None
    });
    Some(FlowLogSpec {
        resource: resource?,
        traffic,
        destination: destination?,
        max_aggregation_interval,
    })
}
