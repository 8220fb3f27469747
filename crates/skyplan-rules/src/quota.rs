//! QT001: default quotas, counted the same way for every kind. The limits
//! live in `skyplan_facts::quotas`.

use std::collections::BTreeMap;

use skyplan_diagnostics::{Diagnostic, Rule, Span};
use skyplan_facts::quotas::Quota;
use skyplan_model::Common;

use crate::Checker;

fn finding(quota: Quota, summary: String, at: Span) -> Diagnostic {
    Diagnostic::new(Rule::QuotaExceeded, summary)
        .detail(format!(
            "AWS refuses the one past the quota ({}); quotas can be raised, but only before the apply",
            quota.aws_error
        ))
        .at(at, "over the quota")
        .help("spread the resources, or request a quota increase before applying")
}

/// Reports `owner` holding more items (`spans`, in order) than `quota`
/// allows, at the first item past it.
pub(crate) fn over_quota(
    c: &mut Checker,
    quota: Quota,
    owner: &str,
    spans: impl Iterator<Item = Span>,
    noun: &str,
) {
    let spans: Vec<Span> = spans.collect();
    if spans.len() > quota.limit {
        c.push(
            finding(
                quota,
                format!(
                    "{owner} has {} {noun}; the default quota is {} {}",
                    spans.len(),
                    quota.limit,
                    quota.what
                ),
                spans[quota.limit],
            )
            .resource(owner),
        );
    }
}

/// Reports every scope (a VPC, an AZ, a region) holding more resources than
/// `quota` allows; names the resources past the quota first.
pub(crate) fn over_quota_by<'m, K: Ord + Copy>(
    c: &mut Checker,
    quota: Quota,
    items: impl Iterator<Item = (K, &'m Common)>,
    scope_name: impl Fn(K) -> String,
) {
    let mut by_scope: BTreeMap<K, Vec<&Common>> = BTreeMap::new();
    for (scope, common) in items {
        by_scope.entry(scope).or_default().push(common);
    }
    for (scope, list) in by_scope {
        if list.len() <= quota.limit {
            continue;
        }
        let over = &list[quota.limit..];
        c.push(
            finding(
                quota,
                format!(
                    "{} has {}, over the default quota of {} {}",
                    scope_name(scope),
                    list.len(),
                    quota.limit,
                    quota.what
                ),
                over[0].name.span,
            )
            .resources(over.iter().map(|r| r.address.clone())),
        );
    }
}
