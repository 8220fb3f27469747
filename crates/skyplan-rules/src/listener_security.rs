//! LB016-LB019: listeners' security policies and load balancers' access
//! logs.

use skyplan_diagnostics::{Diagnostic, Rule};
use skyplan_model::{Listener, LoadBalancer};
use skyplan_spec::{AccessLogsSpec, DEFAULT_SSL_POLICY, LoadBalancerType};

use crate::Checker;

/// Every predefined policy's name starts with it (there are no custom
/// policies for application and network load balancers).
const POLICY_PREFIX: &str = "ELBSecurityPolicy-";
/// The string AWS adds to each log's key itself.
const AWS_LOGS: &str = "AWSLogs";

pub(crate) fn check(c: &mut Checker) {
    for lb in &c.model.load_balancers {
        for l in &lb.listeners {
            ssl_policy(c, lb, l);
        }
        if let Some(logs) = &lb.access_logs {
            access_logs(c, lb, logs);
        }
    }
}

fn is_tls(l: &Listener) -> bool {
    matches!(l.protocol.value.as_str(), "HTTPS" | "TLS")
}

/// Whether a predefined policy accepts nothing older than TLS 1.2: their
/// names say the oldest version they take (`-TLS13-1-2-`, `-TLS-1-2-`,
/// `-FS-1-2-`, `-TLS13-1-3-`); the older ones (2016-08, 2015-05,
/// `-TLS-1-0-`, `-TLS-1-1-`, `-FS-2018-06`, `-TLS13-1-0-`, ...) do not.
fn takes_only_tls12_and_later(policy: &str) -> bool {
    policy.contains("-1-2-") || policy.contains("-1-3-")
}

fn ssl_policy(c: &mut Checker, lb: &LoadBalancer, l: &Listener) {
    let listener = format!("{}'s listener on port {}", lb.common.address, l.port.value);
    match (&l.ssl_policy, is_tls(l)) {
        (Some(p), false) => c.push(
            Diagnostic::new(
                Rule::ListenerSslPolicy,
                format!("{listener} is {} with an ssl_policy", l.protocol.value),
            )
            .detail("AWS refuses it: only HTTPS and TLS listeners negotiate TLS")
            .resource(&lb.common.address)
            .at(p.span, "HTTPS and TLS listeners only")
            .help("remove `ssl_policy`, or make the listener HTTPS or TLS"),
        ),
        (Some(p), true) if !p.value.starts_with(POLICY_PREFIX) => c.push(
            Diagnostic::new(
                Rule::ListenerSslPolicy,
                format!("{listener}: `{}` is not a security policy", p.value),
            )
            .detail("AWS refuses it (SSLPolicyNotFound): application and network load balancers take only the predefined ELBSecurityPolicy-… policies")
            .resource(&lb.common.address)
            .at(p.span, "not a predefined policy")
            .help("name one that `aws elbv2 describe-ssl-policies` lists: ELBSecurityPolicy-TLS13-1-2-2021-06"),
        ),
        (policy, true) => {
            let name = policy.as_ref().map_or(DEFAULT_SSL_POLICY, |p| p.value.as_str());
            if takes_only_tls12_and_later(name) {
                return;
            }
            let (span, said) = match policy {
                Some(p) => (p.span, format!("its policy {name}")),
                None => (l.protocol.span, format!("AWS's default policy, {name},")),
            };
            c.push(
                Diagnostic::new(
                    Rule::ListenerOldTls,
                    format!("{listener}: {said} accepts TLS older than 1.2"),
                )
                .detail("deprecated since RFC 8996; AWS recommends ELBSecurityPolicy-TLS13-1-2-2021-06 (Security Hub ELB.17)")
                .resource(&lb.common.address)
                .at(span, "accepts TLS 1.0 or 1.1")
                .help("`ssl_policy: ELBSecurityPolicy-TLS13-1-2-2021-06`"),
            );
        }
        (None, false) => {}
    }
}

fn access_logs(c: &mut Checker, lb: &LoadBalancer, logs: &AccessLogsSpec) {
    let bucket = &logs.bucket;
    if !is_bucket_name(&bucket.value) {
        c.push(
            Diagnostic::new(
                Rule::AccessLogs,
                format!(
                    "{}: `{}` is not an S3 bucket's name",
                    lb.common.address, bucket.value
                ),
            )
            .detail("the logs go to a bucket named, not addressed: enabling them fails")
            .resource(&lb.common.address)
            .at(bucket.span, "not a bucket name")
            .help("write the bucket's name and put any folder in `prefix`: `{bucket: acme-logs, prefix: alb}`"),
        );
    }
    if let Some(prefix) = logs.prefix.as_ref().filter(|p| p.value.contains(AWS_LOGS)) {
        c.push(
            Diagnostic::new(
                Rule::AccessLogs,
                format!(
                    "{}: its access logs' prefix contains {AWS_LOGS}",
                    lb.common.address
                ),
            )
            .detail("AWS refuses it: it adds the part of each log's key from AWSLogs on itself")
            .resource(&lb.common.address)
            .at(prefix.span, "contains AWSLogs")
            .help("drop `AWSLogs` from the prefix"),
        );
    }
    let network = lb.lb_type.value == LoadBalancerType::Network;
    if network && !lb.listeners.iter().any(|l| l.protocol.value == "TLS") {
        c.push(
            Diagnostic::new(
                Rule::AccessLogsUnwritten,
                format!(
                    "{} logs nothing: a network load balancer logs TLS requests only, and it has no TLS listener",
                    lb.common.address
                ),
            )
            .resource(&lb.common.address)
            .at(logs.span, "never written")
            .help("add a TLS listener, or use VPC flow logs for TCP and UDP traffic"),
        );
    }
}

/// Whether `name` can name an S3 bucket: 3-255 letters, digits, dots,
/// hyphens and underscores (the widest rule, that of us-east-1's buckets
/// from before March 2018), starting and ending with a letter or digit.
fn is_bucket_name(name: &str) -> bool {
    let edge = |b: Option<u8>| b.is_some_and(|b| b.is_ascii_alphanumeric());
    (3..=255).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
        && edge(name.bytes().next())
        && edge(name.bytes().last())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_names_say_the_oldest_tls_they_take() {
        for modern in [
            "ELBSecurityPolicy-TLS13-1-2-2021-06",
            "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
            "ELBSecurityPolicy-TLS-1-2-Ext-2018-06",
            "ELBSecurityPolicy-FS-1-2-Res-2020-10",
            "ELBSecurityPolicy-TLS13-1-3-2021-06",
        ] {
            assert!(takes_only_tls12_and_later(modern), "{modern}");
        }
        for old in [
            DEFAULT_SSL_POLICY,
            "ELBSecurityPolicy-2015-05",
            "ELBSecurityPolicy-TLS-1-0-2015-04",
            "ELBSecurityPolicy-TLS-1-1-2017-01",
            "ELBSecurityPolicy-FS-2018-06",
            "ELBSecurityPolicy-TLS13-1-0-2021-06",
            "ELBSecurityPolicy-TLS13-1-1-2021-06",
        ] {
            assert!(!takes_only_tls12_and_later(old), "{old}");
        }
    }

    #[test]
    fn bucket_names() {
        for ok in ["acme-logs", "acme.logs.eu", "Legacy_Bucket", "abc"] {
            assert!(is_bucket_name(ok), "{ok}");
        }
        for bad in [
            "s3://acme-logs/alb",
            "arn:aws:s3:::acme-logs",
            "ab",
            "-logs",
            "logs-",
            "a b c",
        ] {
            assert!(!is_bucket_name(bad), "{bad}");
        }
    }
}
