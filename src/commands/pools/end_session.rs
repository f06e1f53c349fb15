//! `wsfleet pools end-session`

use crate::api::pools::end_pool_session;
use crate::cli::ConfirmArgs;
use crate::context::Context;
use crate::error::Result;
use crate::prompt;
use crate::validate::printable;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet pools end-session 0f8b6a2e-5d1c-4c3e-9a7b-1e2d3c4b5a69 --dry-run
  wsfleet pools end-session 0f8b6a2e-5d1c-4c3e-9a7b-1e2d3c4b5a69 --yes";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The session to end (its SessionId, from `pools sessions`)
    #[arg(value_name = "SESSION_ID", value_parser = session_id)]
    pub session: String,

    #[command(flatten)]
    pub confirm: ConfirmArgs,
}

/// AmazonUuid: lowercase hex in 8-4-4-4-12.
fn session_id(text: &str) -> std::result::Result<String, String> {
    let groups: Vec<&str> = text.split('-').collect();
    let ok = groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups.iter().all(|g| {
            g.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        });
    if ok {
        Ok(text.to_owned())
    } else {
        Err(format!(
            "'{}' is not a session ID: lowercase hex in 8-4-4-4-12 groups",
            printable(text)
        ))
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn session_ids_are_lowercase_uuids() {
        assert!(session_id("0f8b6a2e-5d1c-4c3e-9a7b-1e2d3c4b5a69").is_ok());
        assert!(session_id("0F8B6A2E-5D1C-4C3E-9A7B-1E2D3C4B5A69").is_err());
        assert!(session_id("not-a-uuid").is_err());
    }
}
