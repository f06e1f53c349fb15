//! `wsfleet directories deregister`: WorkSpaces can no longer be launched
//! in the directory, so it asks first.

use aws_sdk_workspaces::types::WorkspaceDirectory;

use super::described;
use crate::api::directories::deregister_directory;
use crate::commands::plan::{RemoveArgs, RemoveEach, remove_each};
use crate::context::Context;
use crate::error::Result;
use crate::resources::DIRECTORIES;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet directories deregister d-1234567890 --dry-run
  wsfleet directories deregister wsd-abcdefgh1 --yes";

pub type Args = RemoveArgs;

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let how = RemoveEach {
        action: "deregister",
        kind: &DIRECTORIES,
        id_of: WorkspaceDirectory::directory_id,
        found: |d| d.state().is_some(),
        blocked_by: None,
    };
    remove_each(
        ctx,
        (&args.targets, &args.confirm, &args.bulk),
        how,
        |client, ids| async move { described(&client, &ids).await },
        |client, id| async move { deregister_directory(&client, &id).await },
    )
    .await
}
