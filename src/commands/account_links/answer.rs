//! What `accept`, `reject` and `delete` share: one link ID, one call that
//! answers the link as it now is; `reject` and `delete` ask first.

use aws_sdk_workspaces::types::AccountLink;

use super::link_id;
use crate::api::account_links::{LinkChange, change_link};
use crate::cli::ConfirmArgs;
use crate::context::Context;
use crate::error::Result;
use crate::prompt;

/// `accept`, which does not ask.
#[derive(Debug, clap::Args)]
pub struct AcceptArgs {
    /// The invitation's link ID
    #[arg(value_name = "LINK_ID", value_parser = link_id)]
    pub link: String,

    #[command(flatten)]
    pub change: crate::cli::ChangeArgs,
}

/// `reject` and `delete`: they ask first.
#[derive(Debug, clap::Args)]
pub struct ConfirmedArgs {
    /// The link ID
    #[arg(value_name = "LINK_ID", value_parser = link_id)]
    pub link: String,

    #[command(flatten)]
    pub confirm: ConfirmArgs,
}

fn word(change: LinkChange) -> &'static str {
    match change {
        LinkChange::Accept => "accept",
        LinkChange::Reject => "reject",
        LinkChange::Delete => "delete",
    }
}

/// `flags`: `--yes` (never set for `accept`) and `--dry-run`.
pub async fn run(
    change: LinkChange,
    link: String,
    flags: ConfirmArgs,
    ctx: &Context,
) -> Result<()> {
    let word = word(change);
    let prompter = if change == LinkChange::Accept {
        None
    } else {
        Some(prompt::for_run(&ctx.printer, &flags, word)?)
    };
    if flags.dry_run() {
        ctx.printer.note(format!(
            "dry run: would {word} the account link {link}; nothing was changed"
        ));
        return Ok(());
    }
    if let Some(prompter) = &prompter {
        ctx.printer
            .note(format!("About to {word} the account link {link}."));
        prompt::require_confirmation(&**prompter, word, 1)?;
    }
    let writer = ctx.printer.one::<AccountLink>()?;
    let client = ctx.workspaces().await?;
    let link = change_link(&client, change, &link).await?;
    writer.write(&link)
}
