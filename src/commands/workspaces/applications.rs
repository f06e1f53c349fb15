//! `wsfleet workspaces applications`

use aws_sdk_workspaces::types::WorkspaceResourceAssociation;

use crate::api::workspaces::workspace_associations;
use crate::context::Context;
use crate::error::Result;
use crate::output::{Format, ListWriter, Selection, View};
use crate::resources::WorkspaceId;

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
    let selection = Selection::<WorkspaceResourceAssociation>::resolve(
        ctx.output.columns.as_deref(),
        View::List { details: false },
        ctx.output.format == Format::Table,
    )?;
    let client = ctx.workspaces().await?;
    let associations = workspace_associations(&client, &args.id).await?;
    write_list(ctx, &selection, &associations, "no applications associated")
}

/// Writes a list the API returned whole (no pages), with a note when empty.
pub fn write_list<T>(
    ctx: &Context,
    selection: &Selection<T>,
    items: &[T],
    none_found: &str,
) -> Result<()> {
    let mut writer = ListWriter::new(selection, &ctx.output, ctx.stdout())?;
    for item in items {
        writer.write(item)?;
    }
    if writer.finish()? == 0 && ctx.output.format == Format::Table {
        ctx.note(none_found);
    }
    Ok(())
}
