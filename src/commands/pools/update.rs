//! `wsfleet pools update`

use aws_sdk_workspaces::types::WorkspacesPool;

use super::settings::SettingsArgs;
use super::settle::{Settled, settled};
use std::time::Duration;

use crate::api::pools::{PoolSettings, get_pool, update_pool};
use crate::bulk::plan::{Plan, Planned};
use crate::cli::ChangeArgs;
use crate::commands::plan::{confirm_one, one_place};
use crate::commands::waiting::WaitArgs;
use crate::context::Context;
use crate::duration;
use crate::error::{AppError, Result};
use crate::resources::PoolId;
use crate::scope::{PlaceId, Service};

pub const EXAMPLES: &str = "\
Examples:
  wsfleet pools update wspool-abcdefgh1 --desired-sessions 40 --wait
  wsfleet pools update wspool-abcdefgh1 --idle-disconnect-timeout 15m --dry-run";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The pool to change
    #[arg(value_name = "POOL_ID")]
    pub id: PoolId,

    #[command(flatten)]
    pub settings: SettingsArgs,

    #[command(flatten)]
    pub wait: WaitArgs,

    #[command(flatten)]
    pub change: ChangeArgs,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    if args.settings.is_empty() {
        return Err(AppError::usage(
            "name something to change: --desired-sessions, --description, a timeout, ...",
        ));
    }
    let settings = args.settings.to_settings()?;
    let writer = ctx.printer.one::<WorkspacesPool>()?;
    let id = args.id.to_string();
    let places = one_place(ctx, Service::WorkSpaces, &id).await?;
    let client = places.workspaces(PlaceId(0));
    let pool = get_pool(client, &id).await?;
    let plan = Plan::new("update", vec![planned(pool, &settings)]);
    if !confirm_one(ctx, &args.change.into(), None, &places, &plan).await? {
        return Ok(());
    }
    let pool = update_pool(client, &id, &settings).await?;
    let pool = settled(ctx, client.clone(), pool, Settled::Steady, &args.wait).await?;
    writer.write(&pool)
}

/// The pool as the plan updates it: each setting given, before → after;
/// left out when it changes nothing, or when the pool's state makes the
/// service refuse it.
fn planned(pool: WorkspacesPool, settings: &PoolSettings) -> Planned<WorkspacesPool> {
    let seconds = |s: Option<i32>| {
        s.and_then(|s| u64::try_from(s).ok())
            .map(|s| duration::compact(Duration::from_secs(s)))
    };
    let timeouts_now = pool.timeout_settings();
    let timeouts = settings.timeouts.as_ref();
    let application_now = pool.application_settings();
    let state = pool.state().as_str().to_owned();
    let mut row = Planned::found(PlaceId(0), pool.pool_id(), pool.clone());
    row.change(
        "description",
        pool.description(),
        settings.description.as_deref(),
    )
    .change(
        "bundle",
        Some(pool.bundle_id()),
        settings.bundle_id.as_deref(),
    )
    .change(
        "directory",
        Some(pool.directory_id()),
        settings.directory_id.as_deref(),
    )
    .change(
        "desired sessions",
        pool.capacity_status().map(|c| c.desired_user_sessions()),
        settings.desired_user_sessions,
    )
    .change(
        "application settings",
        application_now.map(|a| a.status().as_str()),
        settings
            .application_settings
            .as_ref()
            .map(|(s, _)| s.as_str()),
    )
    .change(
        "settings group",
        application_now.and_then(|a| a.settings_group()),
        settings
            .application_settings
            .as_ref()
            .and_then(|(_, group)| group.as_deref()),
    )
    .change(
        "disconnect timeout",
        seconds(timeouts_now.and_then(|t| t.disconnect_timeout_in_seconds())),
        seconds(timeouts.and_then(|t| t.disconnect_timeout_in_seconds())),
    )
    .change(
        "idle disconnect timeout",
        seconds(timeouts_now.and_then(|t| t.idle_disconnect_timeout_in_seconds())),
        seconds(timeouts.and_then(|t| t.idle_disconnect_timeout_in_seconds())),
    )
    .change(
        "max user duration",
        seconds(timeouts_now.and_then(|t| t.max_user_duration_in_seconds())),
        seconds(timeouts.and_then(|t| t.max_user_duration_in_seconds())),
    )
    .change(
        "running mode",
        Some(pool.running_mode().as_str()),
        settings.running_mode.as_ref().map(|m| m.as_str()),
    )
    .settle_unchanged()
    .needs_state(Some(&state), "update", &["RUNNING", "STOPPED"]);
    // The service changes these only on a stopped pool.
    let only_stopped = ["bundle", "directory", "running mode"];
    if let Some(change) = row.changes.iter().find(|c| only_stopped.contains(&c.field)) {
        let action = format!("changing its {}", change.field);
        row.needs_state(Some(&state), &action, &["STOPPED"]);
    }
    row
}
