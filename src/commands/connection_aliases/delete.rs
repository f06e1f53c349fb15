//! `wsfleet connection-aliases delete`

use super::change_each;
use crate::api::connection_aliases::delete_connection_alias;
use crate::commands::plan::RemoveArgs;
use crate::context::Context;
use crate::error::Result;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet connection-aliases delete wsca-abcdefgh1 --dry-run
  wsfleet connection-aliases delete wsca-abcdefgh1 wsca-abcdefgh2 --yes";

pub type Args = RemoveArgs;

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    change_each(ctx, &args, "delete", |client, id| async move {
        delete_connection_alias(&client, &id).await
    })
    .await
}
