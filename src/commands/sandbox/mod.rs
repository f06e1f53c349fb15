//! `wsfleet sandbox`: the local emulator of both services.

pub mod reset;
pub mod serve;

use std::path::PathBuf;
use std::time::Duration;

use clap::Subcommand;

use crate::context::Context;
use crate::error::{AppError, Result};

/// The end of `wsfleet sandbox --help`.
pub const EXAMPLES: &str = "\
Examples:
  wsfleet sandbox serve --devices 1000
  wsfleet sandbox serve --port 4566 --latency 10 --fail-rate 0.05
  wsfleet sandbox reset --devices 200 --workspaces 50";

#[derive(Debug, Subcommand)]
pub enum SandboxCommand {
    /// Run the emulator in the foreground for any AWS client
    #[command(after_long_help = serve::EXAMPLES)]
    Serve(serve::Args),
    /// Restore the --sandbox state to the seeded fleet
    Reset(reset::Args),
}

pub async fn run(command: SandboxCommand, ctx: &Context) -> Result<()> {
    match command {
        SandboxCommand::Serve(args) => serve::run(args, ctx).await,
        SandboxCommand::Reset(args) => reset::run(args, ctx).await,
    }
}

/// The fleet's shape, shared by `serve`, `reset` and `--sandbox`.
#[derive(Debug, Clone, clap::Args)]
pub struct FleetArgs {
    /// Thin Client devices in the seeded fleet
    #[arg(long, default_value_t = 60, value_name = "N")]
    pub devices: usize,
    /// WorkSpaces in the seeded fleet
    #[arg(long, default_value_t = 40, value_name = "N")]
    pub workspaces: usize,
    /// Spread the WorkSpaces evenly over N directories (more seeded as needed)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1000))]
    pub directories: Option<u16>,
    /// Seed of the fleet generator (same seed, same fleet)
    #[arg(long, default_value_t = 42, value_name = "N")]
    pub seed: u64,
}

impl FleetArgs {
    pub fn config(&self) -> wsfleet_sandbox::Config {
        wsfleet_sandbox::Config {
            devices: self.devices,
            workspaces: self.workspaces,
            directories: self.directories.map(usize::from),
            seed: self.seed,
            ..wsfleet_sandbox::Config::default()
        }
    }
}

/// Where `--sandbox` keeps its state between commands.
pub fn state_path() -> Result<PathBuf> {
    let dir = dirs::data_dir()
        .ok_or_else(|| AppError::usage("no user data directory for the sandbox state"))?
        .join("wsfleet");
    std::fs::create_dir_all(&dir).map_err(|e| {
        AppError::usage(format!(
            "the sandbox state directory {}: {e}",
            dir.display()
        ))
    })?;
    Ok(dir.join("sandbox-state.json"))
}

/// Credentials the sandbox accepts (it checks none).
pub const SANDBOX_KEY: &str = "sandbox";
pub const SANDBOX_REGION: &str = "us-east-1";

/// `--sandbox`: an emulator in this process on an ephemeral port, with its
/// state under the user's data directory so one command's change is seen by
/// the next. The returned sandbox must be shut down to save that state.
pub async fn start_embedded(ctx: &mut Context) -> Result<wsfleet_sandbox::Sandbox> {
    let config = wsfleet_sandbox::Config {
        state_file: Some(state_path()?),
        // Parallel `--sandbox` commands share the file: none loses another's change.
        shared_state_file: true,
        transition: Duration::from_secs(2),
        ..wsfleet_sandbox::Config::default()
    };
    let sandbox = wsfleet_sandbox::Sandbox::start(config).await.map_err(|e| {
        anyhow::anyhow!(
            "could not start the sandbox: {e} (`wsfleet sandbox reset` starts it afresh)"
        )
    })?;
    ctx.session_options.endpoint_url = Some(sandbox.endpoint());
    ctx.session_options.static_credentials = Some((SANDBOX_KEY.to_owned(), SANDBOX_KEY.to_owned()));
    ctx.session_options
        .region
        .get_or_insert_with(|| SANDBOX_REGION.to_owned());
    Ok(sandbox)
}
