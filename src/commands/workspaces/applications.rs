//! `wsfleet workspaces applications`

use aws_sdk_workspaces::types::WorkspaceResourceAssociation;

use crate::api::workspaces::workspace_associations;
use crate::context::Context;
use crate::error::Result;
use crate::output::{ListWriter, Out, View};
use crate::resources::WorkspaceId;
use crate::resources::names::show_names;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet workspaces applications ws-abc12345
  wsfleet workspaces applications ws-abc12345 -o json | jq '.[].State'";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The WorkSpace ID
    #[arg(value_name = "WS_ID")]
    pub id: WorkspaceId,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let writer = ctx
        .printer
        .list::<WorkspaceResourceAssociation>(View::List { details: false })?;
    let client = ctx.workspaces().await?;
    let associations = workspace_associations(&client, &args.id).await?;
    write_list(ctx, writer, &associations, "no applications associated").await
}

/// Writes a list the API returned whole (no pages), with a note when empty.
pub async fn write_list<T>(
    ctx: &Context,
    mut writer: ListWriter<'_, T, Out>,
    items: &[T],
    none_found: &str,
) -> Result<()> {
    for item in items {
        writer.write(item)?;
    }
    let session = ctx.session().await?;
    show_names(&ctx.printer, &mut writer, std::slice::from_ref(session)).await;
    ctx.printer.note_if_none(writer.finish()?, none_found);
    Ok(())
}
