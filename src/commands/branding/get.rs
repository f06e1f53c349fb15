//! `wsfleet branding get`

use super::{PlatformArg, platforms};
use crate::api::branding::{PlatformBranding, describe_branding};
use crate::context::Context;
use crate::error::{AppError, Result};
use crate::output::View;
use crate::resources::DirectoryId;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet branding get d-1234567890
  wsfleet branding get d-1234567890 d-0987654321 --platform windows -o json";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The directories (registered with WorkSpaces)
    #[arg(value_name = "DIRECTORY_ID", required = true)]
    pub directories: Vec<DirectoryId>,

    /// Only these platforms
    #[arg(long, value_delimiter = ',', value_name = "PLATFORM,...")]
    pub platform: Vec<PlatformArg>,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let wanted = platforms(&args.platform);
    let mut writer = ctx
        .printer
        .list::<PlatformBranding>(View::List { details: false })?;
    let client = ctx.workspaces().await?;
    let mut failed = 0;
    for directory in &args.directories {
        match describe_branding(&client, directory).await {
            Ok(rows) => {
                for row in rows.iter().filter(|row| {
                    wanted.is_empty() || wanted.iter().any(|p| p.as_str() == row.platform)
                }) {
                    writer.write(row)?;
                }
                writer.flush()?;
            }
            Err(err) => {
                ctx.printer.report(&err, Some(directory));
                failed += 1;
            }
        }
    }
    let count = writer.finish()?;
    if failed > 0 {
        return Err(AppError::Failed(format!(
            "{failed} of {} directories could not be read",
            args.directories.len()
        )));
    }
    ctx.printer
        .note_if_none(count, "no branding: the clients show the default");
    Ok(())
}
