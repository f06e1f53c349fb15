//! `wsfleet pools sessions`

use aws_sdk_workspaces::types::WorkspacesPoolSession;

use crate::api::pools::pool_sessions;
use crate::context::Context;
use crate::error::{AppError, Result};
use crate::output::View;
use crate::resources::PoolId;
use crate::scope::{self, Service};
use crate::validate::printable;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet pools sessions wspool-abcdefgh1
  wsfleet pools sessions wspool-abcdefgh1 --user agent01@example.com -o json";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The pool whose sessions to list
    #[arg(value_name = "POOL_ID")]
    pub pool: PoolId,

    /// Only this user's sessions (sent to the API)
    #[arg(long, value_name = "USER_ID")]
    pub user: Option<String>,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    if let Some(user) = &args.user
        && !(2..=128).contains(&user.chars().count())
    {
        return Err(AppError::usage(format!(
            "invalid --user '{}': 2 to 128 characters",
            printable(user)
        )));
    }
    let writer = ctx
        .printer
        .list::<WorkspacesPoolSession>(View::List { details: false })?;
    let (pool, user) = (args.pool.to_string(), args.user);
    scope::list(
        ctx,
        Service::WorkSpaces,
        writer,
        |session| pool_sessions(session.workspaces(), &pool, user.clone()),
        "pool sessions",
    )
    .await
}
