//! `wsfleet pools end-session`

use crate::api::pools::end_pool_session;
use crate::cli::ConfirmArgs;
use crate::context::Context;
use crate::error::Result;
use crate::prompt;
use crate::validate::amazon_uuid;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet pools end-session 0f8b6a2e-5d1c-4c3e-9a7b-1e2d3c4b5a69 --dry-run
  wsfleet pools end-session 0f8b6a2e-5d1c-4c3e-9a7b-1e2d3c4b5a69 --yes";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The session to end (its SessionId, from `pools sessions`)
    #[arg(value_name = "SESSION_ID", value_parser = amazon_uuid)]
    pub session: String,

    #[command(flatten)]
    pub confirm: ConfirmArgs,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let prompter = prompt::for_run(&ctx.printer, &args.confirm, "end")?;
    if args.confirm.dry_run() {
        ctx.printer.note(format!(
            "dry run: would end the session {}; nothing was changed",
            args.session
        ));
        return Ok(());
    }
    ctx.printer.note(format!(
        "Ending the session {} signs its user out; unsaved work is lost.",
        args.session
    ));
    prompt::require_confirmation(&*prompter, "end", 1)?;
    let client = ctx.workspaces().await?;
    end_pool_session(&client, &args.session).await?;
    ctx.printer
        .note(format!("ended the session {}", args.session));
    Ok(())
}
