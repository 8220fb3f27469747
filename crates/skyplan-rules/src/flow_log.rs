//! VP014-VP015: flow logs.

use skyplan_diagnostics::{Diagnostic, Rule};
use skyplan_model::{FlowLog, FlowLogTarget};
use skyplan_spec::{Kind, Sp};

use crate::Checker;

pub(crate) fn check(c: &mut Checker) {
    for f in &c.model.flow_logs {
        destination(c, f);
    }
    vpcs_without(c);
}

/// `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`, with the fields a
/// service's ARNs have (S3: no region or account; IAM: no region).
fn arn_shape(
    text: &str,
    service: &str,
    resource_prefix: &str,
    region: bool,
    account: bool,
) -> bool {
    let parts: Vec<&str> = text.splitn(6, ':').collect();
    let [arn, partition, svc, reg, acct, resource] = parts.as_slice() else {
        return false;
    };
    *arn == "arn"
        && matches!(*partition, "aws" | "aws-cn" | "aws-us-gov")
        && *svc == service
        && (reg.is_empty() != region)
        && (if account {
            acct.len() == 12 && acct.bytes().all(|b| b.is_ascii_digit())
        } else {
            acct.is_empty()
        })
        && resource.len() > resource_prefix.len()
        && resource.starts_with(resource_prefix)
}

fn destination(c: &mut Checker, f: &FlowLog) {
    let d = &f.destination;
    let address = &f.common.address;
    let bad = |span, message: String, help: &str| {
        Diagnostic::new(Rule::FlowLogDestination, message)
            .resource(address)
            .at(span, "here")
            .help(help.to_string())
    };
    let found: Option<Diagnostic> = match (&d.s3, &d.cloudwatch_logs, &d.role) {
        (Some(_), Some(_), _) | (None, None, _) => Some(bad(
            d.span,
            format!("{address} must deliver to exactly one of `s3` and `cloudwatch_logs`"),
            "keep one destination",
        )),
        (Some(s3), None, role) => check_arn(s3, "s3", "", false, false, address).or_else(|| {
            role.as_ref().map(|r| {
                bad(
                    r.span,
                    format!("{address} delivers to S3, which takes no `role`"),
                    "remove `role` (S3 delivery uses the bucket policy)",
                )
            })
        }),
        (None, Some(logs), None) => check_arn(logs, "logs", "log-group:", true, true, address)
            .or_else(|| {
                Some(bad(
                    d.span,
                    format!("{address} delivers to CloudWatch Logs without a `role` to write with"),
                    "add `role: arn:aws:iam::ACCOUNT:role/NAME`",
                ))
            }),
        (None, Some(logs), Some(role)) => {
            check_arn(logs, "logs", "log-group:", true, true, address)
                .or_else(|| check_arn(role, "iam", "role/", false, true, address))
        }
    };
    if let Some(found) = found {
        c.push(found);
    }
}

fn check_arn(
    value: &Sp<String>,
    service: &str,
    resource_prefix: &str,
    region: bool,
    account: bool,
    address: &str,
) -> Option<Diagnostic> {
    if arn_shape(&value.value, service, resource_prefix, region, account) {
        return None;
    }
    let example = match service {
        "s3" => "arn:aws:s3:::BUCKET",
        "logs" => "arn:aws:logs:REGION:ACCOUNT:log-group:NAME",
        _ => "arn:aws:iam::ACCOUNT:role/NAME",
    };
    Some(
        Diagnostic::new(
            Rule::FlowLogDestination,
            format!("`{}` of {address} is not a {service} ARN", value.value),
        )
        .resource(address)
        .at(value.span, "malformed ARN")
        .help(format!("write it as `{example}`")),
    )
}

/// VPCs whose traffic no flow log records (of the VPC itself, of a subnet
/// or of an instance in it counts as partial: only a VPC-wide log does).
fn vpcs_without(c: &mut Checker) {
    let m = c.model;
    if !m.complete(&[Kind::FlowLog]) {
        return;
    }
    let logged: std::collections::HashSet<_> = m
        .flow_logs
        .iter()
        .filter_map(|f| match f.target {
            FlowLogTarget::Vpc(v) => Some(v.id),
            FlowLogTarget::Subnet(_) | FlowLogTarget::Instance(_) => None,
        })
        .collect();
    for (v, vpc) in skyplan_model::with_ids(&m.vpcs) {
        if !logged.contains(&v) {
            c.push(
                Diagnostic::new(
                    Rule::VpcWithoutFlowLog,
                    format!("no flow log records the traffic of {}", vpc.common.address),
                )
                .resource(&vpc.common.address)
                .at(vpc.common.name.span, "no flow log")
                .help(format!(
                    "add `flow_logs: {{{n}: {{resource: vpc.{n}, destination: {{s3: \"arn:aws:s3:::BUCKET\"}}}}}}`",
                    n = vpc.common.name.value
                )),
            );
        }
    }
}
