//! `wsfleet account-links list`

use aws_sdk_workspaces::types::{AccountLink, AccountLinkStatusEnum};

use crate::api::account_links::account_links;
use crate::context::Context;
use crate::enum_arg::api_enum;
use crate::error::Result;
use crate::output::View;
use crate::scope::{self, Service};

api_enum!(
    /// An account link's status.
    LinkStatusArg,
    AccountLinkStatusEnum
);

pub const EXAMPLES: &str = "\
Examples:
  wsfleet account-links list
  wsfleet account-links list --status linked,rejected -o json";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only links in these statuses (sent to the API)
    #[arg(long, value_delimiter = ',', value_name = "STATUS,...")]
    pub status: Vec<LinkStatusArg>,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let statuses: Vec<AccountLinkStatusEnum> =
        args.status.into_iter().map(LinkStatusArg::to_sdk).collect();
    let writer = ctx
        .printer
        .list::<AccountLink>(View::List { details: false })?;
    scope::list(
        ctx,
        Service::WorkSpaces,
        writer,
        |session| account_links(session.workspaces(), statuses.clone()),
        "account links",
    )
    .await
}
