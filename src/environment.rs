//! `--env`, `--var` and `--var-file`: which environment of `skyplan.toml` a
//! command works on (its variable values and its own state file), and the
//! values given to the stack's variables. Checked once, before any work.
//!
//! Values apply in this order, later ones winning: a variable's default,
//! the environment's `vars`, each `--var-file` in turn, each `--var`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use skyplan_diagnostics::{SourceFiles, Span};
use skyplan_spec::yaml::{self, Value};
use skyplan_spec::{Input, InputValue, Inputs};
use skyplan_state::file::{Links, read_limited};

use crate::config::{self, EnvironmentFile, TomlScalar};
use crate::terminal::escape_line;
use crate::{Fatal, workflow::shown};

/// A var file is a few lines; anything this large is not one.
const MAX_VAR_FILE_BYTES: u64 = 1 << 20;

/// The environment flags of a run.
#[derive(Debug, Default)]
pub struct Selected {
    /// `--env NAME`.
    pub env: Option<String>,
    /// `--var NAME=VALUE`, in order.
    vars: Vec<(String, String)>,
    /// `--var-file FILE`, in order.
    files: Vec<PathBuf>,
}

impl Selected {
    pub fn from_flags(
        env: Option<String>,
        vars: &[String],
        files: &[PathBuf],
    ) -> Result<Selected, Fatal> {
        let vars = vars
            .iter()
            .map(|v| match v.split_once('=') {
                Some((name, value)) if !name.trim().is_empty() => {
                    Ok((name.trim().to_string(), value.to_string()))
                }
                _ => Err(Fatal::usage(format!(
                    "--var takes NAME=VALUE, found `{}`",
                    escape_line(v)
                ))),
            })
            .collect::<Result<_, _>>()?;
        Ok(Selected {
            env,
            vars,
            files: files.to_vec(),
        })
    }

    /// The environment named by `--env` in the config that governs `dir`
    /// (`config`: `--config`'s file, else the nearest one above `dir`).
    fn environment(
        &self,
        dir: &Path,
        config: Option<&Path>,
    ) -> Result<Option<(PathBuf, String, EnvironmentFile)>, Fatal> {
        let Some(name) = &self.env else {
            return Ok(None);
        };
        let path = match config {
            Some(p) => p.to_path_buf(),
            None => config::find(dir).ok_or_else(|| {
                Fatal::usage(format!(
                    "--env {}: no {} above {} defines environments",
                    escape_line(name),
                    config::FILE_NAME,
                    shown(dir)
                ))
            })?,
        };
        let (text, mut environments) = config::environments(&path).map_err(Fatal::usage)?;
        let Some(environment) = environments.remove(name) else {
            let defined: Vec<&str> = environments.keys().map(String::as_str).collect();
            return Err(Fatal::usage(format!(
                "environment `{}` is not defined in {}{}",
                escape_line(name),
                shown(&path),
                match defined.as_slice() {
                    [] => "; it defines none: add `[environments.NAME]`".to_string(),
                    names => format!("; it defines: {}", names.join(", ")),
                }
            )));
        };
        Ok(Some((path, text, environment)))
    }

    /// The values for the stack in `dir`. Files whose values are read
    /// (skyplan.toml, var files) join `sources`, so that a wrong value is
    /// shown where it is written.
    pub fn inputs(
        &self,
        dir: &Path,
        config: Option<&Path>,
        sources: &mut SourceFiles,
    ) -> Result<Inputs, Fatal> {
        let mut inputs = Inputs::default();
        if let Some((path, text, environment)) = self.environment(dir, config)? {
            let name = self.env.as_deref().unwrap_or_default();
            let file = sources.add(path.display().to_string(), text);
            let origin = format!("[environments.{name}.vars] of {}", shown(&path));
            inputs
                .values
                .extend(environment.vars.into_iter().map(|(var, value)| {
                    let span = value.span();
                    Input {
                        name: var,
                        value: match value.into_inner() {
                            TomlScalar::Bool(b) => InputValue::Bool(b),
                            TomlScalar::Int(n) => InputValue::Int(n),
                            TomlScalar::Str(s) => InputValue::Str(s),
                        },
                        origin: origin.clone(),
                        span: Some(Span::new(file, span.start as u32, span.end as u32)),
                        strict: false,
                    }
                }));
        }
        for path in &self.files {
            inputs.values.extend(var_file(path, sources)?);
        }
        inputs
            .values
            .extend(self.vars.iter().map(|(name, value)| Input {
                name: name.clone(),
                value: InputValue::Text(value.clone()),
                origin: "--var".into(),
                span: None,
                strict: true,
            }));
        Ok(inputs)
    }

    /// The state file of the stack in `dir`: `--state`, else the
    /// environment's `state` (relative to the stack), else
    /// `skyplan.NAME.state.json` for an environment, else
    /// `skyplan.state.json`.
    pub fn state_path(
        &self,
        dir: &Path,
        flag: Option<&Path>,
        config: Option<&Path>,
    ) -> Result<PathBuf, Fatal> {
        if let Some(flag) = flag {
            return Ok(flag.to_path_buf());
        }
        Ok(match self.environment(dir, config)? {
            Some((_, _, environment)) => match environment.state {
                Some(state) => dir.join(state),
                None => dir.join(format!(
                    "skyplan.{}.state.json",
                    self.env.as_deref().unwrap_or_default()
                )),
            },
            None => dir.join(crate::workflow::STATE_FILE),
        })
    }

    /// The same values for another environment, or none (`lint --all-envs`).
    pub fn for_env(&self, env: Option<&str>) -> Selected {
        Selected {
            env: env.map(str::to_string),
            vars: self.vars.clone(),
            files: self.files.clone(),
        }
    }
}

/// The environments the config governing `dir` defines, in name order.
pub fn defined(dir: &Path, config: Option<&Path>) -> Result<Vec<String>, Fatal> {
    let Some(path) = config.map(Path::to_path_buf).or_else(|| config::find(dir)) else {
        return Ok(Vec::new());
    };
    let (_, environments): (String, BTreeMap<String, EnvironmentFile>) =
        config::environments(&path).map_err(Fatal::usage)?;
    Ok(environments.into_keys().collect())
}

/// A YAML file of `name: value` lines.
fn var_file(path: &Path, sources: &mut SourceFiles) -> Result<Vec<Input>, Fatal> {
    let bytes = read_limited(path, MAX_VAR_FILE_BYTES, Links::Follow)
        .map_err(|e| Fatal::usage(format!("cannot read {}: {e}", shown(path))))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| Fatal::usage(format!("{} is not UTF-8 text", shown(path))))?;
    let file = sources.add(path.display().to_string(), text);
    let source = sources.get(file);
    let at = |byte: u32| {
        let p = source.position(byte);
        format!("{}:{}:{}", shown(path), p.line, p.column)
    };
    let root = yaml::parse(file, source)
        .map_err(|d| Fatal::usage(format!("{}: {}", shown(path), d.summary)))?;
    let entries = match root.value {
        Value::Map(entries) => entries,
        Value::Null => Vec::new(),
        _ => {
            return Err(Fatal::usage(format!(
                "{}: a var file maps variable names to values (`base_cidr: 10.20.0.0/16`)",
                at(root.start)
            )));
        }
    };
    let origin = format!("--var-file {}", shown(path));
    entries
        .into_iter()
        .map(|(key, value)| {
            let Value::Str(name) = key.value else {
                return Err(Fatal::usage(format!(
                    "{}: a variable name is a string",
                    at(key.start)
                )));
            };
            let given = match value.value {
                Value::Str(s) => InputValue::Str(s.into_owned()),
                Value::Int(n) => InputValue::Int(n),
                Value::Bool(b) => InputValue::Bool(b),
                _ => {
                    return Err(Fatal::usage(format!(
                        "{}: the value of `{}` must be a string, number or boolean",
                        at(value.start),
                        escape_line(&name)
                    )));
                }
            };
            Ok(Input {
                name: name.into_owned(),
                value: given,
                origin: origin.clone(),
                span: Some(Span::new(file, value.start, value.end)),
                strict: false,
            })
        })
        .collect()
}
