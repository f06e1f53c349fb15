//! `wsfleet account modifications`

use aws_sdk_workspaces::types::AccountModification;

use crate::api::account::account_modifications;
use crate::context::Context;
use crate::error::Result;
use crate::output::View;
use crate::scope::{self, Service};

pub const EXAMPLES: &str = "\
Examples:
  wsfleet account modifications
  wsfleet account modifications -o json | jq '.[] | select(.ModificationState == \"FAILED\")'";

#[derive(Debug, clap::Args)]
pub struct Args {}

pub async fn run(_: Args, ctx: &Context) -> Result<()> {
    let writer = ctx
        .printer
        .list::<AccountModification>(View::List { details: false })?;
    scope::list(
        ctx,
        Service::WorkSpaces,
        writer,
        |session| account_modifications(session.workspaces()),
        "account modifications",
    )
    .await
}
