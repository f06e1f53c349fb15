//! `wsfleet workspaces create-standby`: a standby WorkSpace in another
//! Region for each primary WorkSpace named or selected (Multi-Region
//! Resilience). The primaries are found in the command's Region; the
//! standbys are created in `--standby-region`, 25 a call.

use super::DataReplicationArg;
use super::lifecycle::{self, Change, StandbyChange};
use crate::api::standby::StandbySettings;
use crate::cli::ChangeArgs;
use crate::context::Context;
use crate::error::{AppError, Result};
use crate::resources::DirectoryId;
use crate::scope::Session;
use crate::tags::{self, TagRules};

pub const EXAMPLES: &str = "\
Examples:
  wsfleet --region us-east-1 workspaces create-standby ws-abc12345 \\
      --standby-region us-west-2 --standby-directory d-926722edaf --dry-run
  wsfleet --region us-east-1 workspaces create-standby --directory d-90670b1234 --state available \\
      --standby-region us-west-2 --standby-directory d-926722edaf \\
      --data-replication primary-as-source --standby-tag dr=yes";

#[derive(Debug, clap::Args)]
pub struct StandbyArgs {
    /// The Region to create the standby WorkSpaces in (not the primaries')
    #[arg(long, value_name = "REGION", value_parser = standby_region)]
    pub standby_region: String,

    /// The directory the standby WorkSpaces join, in the standby Region
    #[arg(long, value_name = "DIRECTORY_ID")]
    pub standby_directory: DirectoryId,

    /// The KMS key that encrypts the standbys' volumes (needed when the
    /// primary's volumes are encrypted)
    #[arg(long, value_name = "KEY")]
    pub volume_encryption_key: Option<String>,

    /// A tag of the standby WorkSpaces (repeatable)
    #[arg(long = "standby-tag", value_name = "KEY=VALUE")]
    pub standby_tags: Vec<String>,

    /// Whether the primary's data is replicated to its standby
    #[arg(long)]
    pub data_replication: Option<DataReplicationArg>,

    #[command(flatten)]
    pub common: lifecycle::Args,

    #[command(flatten)]
    pub change: ChangeArgs,
}

/// A Region as the API's `Region` takes it: 1 to 31 of `[-0-9a-z]`.
fn standby_region(text: &str) -> std::result::Result<String, String> {
    let ok = (1..=31).contains(&text.len())
        && text
            .bytes()
            .all(|b| b == b'-' || b.is_ascii_digit() || b.is_ascii_lowercase());
    if ok {
        Ok(text.to_owned())
    } else {
        Err("a Region such as us-west-2 (lowercase letters, digits and -)".to_owned())
    }
}

pub async fn run(args: StandbyArgs, ctx: &Context) -> Result<()> {
    let pairs = tags::map(&args.standby_tags, TagRules::WorkSpaces)?;
    let mut tags: Vec<(String, String)> = pairs.into_iter().collect();
    tags.sort();
    if let Some(key) = &args.volume_encryption_key
        && key.trim().is_empty()
    {
        return Err(AppError::usage("--volume-encryption-key must not be empty"));
    }
    let options = &ctx.session_options;
    let primary_region = ctx.session().await?.region().map(str::to_owned);
    if primary_region.as_deref() == Some(args.standby_region.as_str()) {
        return Err(AppError::usage(format!(
            "--standby-region {0} is the primaries' Region: a standby lives in another one",
            args.standby_region
        )));
    }
    let standby_session =
        Session::load(&options.at(options.profile.clone(), Some(args.standby_region.clone())))
            .await?;
    let change = StandbyChange {
        client: standby_session.workspaces().clone(),
        region: args.standby_region,
        settings: StandbySettings {
            directory_id: args.standby_directory.into(),
            volume_encryption_key: args.volume_encryption_key,
            tags,
            data_replication: args.data_replication.map(|d| d.to_sdk()),
        },
    };
    lifecycle::run(
        Change::Standby(Box::new(change)),
        args.common,
        args.change.into(),
        ctx,
    )
    .await
}
