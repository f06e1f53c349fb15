//! The command line: global options and the command groups. Parsing only;
//! what a command does lives in `commands/`.

use clap::{ArgAction, Args, Parser, Subcommand, ValueEnum};

use crate::commands::applications::ApplicationsCommand;
use crate::commands::devices::DevicesCommand;
use crate::commands::environments::EnvironmentsCommand;
use crate::commands::images::ImagesCommand;
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

#[derive(Debug, Args)]
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

    /// Send requests exactly to this URL (also AWS_ENDPOINT_URL,
    /// AWS_ENDPOINT_URL_WORKSPACES, AWS_ENDPOINT_URL_WORKSPACES_THIN_CLIENT)
    #[arg(long, global = true, value_name = "URL")]
    pub endpoint_url: Option<String>,

    /// Output format
    #[arg(
        short = 'o',
        long,
        global = true,
        env = "WSFLEET_OUTPUT",
        value_enum,
        default_value_t = Format::Table,
        ignore_case = true
    )]
    pub output: Format,

    /// Choose and order columns (API names, dotted for nested: maintenanceWindow.type)
    #[arg(long, global = true, value_delimiter = ',', value_name = "A,B,C")]
    pub columns: Option<Vec<String>>,

    /// Table and CSV without the header row
    #[arg(long, global = true)]
    pub no_headers: bool,

    /// CSV: keep cells that start like a spreadsheet formula as they are
    #[arg(long, global = true)]
    pub csv_raw: bool,

    /// Answer yes to confirmations (required when not running interactively)
    #[arg(short = 'y', long, global = true)]
    pub yes: bool,

    /// Mutating verbs: print the plan, change nothing
    #[arg(long, global = true)]
    pub dry_run: bool,

    /// Parallel requests for bulk work and per-item details
    #[arg(long, global = true, default_value_t = 8, value_name = "N",
          value_parser = clap::value_parser!(u16).range(1..=256))]
    pub concurrency: u16,

    /// Colour
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Less on stderr: no notes or progress
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// More on stderr; -vv traces SDK requests (secrets redacted)
    #[arg(short, long, global = true, action = ArgAction::Count)]
    pub verbose: u8,

    /// Bulk verbs: record each target's outcome in FILE as it happens
    /// (default: a file under the user's state directory)
    #[arg(long, global = true, value_name = "FILE")]
    pub journal: Option<std::path::PathBuf>,

    /// Bulk verbs: finish the run journaled in FILE, skipping what it did
    #[arg(long, global = true, value_name = "FILE")]
    pub resume: Option<std::path::PathBuf>,

    /// Give up on an API call (retries included) after this many seconds
    #[arg(long, global = true, env = "WSFLEET_TIMEOUT", default_value_t = 30,
          value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub timeout: u64,

    /// Give up connecting to the endpoint after this many seconds
    #[arg(long, global = true, default_value_t = 5, value_name = "SECONDS",
          value_parser = clap::value_parser!(u64).range(1..=600))]
    pub connect_timeout: u64,

    /// Run against the built-in local emulator (state kept between commands)
    #[arg(long, global = true, env = "WSFLEET_SANDBOX",
          value_parser = clap::builder::BoolishValueParser::new(), action = ArgAction::SetTrue)]
    pub sandbox: bool,
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
    #[command(subcommand)]
    Devices(DevicesCommand),
    /// WorkSpaces Thin Client environments
    #[command(subcommand)]
    Environments(EnvironmentsCommand),
    /// WorkSpaces Thin Client software sets
    #[command(subcommand)]
    SoftwareSets(SoftwareSetsCommand),
    /// Amazon WorkSpaces: list, create, modify, start, stop, reboot, rebuild, terminate
    #[command(subcommand)]
    Workspaces(WorkspacesCommand),
    /// WorkSpaces applications and their associations
    #[command(subcommand)]
    Applications(ApplicationsCommand),
    /// WorkSpace images
    #[command(subcommand)]
    Images(ImagesCommand),
    /// One fleet summary, across regions and accounts
    #[command(after_long_help = crate::commands::report::EXAMPLES)]
    Report(crate::commands::report::Args),
    /// A complete inventory (details and tags) to JSON and CSV files
    #[command(after_long_help = crate::commands::export::EXAMPLES)]
    Export(crate::commands::export::Args),
    /// The local emulator of both services (no AWS account needed)
    #[command(subcommand)]
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
}
