//! `wsfleet branding import`: ImportClientBranding, the same branding on
//! each named platform of each directory. Logos are read from disk and
//! checked as the API checks them (PNG, the model's sizes, 6 MB a request)
//! before anything is sent.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use aws_sdk_workspaces::types::ClientDeviceType;

use super::{PlatformArg, branded, platforms};
use crate::api::branding::{BrandingImport, import_branding};
use crate::bulk::plan::{Plan, Planned};
use crate::bulk::targets::TargetArgs;
use crate::cli::{BulkArgs, ChangeArgs};
use crate::commands::plan::send_each;
use crate::context::Context;
use crate::error::{AppError, Result};
use crate::resources::DIRECTORIES;
use crate::resources::branding::BrandedDirectory;
use crate::scope::{PlaceId, Service, route};
use crate::validate::printable;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet branding import d-1234567890 --platform windows,osx,linux,web --logo logo.png \\
    --support-link https://help.example.com --login-message 'Authorised use only.'
  wsfleet branding import d-1234567890 --platform ios --logo ios.png --logo-2x ios@2x.png \\
    --logo-3x ios@3x.png --support-email it-help@example.com --dry-run";

/// The model's largest logos: DefaultLogo, IosLogo, Ios2XLogo and Ios3XLogo.
const DEFAULT_LOGO_MAX: usize = 1_500_000;
const IOS_LOGO_MAX: usize = 447_000;
const IOS_SCALED_LOGO_MAX: usize = 1_770_000;
/// What one request may carry (the API reference: "up to 6 MB of data").
const REQUEST_MAX: usize = 6_000_000;
const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub targets: TargetArgs,

    /// The platforms to brand: windows, osx, android, ios, linux, web
    #[arg(
        long,
        value_delimiter = ',',
        value_name = "PLATFORM,...",
        required = true
    )]
    pub platform: Vec<PlatformArg>,

    /// The logo, a PNG file (up to 1.5 MB; 447 KB for iOS)
    #[arg(long, value_name = "PNG")]
    pub logo: Option<PathBuf>,

    /// The iOS @2x logo, a PNG file (up to 1.77 MB)
    #[arg(long = "logo-2x", value_name = "PNG")]
    pub logo_2x: Option<PathBuf>,

    /// The iOS @3x logo, a PNG file (up to 1.77 MB)
    #[arg(long = "logo-3x", value_name = "PNG")]
    pub logo_3x: Option<PathBuf>,

    /// The support email address (instead of --support-link)
    #[arg(long, value_name = "EMAIL", conflicts_with = "support_link")]
    pub support_email: Option<String>,

    /// The support page (http:// or https://)
    #[arg(long, value_name = "URL")]
    pub support_link: Option<String>,

    /// Where users reset a forgotten password (http:// or https://)
    #[arg(long, value_name = "URL")]
    pub forgot_password_link: Option<String>,

    /// The login message (en_US, the only locale the API takes; up to 2000 characters, some HTML)
    #[arg(long, value_name = "TEXT")]
    pub login_message: Option<String>,

    #[command(flatten)]
    pub change: ChangeArgs,

    #[command(flatten)]
    pub bulk: BulkArgs,
}

/// Reads a logo, refusing what the API would: no file, not a PNG, empty,
/// or larger than `max`.
fn read_logo(flag: &str, path: &Path, max: usize) -> Result<Vec<u8>> {
    let shown = printable(&path.to_string_lossy());
    let unreadable =
        |err: std::io::Error| AppError::usage(format!("{flag} {shown}: cannot read it: {err}"));
    let size = std::fs::metadata(path).map_err(unreadable)?.len();
    if size == 0 || size > max as u64 {
        return Err(AppError::usage(format!(
            "{flag} {shown} is {size} bytes; the API takes 1 to {max} bytes"
        )));
    }
    let logo = std::fs::read(path).map_err(unreadable)?;
    if !logo.starts_with(PNG_SIGNATURE) {
        return Err(AppError::usage(format!(
            "{flag} {shown} is not a PNG file; the only image format the API takes is .png"
        )));
    }
    Ok(logo)
}

/// ClientUrl: `^(http|https)\://\S+`, 1 to 200 characters.
fn check_url(flag: &str, url: &str) -> Result<()> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    let ok = url.chars().count() <= 200
        && rest.is_some_and(|rest| !rest.is_empty() && !rest.chars().any(char::is_whitespace));
    if ok {
        Ok(())
    } else {
        Err(AppError::usage(format!(
            "invalid {flag} '{}': http:// or https:// and no spaces, up to 200 characters",
            printable(url)
        )))
    }
}

/// ClientEmail: `^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,4}$`, 6 to 64.
fn check_email(email: &str) -> Result<()> {
    let ok = (6..=64).contains(&email.len())
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && local
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "._%+-".contains(c))
                && domain.rsplit_once('.').is_some_and(|(host, top)| {
                    !host.is_empty()
                        && host
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || ".-".contains(c))
                        && (2..=4).contains(&top.len())
                        && top.chars().all(|c| c.is_ascii_alphabetic())
                })
        });
    if ok {
        Ok(())
    } else {
        Err(AppError::usage(format!(
            "invalid --support-email '{}': an address such as it-help@example.com, 6 to 64 characters",
            printable(email)
        )))
    }
}

/// The branding as the API takes it, every flag checked.
fn branding_import(args: &Args, platforms: &[ClientDeviceType]) -> Result<BrandingImport> {
    let ios = platforms.contains(&ClientDeviceType::DeviceTypeIos);
    let others = platforms.len() - usize::from(ios);
    if (args.logo_2x.is_some() || args.logo_3x.is_some()) && !ios {
        return Err(AppError::usage(
            "--logo-2x and --logo-3x are for the ios platform: add --platform ios",
        ));
    }
    let logo_max = if ios { IOS_LOGO_MAX } else { DEFAULT_LOGO_MAX };
    let logo = args
        .logo
        .as_deref()
        .map(|path| read_logo("--logo", path, logo_max))
        .transpose()?;
    let logo2x = args
        .logo_2x
        .as_deref()
        .map(|path| read_logo("--logo-2x", path, IOS_SCALED_LOGO_MAX))
        .transpose()?;
    let logo3x = args
        .logo_3x
        .as_deref()
        .map(|path| read_logo("--logo-3x", path, IOS_SCALED_LOGO_MAX))
        .transpose()?;
    // Each platform named carries its own copy of the logo.
    let carried = logo.as_ref().map_or(0, Vec::len) * (others + usize::from(ios))
        + logo2x.as_ref().map_or(0, Vec::len)
        + logo3x.as_ref().map_or(0, Vec::len);
    if carried > REQUEST_MAX {
        return Err(AppError::usage(format!(
            "the logos come to {carried} bytes across the platforms named; one request may carry \
             up to 6 MB: import fewer platforms at a time"
        )));
    }
    if let Some(email) = &args.support_email {
        check_email(email)?;
    }
    if let Some(url) = &args.support_link {
        check_url("--support-link", url)?;
    }
    if let Some(url) = &args.forgot_password_link {
        check_url("--forgot-password-link", url)?;
    }
    if let Some(message) = &args.login_message
        && message.chars().count() > 2000
    {
        return Err(AppError::usage(
            "--login-message is longer than 2000 characters",
        ));
    }
    let import = BrandingImport {
        logo,
        logo2x,
        logo3x,
        support_email: args.support_email.clone(),
        support_link: args.support_link.clone(),
        forgot_password_link: args.forgot_password_link.clone(),
        login_message: args
            .login_message
            .clone()
            .map(|message| HashMap::from([("en_US".to_owned(), message)])),
    };
    let nothing = import.logo.is_none()
        && import.logo2x.is_none()
        && import.logo3x.is_none()
        && import.support_email.is_none()
        && import.support_link.is_none()
        && import.forgot_password_link.is_none()
        && import.login_message.is_none();
    if nothing {
        return Err(AppError::usage(
            "name something to import: --logo, --support-email or --support-link, \
             --forgot-password-link, --login-message",
        ));
    }
    Ok(import)
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let platforms = platforms(&args.platform);
    let import = branding_import(&args, &platforms)?;
    let named = DIRECTORIES.targets(&args.targets, args.bulk.resume.as_ref())?;
    if named.is_empty() {
        return Err(AppError::usage(
            "name the directories to brand: IDs or --ids-from FILE",
        ));
    }
    let routed = route(ctx, Service::WorkSpaces, named).await?;
    let places = &routed.places;
    let directories = places
        .gather(routed.ids, |place, ids| {
            let client = places.workspaces(place);
            async move { branded(client, &ids).await }
        })
        .await?;
    let names: Vec<&str> = platforms.iter().map(|p| p.as_str()).collect();
    ctx.printer.note(format!(
        "Importing replaces the branding of {} on each directory.",
        names.join(", ")
    ));
    // It replaces without asking: the plan is for --dry-run.
    let rows = directories
        .into_iter()
        .map(|placed| planned(placed.place, placed.item, &names))
        .collect();
    let plan = Plan::new("brand", rows);
    send_each(
        ctx,
        (&args.change.into(), None),
        (places, &args.bulk),
        ("brand", plan),
        |target| {
            let client = places.workspaces(target.place);
            let (platforms, import) = (&platforms, &import);
            async move {
                import_branding(client, &target.id, platforms, import)
                    .await
                    .map(drop)
            }
        },
    )
    .await
}

/// A directory as the plan finds it: the platforms branded before and
/// after (each one imported is replaced, so nothing is left out as
/// unchanged); not found when the service does not know it.
fn planned(
    place: PlaceId,
    directory: BrandedDirectory,
    imported: &[&str],
) -> Planned<BrandedDirectory> {
    let id = directory.resource_id.clone();
    if !directory.found {
        return Planned::not_found(place, id, directory);
    }
    let before = (!directory.platforms.is_empty()).then(|| directory.platforms.join(", "));
    let mut after: Vec<&str> = directory.platforms.iter().map(String::as_str).collect();
    after.extend(imported.iter().copied());
    after.sort_unstable();
    after.dedup();
    let after = after.join(", ");
    let mut row = Planned::found(place, id, directory);
    row.change("branded platforms", before, Some(after));
    row
}
