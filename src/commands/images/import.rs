//! `wsfleet images import`

use super::{announce_and_wait, check_name_and_description};
use crate::api::image_path::{Ec2Import, import_image};
use crate::api::workspaces::tags;
use crate::cli::ChangeArgs;
use crate::commands::waiting::WaitArgs;
use crate::context::Context;
use crate::enum_arg::api_enum;
use crate::error::{AppError, Result};
use crate::validate::printable;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet images import --ec2-image ami-0123456789abcdef0 \\
    --ingestion-process byol-regular-wsp --name byol-win11 --description 'BYOL Windows 11' --wait
  wsfleet images import --ec2-image ami-0123abcd --ingestion-process byol-regular --name n \\
    --description d --application microsoft-office-2019 --dry-run";

api_enum!(
    /// How an EC2 image is brought in (WorkspaceImageIngestionProcess)
    IngestionProcessArg,
    aws_sdk_workspaces::types::WorkspaceImageIngestionProcess
);
api_enum!(
    /// An application to subscribe the image to
    ImportApplicationArg,
    aws_sdk_workspaces::types::Application
);

#[derive(Debug, clap::Args)]
#[command(mut_arg("wait_timeout", |arg| arg.default_value("2h")))]
pub struct Args {
    /// The EC2 image to import (ami- and 8 or 17 hex digits), for bring-your-own-license
    #[arg(long, value_name = "AMI_ID")]
    pub ec2_image: String,

    /// How the image is ingested: its compute family and protocol
    #[arg(long)]
    pub ingestion_process: IngestionProcessArg,

    /// Name of the image (letters, digits and _ . / ( ) -, up to 64)
    #[arg(long)]
    pub name: String,

    /// Description of the image (up to 256 characters)
    #[arg(long)]
    pub description: String,

    /// A Microsoft Office subscription for the image (repeatable, up to 5)
    #[arg(long = "application", value_delimiter = ',')]
    pub applications: Vec<ImportApplicationArg>,

    /// A tag for the image (repeatable)
    #[arg(long = "tag", value_name = "KEY=VALUE")]
    pub tags: Vec<String>,

    #[command(flatten)]
    pub wait: WaitArgs,

    #[command(flatten)]
    pub change: ChangeArgs,
}

/// The API's Ec2ImageId: `^ami\-([a-f0-9]{8}|[a-f0-9]{17})$`.
pub(super) fn check_ec2_image(ami: &str) -> Result<()> {
    let digits = ami.strip_prefix("ami-").unwrap_or("");
    let ok = matches!(digits.len(), 8 | 17)
        && digits
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    if ok {
        Ok(())
    } else {
        Err(AppError::usage(format!(
            "invalid --ec2-image '{}': ami- and 8 or 17 lowercase hex digits",
            printable(ami)
        )))
    }
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    check_ec2_image(&args.ec2_image)?;
    check_name_and_description(&args.name, &args.description, 256)?;
    if args.applications.len() > 5 {
        return Err(AppError::usage("at most 5 --application"));
    }
    let tags = tags(&super::tag_pairs(&args.tags)?)?;
    if args.change.dry_run {
        ctx.printer.note(format!(
            "dry run: would import {} as image '{}'; nothing was changed",
            args.ec2_image, args.name
        ));
        return Ok(());
    }
    let client = ctx.workspaces().await?;
    let import = Ec2Import {
        ec2_image_id: args.ec2_image,
        ingestion_process: args.ingestion_process.to_sdk(),
        name: args.name,
        description: args.description,
        applications: args.applications.iter().map(|a| a.to_sdk()).collect(),
        tags,
    };
    let image_id = import_image(&client, import).await?;
    announce_and_wait(ctx, client, image_id, &args.wait).await
}
