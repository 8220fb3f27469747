//! The registry of every check skyplan makes.
//!
//! Each rule has a stable code (never reused), a kebab-case name, a default
//! severity, whether it is on by default, and its documentation, written as
//! the doc comment of its entry below with fixed sections (what it checks,
//! `## Why`, `## Example`, `## Fix`). `skyplan explain` and `docs/rules.md`
//! are generated from these entries.

use crate::Severity;

macro_rules! define_rules {
    ($(
        $(#[doc = $doc:literal])*
        $variant:ident = ($code:literal, $name:literal, $severity:ident, $enabled:literal);
    )*) => {
        /// Every check, by stable code.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Rule {
            $($variant,)*
        }

        impl Rule {
            /// All rules in registry (code) order.
            pub const ALL: &'static [Rule] = &[$(Rule::$variant,)*];

            /// The stable code, such as `SN003`.
            pub const fn code(self) -> &'static str {
                match self { $(Rule::$variant => $code,)* }
            }

            /// The kebab-case name, such as `subnet-overlap`.
            pub const fn name(self) -> &'static str {
                match self { $(Rule::$variant => $name,)* }
            }

            pub const fn default_severity(self) -> Severity {
                match self { $(Rule::$variant => Severity::$severity,)* }
            }

            /// Whether the rule runs when no configuration selects it.
            pub const fn enabled_by_default(self) -> bool {
                match self { $(Rule::$variant => $enabled,)* }
            }

            /// The documentation, as Markdown: a one-line summary, then
            /// `## Why`, `## Example` and `## Fix`.
            pub fn doc(self) -> &'static str {
                match self { $(Rule::$variant => concat!($($doc, "\n",)*),)* }
            }
        }
    };
}

impl Rule {
    /// Finds a rule by code (`sn003` works too) or by name.
    pub fn find(code_or_name: &str) -> Option<Rule> {
        Rule::ALL
            .iter()
            .copied()
            .find(|r| r.code().eq_ignore_ascii_case(code_or_name) || r.name() == code_or_name)
    }

    /// The group a rule belongs to, from its code prefix.
    pub fn group(self) -> &'static str {
        let prefix = self.code().trim_end_matches(|c: char| c.is_ascii_digit());
        GROUPS
            .iter()
            .find(|(p, _)| *p == prefix)
            .map_or("Other", |(_, g)| *g)
    }

    /// The documentation with the one leading space of each doc line removed.
    pub fn doc_markdown(self) -> String {
        self.doc()
            .lines()
            .map(|l| l.strip_prefix(' ').unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Whether what the rule finds is refused by AWS itself (or cannot be
    /// built at all: a spec that does not load), so that no suppression,
    /// `--ignore` or configured severity lets `plan` or `apply` through:
    /// they would put into the state what AWS would never create. Every
    /// default error but the ones a user may rightly overrule: a quota
    /// raised through AWS support, and a failing expectation of their own.
    pub const fn refused_by_aws(self) -> bool {
        matches!(self.default_severity(), Severity::Error)
            && !matches!(
                self,
                Rule::QuotaExceeded
                    | Rule::TooManyRules
                    | Rule::NaclTooManyEntries
                    | Rule::ExpectationFailed
            )
    }

    /// What `explain` and `docs/rules.md` say of [`Rule::refused_by_aws`].
    pub const fn enforcement_note(self) -> &'static str {
        if self.refused_by_aws() {
            " AWS refuses this: a suppression or `skyplan.toml` silences it for `lint` only; `plan` and `apply` still stop."
        } else {
            ""
        }
    }

    /// The first line of the documentation.
    pub fn summary(self) -> String {
        self.doc_markdown().lines().next().unwrap_or("").to_string()
    }
}

/// Code prefixes and the group names they stand for, in documentation order.
pub const GROUPS: &[(&str, &str)] = &[
    ("SP", "Spec language"),
    ("RF", "References and the dependency graph"),
    ("CD", "CIDR notation"),
    ("VP", "VPCs"),
    ("SN", "Subnets"),
    ("IP", "Private IP addresses"),
    ("AZ", "Regions and availability zones"),
    ("GW", "Internet gateways, NAT gateways and elastic IPs"),
    ("RT", "Route tables and routes"),
    ("VE", "VPC endpoints"),
    ("PC", "VPC peering"),
    ("PL", "Prefix lists"),
    ("SG", "Security groups"),
    ("NA", "Network ACLs"),
    ("EC", "EC2 instances"),
    ("EB", "EBS volumes"),
    ("LB", "Load balancers"),
    ("AS", "Auto scaling"),
    ("DB", "Databases"),
    ("TW", "Transit gateways"),
    ("VG", "VPN: customer and virtual private gateways"),
    ("DX", "Direct Connect gateways"),
    ("TG", "Tags"),
    ("QT", "Default quotas"),
    ("RC", "Reachability"),
    ("EV", "Across environments"),
];

/// Renders the whole registry as the Markdown of `docs/rules.md`.
pub fn markdown() -> String {
    let mut out = String::from(
        "# skyplan rules\n\n\
         <!-- Generated from crates/skyplan-diagnostics/src/registry.rs by \
         `UPDATE_DOCS=1 cargo test -p skyplan --test docs`. Do not edit. -->\n\n\
         Every check skyplan makes, by stable code. `skyplan explain CODE` prints one of them.\n\
         Severity is the default; `skyplan.toml`, `--select`, `--ignore` and `--deny warnings` change what runs and what fails.\n\n\
         | code | name | severity | on by default | summary |\n|---|---|---|---|---|\n",
    );
    for rule in Rule::ALL {
        out.push_str(&format!(
            "| [{code}](#{lower}-{name}) | `{name}` | {sev} | {on} | {summary} |\n",
            code = rule.code(),
            lower = rule.code().to_ascii_lowercase(),
            name = rule.name(),
            sev = rule.default_severity().as_str(),
            on = if rule.enabled_by_default() {
                "yes"
            } else {
                "no"
            },
            summary = rule.summary().replace('|', "\\|"),
        ));
    }
    let mut group = "";
    for rule in Rule::ALL {
        if rule.group() != group {
            group = rule.group();
            out.push_str(&format!("\n## {group}\n"));
        }
        out.push_str(&format!(
            "\n### {} {}\n\nSeverity: {}{}.{}\n\n",
            rule.code(),
            rule.name(),
            rule.default_severity().as_str(),
            if rule.enabled_by_default() {
                ""
            } else {
                " (off by default)"
            },
            rule.enforcement_note()
        ));
        let doc = rule.doc_markdown().replace("\n## ", "\n#### ");
        out.push_str(doc.trim_end());
        out.push('\n');
    }
    out
}

include!("rules.in.rs");

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let mut codes = BTreeSet::new();
        let mut names = BTreeSet::new();
        for rule in Rule::ALL {
            assert!(codes.insert(rule.code()), "duplicate code {}", rule.code());
            assert!(names.insert(rule.name()), "duplicate name {}", rule.name());
            assert!(
                rule.name()
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{} is not kebab-case",
                rule.name()
            );
            assert_ne!(rule.group(), "Other", "{} has no group", rule.code());
        }
    }

    #[test]
    fn every_rule_documents_why_example_and_fix() {
        for rule in Rule::ALL {
            let doc = rule.doc_markdown();
            for section in ["## Why", "## Example", "## Fix"] {
                assert!(doc.contains(section), "{} lacks {section}", rule.code());
            }
            assert!(
                !rule.summary().is_empty(),
                "{} lacks a summary",
                rule.code()
            );
        }
    }

    #[test]
    fn find_accepts_code_in_any_case_and_name() {
        assert_eq!(Rule::find("sn003"), Some(Rule::SubnetOverlap));
        assert_eq!(Rule::find("subnet-overlap"), Some(Rule::SubnetOverlap));
        assert_eq!(Rule::find("XX999"), None);
    }
}
