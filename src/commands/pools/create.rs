//! `wsfleet pools create`

use aws_sdk_workspaces::types::WorkspacesPool;

use super::settings::SettingsArgs;
use super::settle::{Settled, settled};
use crate::api::pools::create_pool;
use crate::api::workspaces::tags;
use crate::cli::ChangeArgs;
use crate::commands::waiting::WaitArgs;
use crate::context::Context;
use crate::error::{AppError, Result};
use crate::validate::printable;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet pools create --name call-centre --description 'Call centre' \\
    --bundle wsb-abcdefgh1 --directory wsd-abcdefgh1 --desired-sessions 20
  wsfleet pools create --name lab --description Lab --bundle wsb-abcdefgh1 \\
    --directory wsd-abcdefgh1 --desired-sessions 5 --max-user-duration 8h --dry-run";

#[derive(Debug, clap::Args)]
#[command(
    mut_arg("description", |arg| arg.required(true)),
    mut_arg("bundle", |arg| arg.required(true)),
    mut_arg("directory", |arg| arg.required(true)),
    mut_arg("desired_sessions", |arg| arg.required(true)),
)]
pub struct Args {
    /// Name of the pool (a letter or digit, then up to 63 letters, digits or _ . -)
    #[arg(long)]
    pub name: String,

    #[command(flatten)]
    pub settings: SettingsArgs,

    /// A tag for the new pool (repeatable)
    #[arg(long = "tag", value_name = "KEY=VALUE")]
    pub tags: Vec<String>,

    #[command(flatten)]
    pub wait: WaitArgs,

    #[command(flatten)]
    pub change: ChangeArgs,
}

/// WorkspacesPoolName: `^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$`.
fn check_name(name: &str) -> Result<()> {
    let mut bytes = name.bytes();
    let ok = bytes.next().is_some_and(|b| b.is_ascii_alphanumeric())
        && name.len() <= 64
        && bytes.all(|b| b.is_ascii_alphanumeric() || b"_.-".contains(&b));
    if ok {
        Ok(())
    } else {
        Err(AppError::usage(format!(
            "invalid --name '{}': a letter or digit, then up to 63 letters, digits or _ . -",
            printable(name)
        )))
    }
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    check_name(&args.name)?;
    let settings = args.settings.to_settings()?;
    let pairs = args
        .tags
        .iter()
        .map(|t| crate::tags::pair(t, crate::tags::TagRules::WorkSpaces))
        .collect::<Result<Vec<_>>>()?;
    let tags = tags(&pairs)?;
    if args.change.dry_run {
        ctx.printer.note(format!(
            "dry run: would create the pool '{}'; nothing was changed",
            args.name
        ));
        return Ok(());
    }
    let writer = ctx.printer.one::<WorkspacesPool>()?;
    let client = ctx.workspaces().await?;
    let pool = create_pool(&client, &args.name, &settings, tags).await?;
    let pool = settled(ctx, client, pool, Settled::Steady, &args.wait).await?;
    writer.write(&pool)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_api_pattern() {
        assert!(check_name("call-centre.eu_1").is_ok());
        assert!(check_name("-leading").is_err());
        assert!(check_name("").is_err());
        assert!(check_name(&"a".repeat(65)).is_err());
    }
}
