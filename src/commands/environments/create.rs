//! `wsfleet environments create`

use std::sync::Mutex;

use aws_sdk_workspacesthinclient::types::Environment;

use super::FieldArgs;
use crate::api::thin_client::{create_environment, get_environment};
use crate::cli::ChangeArgs;
use crate::commands::waiting::{self, WaitArgs};
use crate::context::Context;
use crate::error::{AppError, Result};
use crate::tags::{self, TagRules};
use crate::validate;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet environments create --name Lobby \\
      --desktop-arn arn:aws:workspaces:us-east-1:123456789012:directory/d-1234567890
  wsfleet environments create --desktop-arn ARN \\
      --maintenance-window 'custom,MONDAY-FRIDAY,22:00-04:00,utc' --tag team=support --wait
  wsfleet environments create --desktop-arn ARN \\
      --update-mode use-desired --desired-software-set 312345";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The desktop to stream: a WorkSpaces directory, WorkSpaces Web portal or AppStream stack ARN
    #[arg(long, value_name = "ARN")]
    pub desktop_arn: String,

    #[command(flatten)]
    pub fields: FieldArgs,

    /// The KMS key that encrypts the environment
    #[arg(long, value_name = "ARN")]
    pub kms_key_arn: Option<String>,

    /// A tag for the environment itself (repeatable)
    #[arg(long = "tag", value_name = "KEY=VALUE")]
    pub tags: Vec<String>,

    #[command(flatten)]
    pub wait: WaitArgs,

    #[command(flatten)]
    pub change: ChangeArgs,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let (mut fields, window) = args.fields.parse()?;
    fields.desktop_arn = Some(validate::arn(&args.desktop_arn, "--desktop-arn")?);
    fields.kms_key_arn = args
        .kms_key_arn
        .as_deref()
        .map(validate::kms_key_arn)
        .transpose()?;
    if !args.tags.is_empty() {
        fields.tags = Some(tags::map(&args.tags, TagRules::Resource)?);
    }
    if !window.is_empty() {
        fields.maintenance_window = Some(window.to_sdk()?);
    }
    super::check_endpoint_and_mode(&fields, true)?;
    let wait_timeout = args.wait.timeout()?;
    let writer = ctx.printer.one::<Environment>()?;
    if args.change.dry_run {
        ctx.printer.note(format!(
            "dry run: would create an environment for {}; nothing was changed",
            args.desktop_arn
        ));
        return Ok(());
    }

    let client = ctx.thin_client().await?;
    let client_token = uuid::Uuid::new_v4().to_string();
    let mut environment = create_environment(&client, &fields, &client_token).await?;
    if let (Some(timeout), Some(id)) = (wait_timeout, environment.id().map(str::to_owned)) {
        // The environment is ready once the service serves it with its
        // activation code: devices can then register to it.
        let ready = Mutex::new(None);
        waiting::until(
            ctx,
            1,
            vec![crate::scope::Placed::new(crate::scope::PlaceId(0), id)],
            "environment",
            "become ready",
            timeout,
            |_, id| {
                let (client, ready) = (&client, &ready);
                async move {
                    match get_environment(client, &id).await {
                        Ok(found) if found.activation_code().is_some() => {
                            *ready.lock().unwrap_or_else(|p| p.into_inner()) = Some(found);
                            Ok(true)
                        }
                        Ok(_) => Ok(false),
                        Err(err) if err.is_not_found() => Ok(false),
                        Err(err) => Err(err),
                    }
                }
            },
        )
        .await?;
        if let Some(found) = ready.into_inner().unwrap_or_else(|p| p.into_inner()) {
            environment = found;
        }
    }
    if environment.id().is_none() {
        return Err(AppError::Other(anyhow::anyhow!(
            "CreateEnvironment answered without the new environment's ID"
        )));
    }
    writer.write(&environment)
}
