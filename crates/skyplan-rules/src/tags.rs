//! TG001-TG002: tags, as AWS sees them: the resource's own merged over
//! `defaults.tags`.

use std::collections::BTreeMap;

use skyplan_diagnostics::{Diagnostic, Rule};
use skyplan_facts::quotas::{TAG_KEY_CHARS, TAG_VALUE_CHARS, TAGS_PER_RESOURCE};
use skyplan_model::Common;

use crate::Checker;

pub(crate) fn check(c: &mut Checker) {
    // One finding per problem, naming every resource it reaches: a bad key
    // in `defaults.tags` is one mistake, not one per resource.
    let mut problems: BTreeMap<String, Vec<&Common>> = BTreeMap::new();
    for common in c.model.commons() {
        count(c, common);
        for (key, value) in common.tags.iter() {
            if let Some(problem) = tag_problem(key, value) {
                problems.entry(problem).or_default().push(common);
            }
        }
    }
    for (problem, reached) in problems {
        let first = reached[0];
        c.push(
            Diagnostic::new(Rule::InvalidTag, problem)
                .detail("AWS refuses the tag (InvalidParameterValue)")
                .resources(reached.iter().map(|r| r.address.clone()))
                .at(first.name.span, "invalid tag")
                .help("shorten it, or choose a key without the `aws:` prefix (in `defaults.tags` if it comes from there)"),
        );
    }
}

fn count(c: &mut Checker, common: &Common) {
    let limit = TAGS_PER_RESOURCE.limit;
    if common.tags.len() > limit {
        c.push(
            Diagnostic::new(
                Rule::TooManyTags,
                format!(
                    "{} has {} tags with `defaults.tags` merged in; AWS allows {limit}",
                    common.address,
                    common.tags.len()
                ),
            )
            .detail("AWS refuses the resource's tags (TagLimitExceeded)")
            .resource(&common.address)
            .at(common.name.span, "too many tags")
            .help("drop or merge tags, on the resource or in `defaults.tags`"),
        );
    }
}

fn tag_problem(key: &str, value: &str) -> Option<String> {
    if key.len() >= 4 && key.is_char_boundary(4) && key[..4].eq_ignore_ascii_case("aws:") {
        Some(format!(
            "the tag key `{key}` starts with `aws:`, which AWS reserves"
        ))
    } else if key.chars().count() > TAG_KEY_CHARS {
        Some(format!(
            "the tag key `{}…` is {} characters; AWS allows {TAG_KEY_CHARS}",
            key.chars().take(20).collect::<String>(),
            key.chars().count()
        ))
    } else if value.chars().count() > TAG_VALUE_CHARS {
        Some(format!(
            "the value of tag `{key}` is {} characters; AWS allows {TAG_VALUE_CHARS}",
            value.chars().count()
        ))
    } else {
        None
    }
}
