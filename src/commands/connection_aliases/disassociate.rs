//! `wsfleet connection-aliases disassociate`: users registered with the
//! alias can no longer reach the directory through it, so it asks first.

use super::change_each;
use crate::api::connection_aliases::disassociate_connection_alias;
use crate::commands::plan::RemoveArgs;
use crate::context::Context;
use crate::error::Result;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet connection-aliases disassociate wsca-abcdefgh1 --dry-run
  wsfleet connection-aliases list --directory d-1234567890 -o json \\
    | wsfleet connection-aliases disassociate --ids-from - --yes";

pub type Args = RemoveArgs;

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    change_each(ctx, &args, "disassociate", |client, id| async move {
        disassociate_connection_alias(&client, &id).await
    })
    .await
}
