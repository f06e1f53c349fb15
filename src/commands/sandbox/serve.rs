//! `wsfleet sandbox serve`

use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use super::{FleetArgs, SANDBOX_KEY, SANDBOX_REGION};
use crate::context::Context;
use crate::error::{AppError, Result};

pub const EXAMPLES: &str = "\
Examples:
  wsfleet sandbox serve
  wsfleet sandbox serve --port 4566 > sandbox.env &   # in the background
  . ./sandbox.env   # once it has started: the exports it printed, in this shell
  wsfleet sandbox serve --devices 100000 --latency 10 --rate-limit 50
  wsfleet sandbox serve --accounts 100 --member-fleet 10 --refuse-account 100000000007
  aws workspaces-thin-client list-devices   # after the exports, with the AWS CLI";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Port on 127.0.0.1 (0 picks a free one)
    #[arg(long, default_value_t = 4566)]
    pub port: u16,

    #[command(flatten)]
    pub fleet: FleetArgs,

    /// Keep the state in FILE: loaded at start, saved after changes and at exit
    #[arg(long, value_name = "FILE")]
    pub state: Option<PathBuf>,

    /// Milliseconds added to every request
    #[arg(long, default_value_t = 0, value_name = "MS")]
    pub latency: u64,

    /// Requests a second allowed; beyond it, ThrottlingException with Retry-After
    #[arg(long, value_name = "RPS")]
    pub rate_limit: Option<f64>,

    /// Probability (0 to 1) that a request fails with an injected 500
    #[arg(long, default_value_t = 0.0, value_name = "P")]
    pub fail_rate: f64,

    /// Append one JSON line a request (operation, status) to FILE
    #[arg(long, value_name = "FILE")]
    pub log: Option<PathBuf>,

    /// Member accounts of the sandbox's organization (ListAccounts), each
    /// reached through --assume-role
    #[arg(long = "accounts", default_value_t = 3, value_name = "N",
          value_parser = clap::value_parser!(u16).range(0..=10000))]
    pub member_accounts: u16,

    /// WorkSpaces, and Thin Client devices, in each region of each member account
    #[arg(long, default_value_t = 4, value_name = "N",
          value_parser = clap::value_parser!(u16).range(0..=10000))]
    pub member_fleet: u16,

    /// An account whose role refuses AssumeRole (AccessDenied); repeat, or comma-separate
    #[arg(long, value_name = "ID", value_delimiter = ',',
          value_parser = crate::scope::assume::account)]
    pub refuse_account: Vec<String>,

    /// Milliseconds a transitional state (DEREGISTERING, PENDING, ...) lasts
    #[arg(long, default_value_t = 2000, value_name = "MS")]
    pub transition: u64,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    if !(0.0..=1.0).contains(&args.fail_rate) {
        return Err(AppError::usage(format!(
            "invalid --fail-rate {}: expected a probability from 0 to 1",
            args.fail_rate
        )));
    }
    if args.rate_limit.is_some_and(|r| !(r > 0.0 && r.is_finite())) {
        return Err(AppError::usage(
            "invalid --rate-limit: expected requests a second above 0",
        ));
    }
    let config = wsfleet_sandbox::Config {
        port: args.port,
        state_file: args.state,
        latency: Duration::from_millis(args.latency),
        rate_limit: args.rate_limit,
        fail_rate: args.fail_rate,
        log_file: args.log,
        transition: Duration::from_millis(args.transition),
        member_accounts: usize::from(args.member_accounts),
        member_fleet: usize::from(args.member_fleet),
        refusing_accounts: args.refuse_account,
        ..args.fleet.config()
    };
    let sandbox = wsfleet_sandbox::Sandbox::start(config)
        .await
        .map_err(|e| anyhow::anyhow!("could not start the sandbox on port {}: {e}", args.port))?;
    let endpoint = sandbox.endpoint();
    {
        let mut out = ctx.printer.stdout();
        writeln!(out, "export AWS_ENDPOINT_URL={endpoint}")?;
        writeln!(out, "export AWS_REGION={SANDBOX_REGION}")?;
        writeln!(out, "export AWS_ACCESS_KEY_ID={SANDBOX_KEY}")?;
        writeln!(out, "export AWS_SECRET_ACCESS_KEY={SANDBOX_KEY}")?;
        writeln!(out, "export AWS_DISABLE_HOST_PREFIX_INJECTION=true")?;
        out.flush()?;
    }
    ctx.printer
        .note(format!("sandbox listening on {endpoint}; Ctrl-C stops it"));
    sandbox
        .run_until(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    ctx.printer.note("sandbox stopped");
    Ok(())
}
