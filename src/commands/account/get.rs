//! `wsfleet account get`

use aws_sdk_workspaces::operation::describe_account::DescribeAccountOutput;

use crate::api::account::describe_account;
use crate::context::Context;
use crate::error::Result;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet account get
  wsfleet account get -o json | jq -r .DedicatedTenancySupport";

#[derive(Debug, clap::Args)]
pub struct Args {}

pub async fn run(_: Args, ctx: &Context) -> Result<()> {
    let writer = ctx.printer.one::<DescribeAccountOutput>()?;
    let client = ctx.workspaces().await?;
    let account = describe_account(&client).await?;
    writer.write(&account)
}
