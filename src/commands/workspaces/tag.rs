//! `wsfleet workspaces tag|untag`: the group-wide tag verbs, over WorkSpaces
//! named or selected by the `list` filters (`--state`, `--directory`, a
//! `--tag` already carried, `--not-connected-for`, ...).

use super::WorkspaceFilterArgs;
use crate::commands::tagging::{self, Selector};
use crate::context::Context;
use crate::error::Result;
use crate::resources::WORKSPACES;

#[derive(Debug, clap::Args)]
pub struct SelectedTagArgs {
    #[command(flatten)]
    pub tag: tagging::TagArgs,

    #[command(flatten)]
    pub filters: WorkspaceFilterArgs,
}

#[derive(Debug, clap::Args)]
pub struct SelectedUntagArgs {
    #[command(flatten)]
    pub untag: tagging::UntagArgs,

    #[command(flatten)]
    pub filters: WorkspaceFilterArgs,
}

pub async fn tag(args: SelectedTagArgs, ctx: &Context) -> Result<()> {
    args.filters.check()?;
    let select = selector(&args.filters, ctx, args.tag.bulk.concurrency.get());
    tagging::tag_selected(args.tag, &WORKSPACES, ctx, select).await
}

pub async fn untag(args: SelectedUntagArgs, ctx: &Context) -> Result<()> {
    args.filters.check()?;
    let select = selector(&args.filters, ctx, args.untag.bulk.concurrency.get());
    tagging::untag_selected(args.untag, &WORKSPACES, ctx, select).await
}

/// With a filter given, the WorkSpaces it selects (narrowing `--ids-from`'s
/// when both are given); without one, the verb's own targets.
fn selector<'a>(
    filters: &'a WorkspaceFilterArgs,
    ctx: &'a Context,
    concurrency: usize,
) -> Option<Selector<'a>> {
    if filters.is_empty() {
        return None;
    }
    Some(Box::new(move |named| {
        Box::pin(async move {
            let client = ctx.workspaces().await?;
            filters.select(&client, named, concurrency).await
        })
    }))
}
