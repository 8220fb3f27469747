//! `skyplan.toml`: which rules run and how severe they are, for the stacks
//! below it. Found by walking up from each stack's directory (the nearest
//! one wins), or named with `--config`. Command-line flags refine it:
//! `--select` replaces the file's `select`, `--ignore` adds to its `ignore`.
//!
//! ```toml
//! select = ["SN", "SG", "EC009"]   # codes, names or code prefixes
//! ignore = ["VP009"]
//! [severity]
//! VP007 = "error"                 # error | warning
//! ```

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use skyplan_diagnostics::{Rule, Severity};

use crate::check::Selection;
use crate::terminal::escape_line;
use skyplan_state::file::{Links, read_limited};

pub const FILE_NAME: &str = "skyplan.toml";

/// A configuration is a few lines; anything this large is not one.
const MAX_CONFIG_BYTES: u64 = 1 << 20;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    select: Option<Vec<String>>,
    #[serde(default)]
    ignore: Vec<String>,
    #[serde(default)]
    severity: BTreeMap<String, SeverityName>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
enum SeverityName {
    Error,
    Warning,
}

/// The nearest `skyplan.toml` at or above `dir`.
pub fn find(dir: &Path) -> Option<PathBuf> {
    let start = dir.canonicalize().ok()?;
    start
        .ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|p| p.is_file())
}

/// Reads a config file and combines it with the command line's choices.
pub fn load(path: &Path, cli: &Selection) -> Result<Selection, String> {
    let bytes = read_limited(path, MAX_CONFIG_BYTES, Links::Follow).map_err(|e| {
        format!(
            "cannot read {}: {e}",
            escape_line(&path.display().to_string())
        )
    })?;
    let text = String::from_utf8(bytes).map_err(|_| {
        format!(
            "{} is not UTF-8 text",
            escape_line(&path.display().to_string())
        )
    })?;
    parse(&text, cli).map_err(|e| format!("{}: {e}", path.display()))
}

/// Combines a config text with the command line (which wins on `select`).
pub fn parse(text: &str, cli: &Selection) -> Result<Selection, String> {
    let file: ConfigFile =
        toml::from_str(text).map_err(|e| e.to_string().trim_end().to_string())?;
    let mut severity = HashMap::new();
    for (code, level) in file.severity {
        let rule = Rule::find(&code)
            .ok_or_else(|| format!("[severity] names `{code}`, which is no rule"))?;
        let level = match level {
            SeverityName::Error => Severity::Error,
            SeverityName::Warning => Severity::Warning,
        };
        severity.insert(rule, level);
    }
    let selection = Selection {
        select: if cli.select.is_empty() {
            file.select.unwrap_or_default()
        } else {
            cli.select.clone()
        },
        ignore: file
            .ignore
            .into_iter()
            .chain(cli.ignore.iter().cloned())
            .collect(),
        errors_only: cli.errors_only,
        severity,
        enforce_refusals: cli.enforce_refusals,
        skip_reachability: cli.skip_reachability,
    };
    selection.validate()?;
    Ok(selection)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_and_flags_combine() {
        let cli = Selection {
            ignore: vec!["SG013".into()],
            ..Selection::default()
        };
        let s = parse(
            "select = [\"SG\"]\nignore = [\"SG012\"]\n[severity]\nSG010 = \"error\"\n",
            &cli,
        )
        .unwrap();
        assert!(s.enabled(Rule::AdminPortOpen));
        assert!(!s.enabled(Rule::UnusedSecurityGroup));
        assert!(!s.enabled(Rule::DefaultSecurityGroup));
        assert!(!s.enabled(Rule::SubnetOverlap));
        assert_eq!(s.severity.get(&Rule::AdminPortOpen), Some(&Severity::Error));
        let flags = Selection {
            select: vec!["SN".into()],
            ..Selection::default()
        };
        assert!(
            parse("select = [\"SG\"]\n", &flags)
                .unwrap()
                .enabled(Rule::SubnetOverlap)
        );
    }

    #[test]
    fn mistakes_are_refused_with_their_place() {
        let cli = Selection::default();
        assert!(parse("selct = []\n", &cli).unwrap_err().contains("selct"));
        assert!(
            parse("[severity]\nXX1 = \"error\"\n", &cli)
                .unwrap_err()
                .contains("XX1")
        );
        assert!(
            parse("[severity]\nSN003 = \"fatal\"\n", &cli)
                .unwrap_err()
                .contains("fatal")
        );
        assert!(
            parse("ignore = [\"NOPE\"]\n", &cli)
                .unwrap_err()
                .contains("matches no rule")
        );
        assert!(parse("select = [\n", &cli).unwrap_err().contains("line"));
    }
}
