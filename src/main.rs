//! The `skyplan` command: turns arguments into a validated configuration,
//! runs the library crates, renders their findings and maps outcomes to
//! exit codes. It is the only crate that touches the terminal.

mod allocator;
mod cli;
mod config;
mod environment;
mod import;
mod reach;
mod render;
mod render_plan;
mod stacks;
mod terminal;
mod workflow;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use skyplan_diagnostics::{Diagnostic, Rule, SourceFiles, Span};

use crate::cli::{
    CheckArgs, Cli, ColorChoice, Command, Deny, ExplainArgs, Format, GraphArgs, GraphFormat,
};
use skyplan_check::{Selection, check_stack};

/// Exit codes, one table for every command: 0 success, 1 findings or a
/// refusal, 2 a usage or I/O error (`reach` adds 3 blocked and 4 unknown;
/// `plan --detailed-exitcode` keeps Terraform's 2 for "changes present",
/// so every error of such a run is 1).
const FINDINGS: u8 = 1;
const FAILURE: u8 = 2;

/// Why a run stopped; its kind decides the exit code (jj's `CommandError`).
pub(crate) struct Fatal {
    kind: Failure,
    message: String,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Failure {
    /// A bad argument, or a path that cannot be read or written: exit 2.
    Usage,
    /// The stack, its state or a plan stops the work (errors found, a lock
    /// held, a stale or edited plan, a failed apply): exit 1.
    Refused,
}

impl Fatal {
    pub(crate) fn usage(message: impl Into<String>) -> Fatal {
        Fatal {
            kind: Failure::Usage,
            message: message.into(),
        }
    }

    pub(crate) fn refused(message: impl Into<String>) -> Fatal {
        Fatal {
            kind: Failure::Refused,
            message: message.into(),
        }
    }
}

/// How the run talks to the user, decided once from the flags.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Ui {
    pub color: bool,
    /// `-q`: only findings, or only a plan's outcome.
    pub quiet: bool,
    /// `-v`: which stacks, files and state files are used.
    pub verbose: bool,
    /// `--env`, `--var`, `--var-file`.
    pub environment: &'static environment::Selected,
}

/// `skyplan --version`: the release, the commit it is built from, and the
/// dates of the AWS facts built in.
fn version_text() -> String {
    let copied = skyplan_facts::provenance()
        .first()
        .and_then(|p| {
            let after = p.source.split_once("copied: ")?.1;
            Some(after.split_whitespace().next()?.to_string())
        })
        .unwrap_or_else(|| "unknown".into());
    format!(
        "{} (commit {}; AWS facts: tables copied {copied}, quotas and EBS limits checked {})",
        env!("CARGO_PKG_VERSION"),
        env!("SKYPLAN_COMMIT"),
        skyplan_facts::quotas::CHECKED
    )
}

fn command() -> clap::Command {
    use clap::CommandFactory;
    Cli::command().version(version_text())
}

fn parse() -> Result<Cli, clap::Error> {
    use clap::FromArgMatches;
    let mut command = command();
    let matches = command.try_get_matches_from_mut(std::env::args_os())?;
    Cli::from_arg_matches(&matches).map_err(|e| e.format(&mut command))
}

fn main() -> ExitCode {
    allocator::keep_freed_memory();
    let cli = match parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            if !e.use_stderr() {
                return ExitCode::SUCCESS; // --help, --version
            }
            return ExitCode::from(if detailed_exitcode() {
                FINDINGS
            } else {
                FAILURE
            });
        }
    };
    let color = match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    };
    let outcome = environment::Selected::from_flags(cli.env.clone(), &cli.vars, &cli.var_files)
        .and_then(|selected| {
            let ui = Ui {
                color,
                quiet: cli.quiet,
                verbose: cli.verbose,
                // Read by every command until the process ends.
                environment: Box::leak(Box::new(selected)),
            };
            run(&cli, ui)
        });
    match outcome {
        Ok(code) => ExitCode::from(code),
        Err(Fatal { kind, message }) => {
            // Messages quote user text; whatever was not escaped where it
            // was quoted is escaped here (newlines stay: they separate errors).
            let _ = writeln!(std::io::stderr(), "error: {}", terminal::escape(&message));
            ExitCode::from(match kind {
                Failure::Usage if !detailed_exitcode() => FAILURE,
                Failure::Usage | Failure::Refused => FINDINGS,
            })
        }
    }
}

/// Runs the command the user asked for.
fn run(cli: &Cli, ui: Ui) -> Result<u8, Fatal> {
    match &cli.command {
        Command::Validate(args) => run_check(cli, args, true, ui),
        Command::Lint(args) => run_check(cli, args, false, ui),
        Command::Graph(args) => run_graph(args, ui),
        Command::Export(args) => workflow::run_export(args, ui),
        Command::Import(args) => import::run_import(args, ui),
        Command::Explain(args) => run_explain(args),
        Command::Schema => {
            emit(&skyplan_spec::generated::json_schema());
            Ok(0)
        }
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(*shell, &mut command(), "skyplan", &mut out);
            emit(&String::from_utf8_lossy(&out));
            Ok(0)
        }
        Command::Man => {
            let mut out = Vec::new();
            clap_mangen::Man::new(command())
                .render(&mut out)
                .map(|()| {
                    emit(&String::from_utf8_lossy(&out));
                    0
                })
                .map_err(|e| Fatal::usage(format!("cannot render the man page: {e}")))
        }
        Command::Plan(args) => workflow::run_plan(args, ui),
        Command::Apply(args) => workflow::run_apply(args, ui),
        Command::Destroy(args) => workflow::run_destroy(args, ui),
        Command::Show(args) => workflow::run_show(args, ui),
        Command::Output(args) => workflow::run_output(args, ui),
        Command::State(command) => workflow::run_state(command, ui),
        Command::Reach(args) => reach::run_reach(args, ui),
        Command::Exposure(args) => reach::run_exposure(args, ui),
    }
}

/// Frees `value` on a thread of its own: a stack's model (or a state, a
/// plan) is a million small allocations, whose freeing the command need
/// not wait for (at exit, the process goes whether or not it is done).
pub(crate) fn discard<T: Send + 'static>(value: T) {
    // Without a thread to be had, the closure (and the value) drops here.
    let _ = std::thread::Builder::new().spawn(move || drop(value));
}

/// Whether this is `plan --detailed-exitcode`, whose 2 means "changes".
fn detailed_exitcode() -> bool {
    std::env::args().any(|a| a == "--detailed-exitcode")
}

/// Writes to stdout; a closed pipe (`| head`) is not an error.
pub(crate) fn emit(text: &str) {
    let text = terminal::escape_invisible(text);
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}

pub(crate) fn note(text: &str) {
    let _ = writeln!(std::io::stderr(), "{}", terminal::escape_invisible(text));
}

fn run_check(cli: &Cli, args: &CheckArgs, errors_only: bool, ui: Ui) -> Result<u8, Fatal> {
    let color = ui.color;
    let flags = Selection {
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        errors_only,
        ..Selection::default()
    };
    flags.validate().map_err(|e| Fatal::usage(e.to_string()))?;
    let explicit = match &args.config {
        Some(path) => Some(config::load(path, &flags).map_err(Fatal::usage)?),
        None => None,
    };
    let found = stacks::discover(&args.paths).map_err(Fatal::usage)?;
    if !found.skipped.is_empty() && !cli.quiet {
        note(&skipped_note(&found.skipped));
    }
    let stacks = found.stacks;
    if stacks.is_empty() {
        return Err(Fatal::usage(
            "no stacks found: no directory holds *.yaml or *.yml spec files",
        ));
    }
    let mut sources = SourceFiles::new();
    let mut all = Vec::new();
    let mut resources = 0;
    for stack in &stacks {
        if cli.verbose {
            note(&format!(
                "checking {} ({} files)",
                terminal::escape_line(&stack.dir.display().to_string()),
                stack.files.len()
            ));
        }
        let selection = match (&explicit, args.isolated) {
            (Some(s), _) => s.clone(),
            (None, true) => flags.clone(),
            (None, false) => match config::find(&stack.dir) {
                Some(path) => {
                    if cli.verbose {
                        note(&format!(
                            "using {}",
                            terminal::escape_line(&path.display().to_string())
                        ));
                    }
                    config::load(&path, &flags).map_err(Fatal::usage)?
                }
                None => flags.clone(),
            },
        };
        let mut diagnostics = Vec::new();
        let (files, modules) =
            stacks::read(stack, &mut sources, &mut diagnostics).map_err(Fatal::usage)?;
        let config = match (&args.config, args.isolated) {
            (Some(path), _) => Some(path.clone()),
            (None, true) => None,
            (None, false) => config::find(&stack.dir),
        };
        let environments = environments_to_check(args, &stack.dir, config.as_deref(), ui)?;
        let mut found = Vec::with_capacity(environments.len());
        let mut sites = Vec::with_capacity(environments.len());
        for (name, selected) in &environments {
            let inputs = match (selected.env.is_some(), &config) {
                (true, None) => {
                    return Err(Fatal::usage(
                        "--env reads the environment from skyplan.toml; --isolated reads none",
                    ));
                }
                _ => selected.inputs(&stack.dir, config.as_deref(), &mut sources)?,
            };
            let checked = check_stack(
                &sources,
                &files,
                &modules,
                &inputs,
                std::mem::take(&mut diagnostics),
                &selection,
            );
            if found.is_empty() {
                resources += checked.model.resource_count();
            }
            if environments.len() > 1 {
                let blocks = skyplan_rules::environments::site_blocks(&checked.model);
                sites.push((name.clone(), blocks));
            }
            found.push((name.clone(), checked.diagnostics));
            discard(checked.model);
        }
        all.extend(merge_environments(found));
        if selection.enabled(Rule::EnvironmentOverlap) {
            all.extend(skyplan_rules::environments::across_environments(&sites));
        }
    }
    let counts = render::Counts::of(&all);
    let deny_warnings = args.deny == Some(Deny::Warnings);
    match args.format {
        Format::Text => {
            emit(&render::text(&sources, &all, color));
            if !cli.quiet {
                emit(&summary(counts, stacks.len(), resources));
            }
        }
        Format::Json => emit(&render::json(&sources, &all, deny_warnings)),
        Format::Sarif => emit(&render::sarif(&sources, &all, &render::SourceRoot::find())),
        Format::Github => emit(&render::github(&sources, &all)),
    }
    Ok(if counts.failing(deny_warnings) > 0 {
        FINDINGS
    } else {
        0
    })
}

/// The environments a stack is checked in: `--env`'s, else every one its
/// skyplan.toml defines (a stack whose variables take their values from
/// them does not read without one), else none.
fn environments_to_check(
    args: &CheckArgs,
    dir: &std::path::Path,
    config: Option<&std::path::Path>,
    ui: Ui,
) -> Result<Vec<(String, environment::Selected)>, Fatal> {
    if let Some(env) = ui.environment.env.as_deref() {
        if args.all_envs {
            return Err(Fatal::usage(
                "--all-envs checks every environment; leave out --env",
            ));
        }
        return Ok(vec![(env.to_string(), ui.environment.for_env(Some(env)))]);
    }
    let names = match config {
        Some(_) => environment::defined(dir, config)?,
        None => Vec::new(),
    };
    if names.is_empty() {
        return Ok(vec![(String::new(), ui.environment.for_env(None))]);
    }
    Ok(names
        .into_iter()
        .map(|n| {
            let selected = ui.environment.for_env(Some(&n));
            (n, selected)
        })
        .collect())
}

/// One list of findings from a stack checked in several environments: a
/// finding of every environment once, one of only some with their names.
fn merge_environments(found: Vec<(String, Vec<Diagnostic>)>) -> Vec<Diagnostic> {
    if found.len() == 1 {
        return found.into_iter().flat_map(|(_, d)| d).collect();
    }
    type Key = (Rule, Option<Span>, String);
    let key = |d: &Diagnostic| -> Key {
        (
            d.rule,
            d.primary.as_ref().map(|l| l.span),
            d.summary.clone(),
        )
    };
    let total = found.len();
    let mut merged: Vec<(Diagnostic, Vec<String>)> = Vec::new();
    let mut index: std::collections::HashMap<Key, usize> = std::collections::HashMap::new();
    for (name, diagnostics) in found {
        for d in diagnostics {
            match index.get(&key(&d)) {
                Some(&i) => merged[i].1.push(name.clone()),
                None => {
                    index.insert(key(&d), merged.len());
                    merged.push((d, vec![name.clone()]));
                }
            }
        }
    }
    merged
        .into_iter()
        .map(|(mut d, names)| {
            if names.len() < total {
                d.summary = format!("{} (environment {})", d.summary, names.join(", "));
            }
            d
        })
        .collect()
}

/// "note: skipped 3 YAML files that are no skyplan stack: a, b and 1 more".
fn skipped_note(skipped: &[std::path::PathBuf]) -> String {
    const SHOWN: usize = 3;
    let names: Vec<String> = skipped
        .iter()
        .take(SHOWN)
        .map(|p| terminal::escape_line(&p.display().to_string()).into_owned())
        .collect();
    let more = match skipped.len().saturating_sub(SHOWN) {
        0 => String::new(),
        n => format!(" and {n} more"),
    };
    format!(
        "note: skipped {} that {} no skyplan stack (another tool's YAML, hidden, or excluded in skyplan.toml): {}{more}",
        plural(skipped.len(), "YAML path"),
        if skipped.len() == 1 { "is" } else { "are" },
        names.join(", ")
    )
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn summary(counts: render::Counts, stacks: usize, resources: usize) -> String {
    let scope = format!(
        "{} ({})",
        plural(stacks, "stack"),
        plural(resources, "resource")
    );
    let notes = match counts.infos {
        0 => String::new(),
        n => format!(" ({})", plural(n, "note")),
    };
    if counts.errors + counts.warnings == 0 {
        format!("All checks passed: {scope}.{notes}\n")
    } else {
        format!(
            "Found {} and {} in {scope}.{notes}\n",
            plural(counts.errors, "error"),
            plural(counts.warnings, "warning")
        )
    }
}

fn run_graph(args: &GraphArgs, ui: Ui) -> Result<u8, Fatal> {
    let stack = workflow::load_checked(
        args.stack.as_deref(),
        ui,
        false,
        workflow::Gate::WithoutReachability,
    )?;
    let graph = &stack.model.graph;
    emit(&match args.format {
        GraphFormat::Dot => graph.to_dot(),
        GraphFormat::Mermaid => graph.to_mermaid(),
    });
    Ok(0)
}

/// `explain --facts`: the embedded AWS tables and limits, with their
/// sources and dates.
fn facts_report() -> String {
    use skyplan_facts::{ebs, quotas};
    let facts = skyplan_facts::facts();
    let mut out = String::from("AWS facts built into this skyplan:\n");
    let counts = [
        format!(" ({} zones)", facts.zone_names().count()),
        format!(" ({} types)", facts.instance_type_names().count()),
        format!(
            " ({} zones listed)",
            facts
                .zone_names()
                .filter(|z| facts.offers(z, "t3.micro").is_some())
                .count()
        ),
    ];
    for (i, p) in skyplan_facts::provenance().iter().enumerate() {
        let rows = counts.get(i).map_or("", String::as_str);
        out.push_str(&format!("  {}{rows}\n    {}\n", p.table, p.source));
    }
    out.push_str(&format!(
        "\nDefault quotas (checked {}):\n",
        quotas::CHECKED
    ));
    // One column as wide as the longest quota's name.
    let width = quotas::ALL.iter().map(|q| q.what.len()).max().unwrap_or(0);
    for q in quotas::ALL {
        out.push_str(&format!(
            "  {:<width$} {:>6}  {}\n",
            q.what, q.limit, q.aws_error
        ));
    }
    out.push_str(&format!(
        "\nEBS volume limits (checked {}):\n",
        ebs::CHECKED
    ));
    for t in ebs::VolumeType::ALL {
        let l = ebs::volume_limits(t);
        let iops = l.iops.map_or_else(
            || "no provisioned IOPS".to_string(),
            |i| format!("{}-{} IOPS ({} per GiB)", i.min, i.max, i.per_gib),
        );
        let throughput = l.throughput.map_or_else(String::new, |tp| {
            format!(
                ", {}-{} MiB/s ({} per 1,000 IOPS)",
                tp.min, tp.max, tp.mib_per_1000_iops
            )
        });
        out.push_str(&format!(
            "  {:<9} {}-{} GiB, {iops}{throughput}\n",
            t.as_str(),
            l.min_gib,
            l.max_gib
        ));
    }
    out
}

fn run_explain(args: &ExplainArgs) -> Result<u8, Fatal> {
    if args.facts {
        emit(&facts_report());
        return Ok(0);
    }
    if args.all {
        let mut out = String::new();
        for r in Rule::ALL {
            out.push_str(&format!(
                "{}  {:<32} {:<8} {}\n",
                r.code(),
                r.name(),
                r.default_severity().as_str(),
                r.summary()
            ));
        }
        emit(&out);
        return Ok(0);
    }
    let code = args.code.as_deref().unwrap_or_default();
    let Some(rule) = Rule::find(code) else {
        let names = Rule::ALL.iter().flat_map(|r| [r.code(), r.name()]);
        let hint = skyplan_spec::suggest::closest(code, names).map_or_else(
            || "see `skyplan explain --all`".to_string(),
            |s| format!("did you mean `{s}`?"),
        );
        return Err(Fatal::usage(format!("no rule `{code}`; {hint}")));
    };
    let default = if rule.enabled_by_default() {
        ""
    } else {
        ", off by default"
    };
    let enforcement = rule.enforcement_note().trim_start();
    let enforcement = if enforcement.is_empty() {
        String::new()
    } else {
        format!("{enforcement}\n\n")
    };
    emit(&format!(
        "{} {} ({}{default})\n\n{enforcement}{}\n",
        rule.code(),
        rule.name(),
        rule.default_severity().as_str(),
        rule.doc_markdown().trim_end()
    ));
    Ok(0)
}
