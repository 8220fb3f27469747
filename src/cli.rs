//! The command line, as clap sees it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Parser, Debug)]
#[command(
    name = "skyplan",
    version,
    about = "Plans AWS-style network infrastructure offline, with the judgement of an AWS network engineer",
    after_help = "Examples:\n  skyplan validate specs/\n  skyplan lint specs/bastion --format json\n  skyplan graph specs/bastion --format mermaid\n  skyplan explain SN003"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// When to use colour: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Print only findings, no summary line.
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// Also print which stacks and files were read.
    #[arg(short, long, global = true)]
    pub verbose: bool,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Load, resolve and check stacks; report errors only.
    #[command(
        after_help = "Examples:\n  skyplan validate                 # the stacks below the current directory\n  skyplan validate specs/ --format json\n\nExit status: 0 no errors, 1 errors found, 2 usage or I/O error."
    )]
    Validate(CheckArgs),
    /// Validate plus warnings: the pre-commit and CI entry point.
    #[command(
        after_help = "Examples:\n  skyplan lint specs/\n  skyplan lint specs/bastion/network.yaml --deny warnings\n  skyplan lint specs/ --format sarif > skyplan.sarif\n  skyplan lint specs/ --select SG010,SG011 --ignore VP009\n\nA file means the stack of its directory; a directory means every stack below it.\nExit status: 0 nothing at or above the failing severity, 1 findings, 2 usage or I/O error."
    )]
    Lint(CheckArgs),
    /// Print the dependency graph of one stack.
    #[command(
        after_help = "Examples:\n  skyplan graph specs/bastion | dot -Tsvg > bastion.svg\n  skyplan graph specs/hub-spoke --format mermaid"
    )]
    Graph(GraphArgs),
    /// Explain what a check means, why it matters, and how to fix it.
    #[command(
        after_help = "Examples:\n  skyplan explain SN003\n  skyplan explain subnet-overlap\n  skyplan explain --all"
    )]
    Explain(ExplainArgs),
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Spec files and stack directories (default: the current directory).
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// Also fail on warnings (`--deny warnings`).
    #[arg(long, value_enum)]
    pub deny: Option<Deny>,

    /// Run only these rules (codes, names or code prefixes such as `SG`), comma-separated.
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,

    /// Skip these rules (codes, names or code prefixes), comma-separated.
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,

    /// Use this skyplan.toml instead of the nearest one above each stack.
    #[arg(long)]
    pub config: Option<PathBuf>,

    /// Read no skyplan.toml at all.
    #[arg(long, conflicts_with = "config")]
    pub isolated: bool,
}

#[derive(Args, Debug)]
pub struct GraphArgs {
    /// The stack: a directory or one spec file (default: the current directory).
    pub stack: Option<PathBuf>,

    #[arg(long, value_enum, default_value_t = GraphFormat::Dot)]
    pub format: GraphFormat,
}

#[derive(Args, Debug)]
pub struct ExplainArgs {
    /// A rule code (`SN003`) or name (`subnet-overlap`).
    #[arg(required_unless_present = "all")]
    pub code: Option<String>,

    /// List every rule.
    #[arg(long)]
    pub all: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Sarif,
    Github,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Deny {
    Warnings,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum GraphFormat {
    Dot,
    Mermaid,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}
