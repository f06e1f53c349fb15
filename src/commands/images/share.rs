//! `wsfleet images share` and `wsfleet images unshare`

use crate::api::image_path::set_image_permission;
use crate::cli::ChangeArgs;
use crate::commands::plan::{Sharing, share_each};
use crate::context::Context;
use crate::error::Result;
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
    let sharing = Sharing {
        resource: &args.id,
        accounts: &args.account,
        allow,
        dry_run: args.change.dry_run,
    };
    let image_id = &args.id;
    share_each(ctx, sharing, |client, account| async move {
        set_image_permission(&client, image_id, &account, allow).await
    })
    .await
}
