//! The command line, as clap sees it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Parser, Debug)]
#[command(
    name = "skyplan",
    version,
    about = "Plans AWS-style network infrastructure offline, with the judgement of an AWS network engineer",
    after_help = "Examples:\n  skyplan validate specs/\n  skyplan lint specs/bastion --format json\n  skyplan graph specs/bastion --format mermaid\n  skyplan explain SN003\n\nExit status (every command): 0 success, 1 findings or a refusal (errors in the stack,\na held lock, a stale plan, a failed apply), 2 a usage or I/O error. `reach` adds 3 blocked\nand 4 unknown; `plan --detailed-exitcode` uses 2 for changes present, so its errors are 1."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// When to use colour: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Print less: lint and validate only their findings (no summary line);
    /// plan, apply and destroy only the outcome line and errors.
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// Also print (on stderr) which stacks, files, skyplan.toml and state
    /// files are used.
    #[arg(short, long, global = true)]
    pub verbose: bool,

    /// Work on this environment of skyplan.toml (`[environments.NAME]`): its
    /// variable values and its own state file.
    #[arg(long, global = true, value_name = "NAME")]
    pub env: Option<String>,

    /// Give a variable a value (repeatable); wins over --var-file and the environment.
    #[arg(long = "var", global = true, value_name = "NAME=VALUE")]
    pub vars: Vec<String>,

    /// A YAML file of variable values, `name: value` (repeatable; later files win).
    #[arg(long = "var-file", global = true, value_name = "FILE")]
    pub var_files: Vec<PathBuf>,
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
    /// Diff the stack against its state and show what apply would do.
    #[command(
        after_help = "Examples:\n  skyplan plan specs/bastion\n  skyplan plan specs/bastion --out bastion.plan\n  skyplan plan specs/bastion --json | jq .summary\n  skyplan plan specs/bastion --target instance.bastion\n  skyplan plan network/ --snapshot snapshot-today/   # what changed outside skyplan\n\nExit status: 0 success, 1 errors in the stack or refused, 2 usage or I/O error; with\n--detailed-exitcode 0 no changes, 2 changes present, 1 any error."
    )]
    Plan(PlanArgs),
    /// Carry out a plan on the simulated state file.
    #[command(
        after_help = "Examples:\n  skyplan apply specs/bastion                 # plans, shows, asks for `yes`\n  skyplan apply specs/bastion --auto-approve\n  skyplan apply bastion.plan                  # a saved plan; refused if stale\n\nExit status: 0 done, 1 refused or failed (the state is never half-written), 2 usage or I/O error."
    )]
    Apply(ApplyArgs),
    /// Plan and apply the removal of everything in the state.
    #[command(
        after_help = "Examples:\n  skyplan destroy specs/bastion --auto-approve\n  skyplan destroy --state old/skyplan.state.json\n\nNeeds only the state: the stack's spec files may be gone.\nExit status: 0 done, 1 refused or failed (the state is never half-written), 2 usage or I/O error."
    )]
    Destroy(DestroyArgs),
    /// Print the state of a stack.
    #[command(
        after_help = "Examples:\n  skyplan show specs/bastion\n  skyplan show specs/bastion --json"
    )]
    Show(ShowArgs),
    /// Can one end reach the other, and why (or why not): every hop, the
    /// rule that decided it, and the fix.
    #[command(
        after_help = "Endpoints: an instance (`instance.db`, `db`, `'instance.app[1]'`; a name with count, `app`, means every copy), an auto scaling group's instance (`'auto_scaling_group.web[0]'`, or `auto_scaling_group.web` for every one: a summary, then every pair that is not reachable), a load balancer as the destination (`load_balancer.web`: through a listener to a target), a database as the destination (`db_instance.orders`), a site behind a VPN (`customer_gateway.office`) or the premises behind Direct Connect (`dx_gateway.datacentre`): their networks' clients, `internet`, or a public IPv4 address or block (`198.51.100.7`, `198.51.100.0/24`).\n\nExamples:\n  skyplan reach specs/bastion --from 'instance.app[0]' --to instance.db --port 5432\n  skyplan reach specs/bastion --from internet --to instance.bastion --port 22\n  skyplan reach specs/bastion --from instance.db --to internet --port 443 --format json\n  skyplan reach specs/web-asg --from internet --to load_balancer.web --port 443\n  skyplan reach specs/hybrid-hub --from dx_gateway.datacentre --to 'app[1]' --port 443\n\nExit status: 0 reachable, 3 blocked, 4 unknown (a hop skyplan does not evaluate), 1 invalid stack, 2 usage error."
    )]
    Reach(ReachArgs),
    /// Every instance and load balancer the internet at large can open a
    /// connection to: the protocols and port ranges, and the path of each.
    #[command(
        after_help = "Examples:\n  skyplan exposure specs/bastion\n  skyplan exposure specs/web-asg --format json\n\nExposed means reached from the internet at large: more than half of all public IPv4 addresses get through (so a network ACL that denies a few addresses before an allow-all does not hide a port; the blocks that do not get through are listed). An instance only an office block can reach is not exposed.\n\nExit status: 0 (exposed or not), 1 invalid stack, 2 usage error."
    )]
    Exposure(ExposureArgs),
    /// Write the stack as a CloudFormation template or Terraform configuration.
    #[command(
        after_help = "Examples:\n  skyplan export specs/web-asg --format cloudformation > web-asg.yaml\n  skyplan export specs/web-asg --format terraform --out main.tf\n\nThe stack must have no errors. What the format cannot say is listed on stderr as\n`note:` lines, never left out silently.\nExit status: 0 written, 1 errors in the stack, 2 usage or I/O error."
    )]
    Export(ExportArgs),
    /// Import a live network: a snapshot of AWS CLI describe-* outputs becomes a new stack
    /// (spec files and a state with the real ids).
    #[command(
        after_help = "Examples:\n  scripts/snapshot.sh us-east-1 snapshot/       # with your AWS credentials\n  skyplan import snapshot/ --out network/\n  skyplan plan network/                          # No changes.\n  skyplan exposure network/\n\nWhat the specs cannot say is listed on stderr as `note:` lines, never left out silently.\nDefault VPCs are left out unless --default-vpcs.\nExit status: 0 written, 1 the snapshot cannot be imported (nothing written), 2 usage or I/O error."
    )]
    Import(ImportArgs),
    /// Print the stack's outputs (`outputs:`), read from its state.
    #[command(
        after_help = "Examples:\n  skyplan output specs/bastion\n  skyplan output --env prod --json | jq -r .vpc_id.value\n\nAn output of a resource not applied yet is `(known after apply)` (`null` in JSON).\nExit status: 0 printed, 1 errors in the stack, 2 usage or I/O error."
    )]
    Output(OutputArgs),
    /// Inspect or edit the state: list, show ADDR, rm ADDR, mv FROM TO.
    #[command(subcommand)]
    State(StateCommand),
    /// Print the JSON Schema of spec files, for editors (yaml-language-server, VS Code).
    #[command(
        after_help = "Examples:\n  skyplan schema > skyplan.schema.json\n\nThen put `# yaml-language-server: $schema=skyplan.schema.json` (a path relative to the\nspec file, or a URL) at the top of a spec file. The schema checks keys, types and\nchoices as you type; `skyplan lint` checks the rest."
    )]
    Schema,
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    #[command(
        after_help = "Examples:\n  skyplan completions bash > ~/.local/share/bash-completion/completions/skyplan\n  skyplan completions zsh > ~/.zfunc/_skyplan\n  skyplan completions fish > ~/.config/fish/completions/skyplan.fish"
    )]
    Completions { shell: clap_complete::Shell },
    /// Print the man page (roff), for `man -l -` or a man directory.
    #[command(
        after_help = "Examples:\n  skyplan man | man -l -\n  skyplan man > /usr/local/share/man/man1/skyplan.1"
    )]
    Man,
    /// Explain what a check means, why it matters, and how to fix it.
    #[command(
        after_help = "Examples:\n  skyplan explain SN003\n  skyplan explain subnet-overlap\n  skyplan explain --all\n  skyplan explain --facts"
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

    /// Check every stack once per environment its skyplan.toml defines (a
    /// finding of only some environments names them). This is what
    /// validate and lint do without --env.
    #[arg(long, conflicts_with = "isolated")]
    pub all_envs: bool,
}

/// Where the stack and its state are.
#[derive(Args, Debug, Clone)]
pub struct StackArgs {
    /// The stack: a directory, or a spec file meaning its directory (default: the current directory).
    pub stack: Option<PathBuf>,

    /// The state file (default: skyplan.state.json in the stack's directory).
    #[arg(long)]
    pub state: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct PlanArgs {
    #[command(flatten)]
    pub at: StackArgs,

    /// Save the plan to this file, for `skyplan apply FILE`: a new file or an
    /// earlier saved plan, never the state, a file beside it or a spec file.
    /// `--json` prints the same plan on standard output.
    #[arg(long)]
    pub out: Option<PathBuf>,

    /// Exit 0 when there are no changes, 2 when there are (1 on error).
    #[arg(long)]
    pub detailed_exitcode: bool,

    /// Plan only this address and what it depends on (repeatable).
    #[arg(long = "target", value_name = "ADDR")]
    pub targets: Vec<String>,

    /// Print the plan as JSON.
    #[arg(long)]
    pub json: bool,

    /// Plan the removal of everything.
    #[arg(long)]
    pub destroy: bool,

    /// Compare a later snapshot of the network (scripts/snapshot.sh) with the state first:
    /// show what changed outside skyplan, then plan against the network as it is
    /// (`--json`: as `resource_drift`).
    #[arg(long, value_name = "DIR", conflicts_with_all = ["out", "destroy"])]
    pub snapshot: Option<PathBuf>,

    /// Fail (exit 1) when the change lets the internet reach anything it did not reach
    /// after the last apply (a port, a protocol, a host), as CDK's broadening approval.
    #[arg(long)]
    pub deny_widening: bool,
}

#[derive(Args, Debug)]
pub struct ApplyArgs {
    /// A stack (a directory, or a spec file meaning its directory) or a plan saved with `plan --out`.
    pub stack_or_plan: Option<PathBuf>,

    /// The state file (default: skyplan.state.json in the stack's directory).
    #[arg(long)]
    pub state: Option<PathBuf>,

    /// Do not ask for confirmation.
    #[arg(long)]
    pub auto_approve: bool,
}

#[derive(Args, Debug)]
pub struct DestroyArgs {
    #[command(flatten)]
    pub at: StackArgs,

    /// Do not ask for confirmation.
    #[arg(long)]
    pub auto_approve: bool,
}

#[derive(Args, Debug)]
pub struct ShowArgs {
    #[command(flatten)]
    pub at: StackArgs,

    /// Print the state as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Subcommand, Debug)]
pub enum StateCommand {
    /// List the addresses in the state.
    #[command(after_help = "Examples:\n  skyplan state list specs/bastion")]
    List(StackArgs),
    /// Show one resource of the state.
    #[command(
        after_help = "Examples:\n  skyplan state show subnet.public-a specs/bastion\n  skyplan state show 'instance.app[1]'"
    )]
    Show {
        /// The resource's address: `kind.name`, or `kind.name[i]` for a copy made by `count`.
        address: String,
        #[command(flatten)]
        at: StackArgs,
    },
    /// Forget resources (their simulated objects are not deleted).
    #[command(
        after_help = "Examples:\n  skyplan state rm volume.db-data specs/bastion\n  skyplan state rm 'instance.app[0]' 'instance.app[1]' --state specs/bastion/skyplan.state.json\n\nThe forgotten objects still exist, outside skyplan: their ids and addresses are never\ngiven to another object. The next plan creates a resource again (a new object) if the\nstack still declares it, and replaces or updates what uses it."
    )]
    Rm {
        /// The resources' addresses (`kind.name`, or `kind.name[i]` for a copy made by `count`), then optionally the stack.
        #[arg(required = true, value_name = "ADDRESS... [STACK]")]
        words: Vec<String>,
        /// The state file (default: skyplan.state.json in the stack's directory).
        #[arg(long)]
        state: Option<PathBuf>,
    },
    /// Move an object to another address (a rename): it keeps its id, and
    /// every reference to it follows. Nothing is destroyed or created.
    #[command(after_help = "Examples:
  skyplan state mv subnet.app subnet.app-a specs/bastion
  skyplan state mv instance.web instance.api      # every copy of a counted instance

Rename the resource in the spec too, or the next plan destroys the object at the new address
and creates it again at the old one. A `moved:` entry in the spec does the same in review:
`moved: [{from: subnet.app, to: subnet.app-a}]`.")]
    Mv {
        /// The address the state has the object at.
        from: String,
        /// The address to move it to (of the same kind, not in the state).
        to: String,
        #[command(flatten)]
        at: StackArgs,
    },
}

#[derive(Args, Debug)]
pub struct OutputArgs {
    #[command(flatten)]
    pub at: StackArgs,

    /// Print them as JSON: `{"NAME": {"value": ..., "description": ...}}`.
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct ReachArgs {
    #[command(flatten)]
    pub at: StackArgs,

    /// Where the traffic starts.
    #[arg(long)]
    pub from: String,

    /// Where it goes.
    #[arg(long)]
    pub to: String,

    /// The destination port (not for icmp).
    #[arg(long, value_parser = clap::value_parser!(u16))]
    pub port: Option<u16>,

    /// tcp, udp or icmp (echo request).
    #[arg(long, default_value = "tcp")]
    pub protocol: String,

    #[arg(long, value_enum, default_value_t = ReachFormat::Text)]
    pub format: ReachFormat,
}

#[derive(Args, Debug)]
pub struct ExposureArgs {
    #[command(flatten)]
    pub at: StackArgs,

    #[arg(long, value_enum, default_value_t = ReachFormat::Text)]
    pub format: ReachFormat,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReachFormat {
    Text,
    Json,
}

#[derive(Args, Debug)]
pub struct GraphArgs {
    /// The stack: a directory, or a spec file meaning its directory (default: the current directory).
    pub stack: Option<PathBuf>,

    #[arg(long, value_enum, default_value_t = GraphFormat::Dot)]
    pub format: GraphFormat,
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    /// The stack: a directory, or a spec file meaning its directory (default: the current directory).
    pub stack: Option<PathBuf>,

    #[arg(long, value_enum)]
    pub format: ExportFormat,

    /// Write to this file (atomically) instead of standard output.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// The snapshot: a directory of describe-* outputs of one region (scripts/snapshot.sh).
    pub snapshot: PathBuf,

    /// The new stack's directory; it must not exist.
    #[arg(long)]
    pub out: PathBuf,

    /// The region, when no subnet or volume of the snapshot says it.
    #[arg(long)]
    pub region: Option<String>,

    /// Import the region's default VPCs (and what is in them) too.
    #[arg(long)]
    pub default_vpcs: bool,
}

#[derive(Args, Debug)]
pub struct ExplainArgs {
    /// A rule code (`SN003`) or name (`subnet-overlap`).
    #[arg(required_unless_present_any = ["all", "facts"])]
    pub code: Option<String>,

    /// List every rule.
    #[arg(long, conflicts_with = "facts")]
    pub all: bool,

    /// Show the AWS facts and limits built into this skyplan: where each
    /// table comes from and when it was taken or checked.
    #[arg(long)]
    pub facts: bool,
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
pub enum ExportFormat {
    /// One CloudFormation template (YAML).
    Cloudformation,
    /// Terraform configuration for the hashicorp/aws provider (`.tf`).
    Terraform,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}
