//! The command line: global options and the command groups. Parsing only;
//! what a command does lives in `commands/`.

use clap::{ArgAction, Args, CommandFactory, Parser, Subcommand, ValueEnum};

use crate::bulk::journal::Resume;
use crate::commands::applications::ApplicationsCommand;
use crate::commands::bundles::BundlesCommand;
use crate::commands::devices::DevicesCommand;
use crate::commands::directories::DirectoriesCommand;
use crate::commands::environments::EnvironmentsCommand;
use crate::commands::images::ImagesCommand;
use crate::commands::ip_groups::IpGroupsCommand;
use crate::commands::sandbox::SandboxCommand;
use crate::commands::software_sets::SoftwareSetsCommand;
use crate::commands::workspaces::WorkspacesCommand;
use crate::commands::{completions, generate_assets};
use crate::output::Format;

const AFTER_HELP: &str = "\
Examples:
  wsfleet --sandbox devices list            try it on the built-in emulator
  wsfleet devices list --status registered -o json
  wsfleet devices get DEVICE_ID --region eu-west-1

Exit codes: 0 success, 1 operation failed, 2 bad input (nothing sent),
3 declined at the prompt, 4 credentials/region/access denied, 130 interrupted.";

/// clap's own help layout (`{after-help}` aside), so the examples can follow
/// it as written.
const HELP_LAYOUT: &str = "\
{before-help}{about-with-newline}
{usage-heading} {usage}

{all-args}";

/// The command line as it is parsed and its help printed: every command's
/// examples (its `after_long_help`) end its help as written, never wrapped
/// by clap at the terminal's width, so each example pastes as one command
/// at any width; every argument that takes a name says so. Man pages and
/// completions read the examples where they are.
pub fn command() -> clap::Command {
    examples_as_written(crate::resources::names::say_names_taken(Cli::command()))
}

fn examples_as_written(command: clap::Command) -> clap::Command {
    let examples = command.get_after_long_help().map(ToString::to_string);
    let command = command.mut_subcommands(examples_as_written);
    match examples {
        // The template's literal text is written as it is; `{tag}` of no
        // known tag too.
        Some(examples) => command.help_template(format!("{HELP_LAYOUT}\n\n{examples}")),
        None => command,
    }
}

#[derive(Debug, Parser)]
#[command(
    name = "wsfleet",
    version,
    about = "Administer Amazon WorkSpaces and WorkSpaces Thin Client fleets",
    long_about = "Administer Amazon WorkSpaces and WorkSpaces Thin Client fleets from a terminal or a \
script: devices, environments and software sets; WorkSpaces, applications and images.\n\n\
Credentials and region are found as the AWS CLI finds them. Results print as a table, JSON, \
NDJSON or CSV; stdout carries only data.",
    after_long_help = AFTER_HELP,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

/// The options every command takes, listed after a verb's own under their
/// own heading.
#[derive(Debug, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// Named AWS profile, as the AWS CLI uses it; repeat to list several
    /// accounts at once
    #[arg(
        long,
        global = true,
        env = "AWS_PROFILE",
        value_name = "NAME",
        value_delimiter = ','
    )]
    pub profile: Vec<String>,

    /// AWS region; repeat, or `all`, to list several regions at once.
    /// Without it: AWS_REGION, then the profile's region. Only a region
    /// given here limits where a bulk verb's targets may be
    #[arg(long, global = true, value_name = "REGION", value_delimiter = ',')]
    pub region: Vec<String>,

    /// Reach each account of --account, --accounts-from or --organization
    /// through this role, assumed once a run with the base credentials: a
    /// role name, or an ARN with {account} where the account's ID goes
    #[arg(long, global = true, value_name = "ROLE", value_parser = crate::scope::assume::role)]
    pub assume_role: Option<crate::scope::assume::RoleTemplate>,

    /// An account to reach through --assume-role (12 digits); repeat, or
    /// comma-separate. Before the command group: `images share` and a few
    /// other verbs have an --account of their own
    #[arg(long = "account", value_name = "ID", value_delimiter = ',',
          value_parser = crate::scope::assume::account)]
    pub accounts: Vec<String>,

    /// Accounts to reach through --assume-role, from FILE (- for stdin):
    /// one ID a line, or the JSON, NDJSON or CSV wsfleet prints (its
    /// account or id field)
    #[arg(long, global = true, value_name = "FILE",
          value_parser = crate::scope::assume::accounts_file)]
    pub accounts_from: Option<crate::scope::assume::AccountList>,

    /// Reach every ACTIVE account of the AWS Organization (ListAccounts,
    /// with the base credentials) through --assume-role
    #[arg(long, global = true)]
    pub organization: bool,

    /// The session name of each assumed role (CloudTrail shows it)
    #[arg(long, global = true, value_name = "NAME", default_value = "wsfleet",
          value_parser = crate::scope::assume::session_name)]
    pub role_session_name: String,

    /// Send requests exactly to this URL (also AWS_ENDPOINT_URL,
    /// AWS_ENDPOINT_URL_WORKSPACES, AWS_ENDPOINT_URL_WORKSPACES_THIN_CLIENT)
    #[arg(long, global = true, value_name = "URL")]
    pub endpoint_url: Option<String>,

    /// Output format [default: table; with --query, json]
    #[arg(
        short = 'o',
        long,
        global = true,
        env = "WSFLEET_OUTPUT",
        value_enum,
        ignore_case = true
    )]
    pub output: Option<Format>,

    /// Choose and order columns (API names, dotted for nested: maintenanceWindow.type)
    #[arg(long, global = true, value_delimiter = ',', value_name = "A,B,C")]
    pub columns: Option<Vec<String>>,

    /// Table and CSV without the header row
    #[arg(long, global = true)]
    pub no_headers: bool,

    /// JMESPath over the JSON output, as the AWS CLI's --query; the result prints
    /// as JSON, or as -o table, ndjson or csv asks
    #[arg(long, global = true, value_name = "EXPR", value_parser = crate::output::query::checked)]
    pub query: Option<String>,

    /// CSV: keep cells that start like a spreadsheet formula as they are
    #[arg(long, global = true)]
    pub csv_raw: bool,

    /// Colour
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Less on stderr: no notes or progress
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// More on stderr; -vv traces SDK requests (secrets redacted)
    #[arg(short, long, global = true, action = ArgAction::Count)]
    pub verbose: u8,

    /// Give up on an API call (retries included) after this long, at most 1h
    /// (90, 90s, 10m, 2h, 30d, 2w, 1h30m)
    #[arg(long, global = true, env = "WSFLEET_TIMEOUT", default_value = "30",
          value_name = "DURATION", value_parser = crate::duration::at_most(3600))]
    pub timeout: std::time::Duration,

    /// Give up connecting to the endpoint after this long, at most 10m
    #[arg(long, global = true, default_value = "5", value_name = "DURATION",
          value_parser = crate::duration::at_most(600))]
    pub connect_timeout: std::time::Duration,

    /// Run against the built-in local emulator (state kept between commands)
    #[arg(long, global = true, env = "WSFLEET_SANDBOX",
          value_parser = clap::builder::BoolishValueParser::new(), action = ArgAction::SetTrue)]
    pub sandbox: bool,
}

/// A verb's own options go under clap's default heading, first in its
/// help, even when a group of filters with its own heading came before.
pub const OWN_OPTIONS: Option<&str> = None;

/// The help heading of the flags that select a mutating verb's targets:
/// the group's `list` filters, under the same names and meaning.
pub const FILTERS: &str = "Filters";

/// The help heading of the flags that set a value, where a verb also takes
/// filters; such a flag never takes a filter's name (`--set-name`, not `--name`).
pub const CHANGES: &str = "Changes";

/// `--dry-run`: on every verb that changes something.
#[derive(Debug, Clone, Copy, Default, Args)]
#[command(next_help_heading = OWN_OPTIONS)]
pub struct ChangeArgs {
    /// Print the plan, change nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// `--yes` (and `--dry-run`): on the verbs that ask before they change
/// anything.
#[derive(Debug, Clone, Copy, Default, Args)]
#[command(next_help_heading = OWN_OPTIONS)]
pub struct ConfirmArgs {
    /// Answer yes to the confirmation (required when not running interactively)
    #[arg(short = 'y', long)]
    pub yes: bool,

    #[command(flatten)]
    pub change: ChangeArgs,
}

impl ConfirmArgs {
    pub fn dry_run(&self) -> bool {
        self.change.dry_run
    }
}

/// A verb that changes without asking shows its plan only on `--dry-run`.
impl From<ChangeArgs> for ConfirmArgs {
    fn from(change: ChangeArgs) -> ConfirmArgs {
        ConfirmArgs { yes: false, change }
    }
}

/// `--concurrency`: on the verbs that send many requests at once (bulk
/// changes, per-item details, `report`, `export`).
#[derive(Debug, Clone, Copy, Args)]
#[command(next_help_heading = OWN_OPTIONS)]
pub struct ConcurrencyArgs {
    /// Parallel requests for bulk work and per-item details
    #[arg(long = "concurrency", default_value_t = 8, value_name = "N",
          value_parser = clap::value_parser!(u16).range(1..=256))]
    requests: u16,
}

impl ConcurrencyArgs {
    /// How many requests may be in flight at once (at least 1).
    pub fn get(&self) -> usize {
        usize::from(self.requests)
    }
}

impl Default for ConcurrencyArgs {
    fn default() -> ConcurrencyArgs {
        ConcurrencyArgs { requests: 8 }
    }
}

/// `--journal`, `--resume` and `--concurrency`: on the verbs that run the
/// bulk executor.
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = OWN_OPTIONS)]
pub struct BulkArgs {
    /// Record each target's outcome in FILE as it happens (default: a file
    /// under the user's state directory)
    #[arg(long, value_name = "FILE")]
    pub journal: Option<std::path::PathBuf>,

    /// Finish the run journaled in FILE, skipping what it did
    #[arg(long, value_name = "FILE", value_parser = resume_journal)]
    pub resume: Option<Resume>,

    #[command(flatten)]
    pub concurrency: ConcurrencyArgs,
}

/// `--resume FILE` is read as the command line is parsed, before any
/// request: a missing or foreign file is a usage error (exit 2).
fn resume_journal(path: &str) -> Result<Resume, String> {
    crate::bulk::journal::read(std::path::Path::new(path)).map_err(|err| err.to_string())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// WorkSpaces Thin Client devices
    #[command(subcommand, before_long_help = crate::report::THIN_CLIENT_END,
              after_long_help = crate::commands::devices::EXAMPLES)]
    Devices(DevicesCommand),
    /// WorkSpaces Thin Client environments
    #[command(subcommand, before_long_help = crate::report::THIN_CLIENT_END,
              after_long_help = crate::commands::environments::EXAMPLES)]
    Environments(EnvironmentsCommand),
    /// WorkSpaces Thin Client software sets
    #[command(subcommand, before_long_help = crate::report::THIN_CLIENT_END,
              after_long_help = crate::commands::software_sets::EXAMPLES)]
    SoftwareSets(SoftwareSetsCommand),
    /// Amazon WorkSpaces: list, create, modify, start, stop, reboot, rebuild, terminate
    #[command(subcommand, after_long_help = crate::commands::workspaces::EXAMPLES)]
    Workspaces(WorkspacesCommand),
    /// WorkSpaces applications and their associations
    #[command(subcommand, after_long_help = crate::commands::applications::EXAMPLES)]
    Applications(ApplicationsCommand),
    /// WorkSpace images
    #[command(subcommand, after_long_help = crate::commands::images::EXAMPLES)]
    Images(ImagesCommand),
    /// Directories registered with WorkSpaces and their settings
    #[command(subcommand, after_long_help = crate::commands::directories::EXAMPLES)]
    Directories(DirectoriesCommand),
    /// IP access control groups: the address ranges users may connect from
    #[command(subcommand, after_long_help = crate::commands::ip_groups::EXAMPLES)]
    IpGroups(IpGroupsCommand),
    /// WorkSpace bundles: Amazon's and the account's
    #[command(subcommand, after_long_help = crate::commands::bundles::EXAMPLES)]
    Bundles(BundlesCommand),
    /// WorkSpaces Pools and their user sessions
    #[command(subcommand, after_long_help = crate::commands::pools::EXAMPLES)]
    Pools(crate::commands::pools::PoolsCommand),
    /// Account links: invitations between accounts to share WorkSpaces resources
    #[command(subcommand, after_long_help = crate::commands::account_links::EXAMPLES)]
    AccountLinks(crate::commands::account_links::AccountLinksCommand),
    /// The account's dedicated tenancy (BYOL) settings and their modifications
    #[command(subcommand, after_long_help = crate::commands::account::EXAMPLES)]
    Account(crate::commands::account::AccountCommand),
    /// Client branding (the login screen), per directory and platform
    #[command(subcommand, after_long_help = crate::commands::branding::EXAMPLES)]
    Branding(crate::commands::branding::BrandingCommand),
    /// Connection aliases: FQDN registration codes for cross-Region redirection
    #[command(subcommand, after_long_help = crate::commands::connection_aliases::EXAMPLES)]
    ConnectionAliases(crate::commands::connection_aliases::ConnectionAliasesCommand),
    /// Amazon Connect client add-ins of a directory
    #[command(subcommand, after_long_help = crate::commands::connect_add_ins::EXAMPLES)]
    ConnectAddIns(crate::commands::connect_add_ins::ConnectAddInsCommand),
    /// One fleet summary, across regions and accounts
    #[command(after_long_help = crate::commands::report::EXAMPLES)]
    Report(crate::commands::report::Args),
    /// A complete inventory (details and tags) to JSON and CSV files
    #[command(after_long_help = crate::commands::export::EXAMPLES)]
    Export(crate::commands::export::Args),
    /// The local emulator of both services (no AWS account needed)
    #[command(subcommand, after_long_help = crate::commands::sandbox::EXAMPLES)]
    Sandbox(SandboxCommand),
    /// Print the shell completion script (bash, zsh, fish, powershell, elvish)
    #[command(after_long_help = completions::EXAMPLES)]
    Completions(completions::Args),
    /// Write completions/ and man/ (for maintainers)
    #[command(hide = true)]
    GenerateAssets(generate_assets::Args),
    /// Which API operation each verb reaches, and which none does yet
    #[command(hide = true)]
    Coverage(crate::commands::coverage::Args),
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn command_tree_is_consistent() {
        Cli::command().debug_assert();
    }

    /// Every command and its subcommands, depth first.
    fn every_command(command: &clap::Command) -> Vec<clap::Command> {
        let mut all = vec![command.clone()];
        for sub in command.get_subcommands() {
            all.extend(every_command(sub));
        }
        all
    }

    /// An example is pasted into a shell: at any width, clap must not wrap
    /// any of its lines, in the long help or the short.
    #[test]
    fn example_lines_are_never_wrapped() {
        for width in [40, 80, 200] {
            let mut root = command().term_width(width);
            root.build();
            for mut command in every_command(&root) {
                let Some(examples) = command.get_after_long_help().map(|h| h.to_string()) else {
                    continue;
                };
                let long = command.render_long_help().to_string();
                let short = command.render_help().to_string();
                for help in [long, short] {
                    assert!(
                        help.trim_end().ends_with(examples.trim_end()),
                        "{} at {width} columns: the examples are not as written:\n{help}",
                        command.get_name()
                    );
                }
            }
        }
    }

    #[test]
    fn every_group_ends_its_help_with_examples() {
        for group in Cli::command().get_subcommands() {
            if group.has_subcommands() {
                let examples = group.get_after_long_help().map(|h| h.to_string());
                assert!(
                    examples.is_some_and(|e| e.starts_with("Examples:\n  wsfleet ")),
                    "{} has no examples",
                    group.get_name()
                );
            }
        }
    }
}
