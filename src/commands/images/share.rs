//! `wsfleet images share` and `wsfleet images unshare`

use crate::api::image_path::set_image_permission;
use crate::cli::ChangeArgs;
use crate::context::Context;
use crate::error::{AppError, Result};
use crate::resources::ImageId;

pub const SHARE_EXAMPLES: &str = "\
Examples:
  wsfleet images share wsi-abcdefgh1 --account 210987654321
  wsfleet images share wsi-abcdefgh1 --account 210987654321,345678901234 --dry-run";

pub const UNSHARE_EXAMPLES: &str = "\
Examples:
  wsfleet images unshare wsi-abcdefgh1 --account 210987654321";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The image (one of the account's, AVAILABLE, in the command's region)
    #[arg(value_name = "IMAGE_ID")]
    pub id: ImageId,

    /// An AWS account ID, 12 digits (repeatable or comma-separated)
    #[arg(long, required = true, value_delimiter = ',', value_name = "ACCOUNT_ID", value_parser = account_id)]
    pub account: Vec<String>,

    #[command(flatten)]
    pub change: ChangeArgs,
}

/// The API's AwsAccount: `^\d{12}$`.
fn account_id(text: &str) -> std::result::Result<String, String> {
    if text.len() == 12 && text.bytes().all(|b| b.is_ascii_digit()) {
        Ok(text.to_owned())
    } else {
        Err("an AWS account ID is 12 digits".to_owned())
    }
}

/// Shares (`allow`) or stops sharing the image with each account, in turn.
pub async fn run(args: Args, allow: bool, ctx: &Context) -> Result<()> {
    let (verb, done) = if allow {
        ("share", "shared with")
    } else {
        ("unshare", "no longer shared with")
    };
    let accounts = args.account.join(", ");
    if args.change.dry_run {
        ctx.printer.note(format!(
            "dry run: would {verb} {} with {accounts}; nothing was changed",
            args.id
        ));
        return Ok(());
    }
    let client = ctx.workspaces().await?;
    let mut failures = 0;
    for account in &args.account {
        match set_image_permission(&client, &args.id, account, allow).await {
            Ok(()) => ctx.printer.note(format!("{} {done} {account}", args.id)),
            Err(err) => {
                failures += 1;
                ctx.printer.report(&err, Some(account));
            }
        }
    }
    if failures > 0 {
        return Err(AppError::Failed(format!(
            "{failures} of {} accounts failed",
            args.account.len()
        )));
    }
    Ok(())
}
