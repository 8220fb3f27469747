//! `skyplan.toml`: which rules run and how severe they are, for the stacks
//! below it. Found by walking up from each stack's directory (the nearest
//! one wins), or named with `--config`. Command-line flags refine it:
//! `--select` replaces the file's `select`, `--ignore` adds to its `ignore`.
//!
//! ```toml
//! select = ["SN", "SG", "EC009"]   # codes, names or code prefixes
//! ignore = ["VP009"]
//! exclude = ["ci/**", "docker-compose.yml"]   # YAML that is no stack
//! [severity]
//! VP007 = "error"                 # error | warning
//! [environments.prod]             # `--env prod`
//! state = "prod.state.json"       # relative to the stack (default skyplan.prod.state.json)
//! vars = { base_cidr = "10.40.0.0/16", replicas = 3 }
//! ```

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use skyplan_diagnostics::{Rule, Severity};

use crate::terminal::escape_line;
use skyplan_check::Selection;
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
    /// Globs, relative to the file's directory, of YAML that is no stack
    /// (`*` within a name, `**` across directories, `?` one character).
    #[serde(default)]
    exclude: Vec<String>,
    /// `[environments.NAME]`: variable values and a state file per
    /// environment (`--env NAME`).
    #[serde(default)]
    environments: BTreeMap<String, EnvironmentFile>,
}

/// One `[environments.NAME]` table.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnvironmentFile {
    /// The state file, relative to the stack's directory (default
    /// `skyplan.NAME.state.json`).
    pub state: Option<PathBuf>,
    /// Values of the stack's variables.
    #[serde(default)]
    pub vars: BTreeMap<String, toml::Spanned<TomlScalar>>,
}

/// A variable's value in TOML.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum TomlScalar {
    Bool(bool),
    Int(i64),
    Str(String),
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

fn read_text(path: &Path) -> Result<String, String> {
    let bytes = read_limited(path, MAX_CONFIG_BYTES, Links::Follow).map_err(|e| {
        format!(
            "cannot read {}: {e}",
            escape_line(&path.display().to_string())
        )
    })?;
    String::from_utf8(bytes).map_err(|_| {
        format!(
            "{} is not UTF-8 text",
            escape_line(&path.display().to_string())
        )
    })
}

/// The `exclude` globs of a config file.
pub fn excludes(path: &Path) -> Result<Vec<String>, String> {
    let file: ConfigFile = toml::from_str(&read_text(path)?)
        .map_err(|e| format!("{}: {}", path.display(), e.to_string().trim_end()))?;
    Ok(file.exclude)
}

/// The config file's text and its environments.
pub fn environments(path: &Path) -> Result<(String, BTreeMap<String, EnvironmentFile>), String> {
    let text = read_text(path)?;
    let file: ConfigFile = toml::from_str(&text)
        .map_err(|e| format!("{}: {}", path.display(), e.to_string().trim_end()))?;
    Ok((text, file.environments))
}

/// Whether `path` (relative to a config file's directory, `/`-separated)
/// or one of the directories it is in matches `glob`.
pub fn glob_matches(glob: &str, path: &str) -> bool {
    let mut prefix = String::new();
    for (i, part) in path.split('/').enumerate() {
        if i > 0 {
            prefix.push('/');
        }
        prefix.push_str(part);
        if glob_match(glob.trim_end_matches('/').as_bytes(), prefix.as_bytes()) {
            return true;
        }
    }
    false
}

/// `*` any run within a name, `**` any run across names, `?` one
/// character. Iterative with backtracking to the last star: linear-ish,
/// never exponential.
fn glob_match(glob: &[u8], text: &[u8]) -> bool {
    let (mut g, mut t) = (0, 0);
    // The last star: where in the glob after it, where in the text, and
    // whether it crosses `/`.
    let mut star: Option<(usize, usize, bool)> = None;
    while t < text.len() {
        if g < glob.len() && glob[g] == b'*' {
            let deep = glob.get(g + 1) == Some(&b'*');
            g += if deep { 2 } else { 1 };
            if deep && glob.get(g) == Some(&b'/') {
                // `**/` also matches no directory at all.
                g += 1;
            }
            star = Some((g, t, deep));
        } else if g < glob.len() && (glob[g] == b'?' && text[t] != b'/' || glob[g] == text[t]) {
            g += 1;
            t += 1;
        } else if let Some((after, at, deep)) = star
            && (deep || text[at] != b'/')
        {
            star = Some((after, at + 1, deep));
            g = after;
            t = at + 1;
        } else {
            return false;
        }
    }
    glob[g..].iter().all(|&c| c == b'*')
}

/// Reads a config file and combines it with the command line's choices.
pub fn load(path: &Path, cli: &Selection) -> Result<Selection, String> {
    let text = read_text(path)?;
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
        record_exposure: cli.record_exposure,
    };
    selection.validate().map_err(|e| e.to_string())?;
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
    fn globs_match_paths_and_their_directories() {
        assert!(glob_matches("ci/**", "ci/workflows/x.yml"));
        assert!(glob_matches("ci", "ci/x.yml"));
        assert!(glob_matches(
            "**/docker-compose.yml",
            "svc/a/docker-compose.yml"
        ));
        assert!(glob_matches("**/docker-compose.yml", "docker-compose.yml"));
        assert!(glob_matches("*.yml", "x.yml"));
        assert!(!glob_matches("*.yml", "net/x.yaml"));
        assert!(glob_matches("net/?.yaml", "net/a.yaml"));
        assert!(!glob_matches("net/*.yaml", "netx/a.yaml"));
        // No exponential blow-up on a hostile glob.
        assert!(!glob_matches(
            &"*a".repeat(30),
            &format!("{}b", "a".repeat(60))
        ));
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
