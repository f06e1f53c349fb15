//! `wsfleet images import-custom`: ImportCustomWorkspaceImage, the newer
//! import path through an EC2 Image Builder infrastructure configuration.
//! Prints the new image's ID; `--wait` waits for the import to complete.

use std::io::Write;

use aws_sdk_workspaces::types::{
    CustomImageProtocol, ImageComputeType, ImageSourceIdentifier, ImageValidationMode, OsVersion,
    Platform,
};

use super::check_name_and_description;
use super::import::check_ec2_image;
use super::import_status::wait_imported;
use crate::api::custom_image_import::{CustomImport, import_custom_image};
use crate::api::workspaces::tags;
use crate::cli::ChangeArgs;
use crate::commands::waiting::WaitArgs;
use crate::context::Context;
use crate::enum_arg::api_enum;
use crate::error::{AppError, Result};
use crate::validate::printable;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet images import-custom --ec2-image ami-0123456789abcdef0 --name win11-byol \\
    --description 'Windows 11 BYOL' --compute-type base --protocol dcv --os-version windows-11 \\
    --infrastructure-configuration \\
    arn:aws:imagebuilder:us-east-1:123456789012:infrastructure-configuration/workspaces --wait
  wsfleet images import-custom --ec2-import-task import-ami-0123abcd --name n --description d \\
    --compute-type base --protocol pcoip --os-version windows-10 \\
    --infrastructure-configuration \\
    arn:aws:imagebuilder:us-east-1:123456789012:infrastructure-configuration/ib --dry-run";

api_enum!(
    /// The compute type the image is for (ImageComputeType)
    ComputeTypeArg,
    ImageComputeType
);
api_enum!(
    /// The streaming protocol (CustomImageProtocol)
    ProtocolArg,
    CustomImageProtocol
);
api_enum!(
    /// The operating system (Platform)
    PlatformArg,
    Platform
);
api_enum!(
    /// The operating system's version (OSVersion)
    OsVersionArg,
    OsVersion
);
api_enum!(
    /// Who validates the image (ImageValidationMode)
    ValidationModeArg,
    ImageValidationMode
);

#[derive(Debug, clap::Args)]
#[command(
    group(clap::ArgGroup::new("source").required(true).multiple(false)
        .args(["ec2_image", "ec2_import_task", "image_build_version"])),
    mut_arg("wait_timeout", |arg| arg.default_value("4h")),
)]
pub struct Args {
    /// Import from this EC2 image (ami- and 8 or 17 hex digits)
    #[arg(long, value_name = "AMI_ID")]
    pub ec2_image: Option<String>,

    /// Import from this EC2 VM import task (import-ami- and 8 or 17 letters or digits)
    #[arg(long, value_name = "TASK_ID")]
    pub ec2_import_task: Option<String>,

    /// Import from this EC2 Image Builder image version (its ARN)
    #[arg(long, value_name = "ARN")]
    pub image_build_version: Option<String>,

    /// The EC2 Image Builder infrastructure configuration the import runs on (its ARN)
    #[arg(long, value_name = "ARN")]
    pub infrastructure_configuration: String,

    /// Name of the image (letters, digits and _ . / ( ) -, up to 64)
    #[arg(long)]
    pub name: String,

    /// Description of the image (up to 256 characters)
    #[arg(long)]
    pub description: String,

    /// The compute type the image is for
    #[arg(long)]
    pub compute_type: ComputeTypeArg,

    /// The streaming protocol
    #[arg(long)]
    pub protocol: ProtocolArg,

    /// The operating system
    #[arg(long, default_value = "windows")]
    pub platform: PlatformArg,

    /// The operating system's version
    #[arg(long)]
    pub os_version: OsVersionArg,

    /// Who validates the image
    #[arg(long)]
    pub validation_mode: Option<ValidationModeArg>,

    /// A tag for the image (repeatable)
    #[arg(long = "tag", value_name = "KEY=VALUE")]
    pub tags: Vec<String>,

    #[command(flatten)]
    pub wait: WaitArgs,

    #[command(flatten)]
    pub change: ChangeArgs,
}

/// `arn:aws…:imagebuilder:REGION:OWNER:KIND/REST`, as the API's patterns
/// shape Image Builder ARNs; answers REST.
fn imagebuilder_resource<'a>(arn: &'a str, kind: &str, owners: &[&str]) -> Option<&'a str> {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    let [prefix, partition, service, region, owner, resource] = parts.as_slice() else {
        return None;
    };
    let owner_ok = (owner.len() == 12 && owner.bytes().all(|b| b.is_ascii_digit()))
        || owners
            .iter()
            .any(|o| o == owner || (o.ends_with('-') && owner.starts_with(o)));
    let shaped = *prefix == "arn"
        && partition.starts_with("aws")
        && *service == "imagebuilder"
        && !region.is_empty()
        && owner_ok;
    shaped
        .then(|| resource.strip_prefix(kind)?.strip_prefix('/'))
        .flatten()
}

/// Image Builder names: lowercase letters, digits, `-` and `_`.
fn builder_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-_".contains(&b))
}

fn check_infrastructure_configuration(arn: &str) -> Result<()> {
    let ok = arn.len() <= 2048
        && imagebuilder_resource(arn, "infrastructure-configuration", &["aws"])
            .is_some_and(builder_name);
    if ok {
        Ok(())
    } else {
        Err(AppError::usage(format!(
            "invalid --infrastructure-configuration '{}': \
             arn:aws:imagebuilder:REGION:ACCOUNT:infrastructure-configuration/NAME",
            printable(arn)
        )))
    }
}

/// `…:image/NAME/X.Y.Z` (a part may be x) or `…:image/NAME/X.Y.Z/BUILD`.
fn check_image_build_version(arn: &str) -> Result<()> {
    let number = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    let version = |text: &str, wildcard: bool| {
        let parts: Vec<&str> = text.split('.').collect();
        parts.len() == 3 && parts.iter().all(|p| number(p) || (wildcard && *p == "x"))
    };
    let ok = arn.len() <= 2048
        && imagebuilder_resource(arn, "image", &["aws", "aws-"]).is_some_and(|rest| {
            match rest.split('/').collect::<Vec<_>>().as_slice() {
                [name, v] => builder_name(name) && version(v, true),
                [name, v, build] => builder_name(name) && version(v, false) && number(build),
                _ => false,
            }
        });
    if ok {
        Ok(())
    } else {
        Err(AppError::usage(format!(
            "invalid --image-build-version '{}': \
             arn:aws:imagebuilder:REGION:ACCOUNT:image/NAME/X.Y.Z[/BUILD]",
            printable(arn)
        )))
    }
}

fn check_import_task(task: &str) -> Result<()> {
    let rest = task.strip_prefix("import-ami-").unwrap_or("");
    if matches!(rest.len(), 8 | 17) && rest.bytes().all(|b| b.is_ascii_alphanumeric()) {
        Ok(())
    } else {
        Err(AppError::usage(format!(
            "invalid --ec2-import-task '{}': import-ami- and 8 or 17 letters or digits",
            printable(task)
        )))
    }
}

/// The one image source named, checked.
fn source(args: &Args) -> Result<ImageSourceIdentifier> {
    match (
        &args.ec2_image,
        &args.ec2_import_task,
        &args.image_build_version,
    ) {
        (Some(ami), _, _) => {
            check_ec2_image(ami)?;
            Ok(ImageSourceIdentifier::Ec2ImageId(ami.clone()))
        }
        (_, Some(task), _) => {
            check_import_task(task)?;
            Ok(ImageSourceIdentifier::Ec2ImportTaskId(task.clone()))
        }
        (_, _, Some(arn)) => {
            check_image_build_version(arn)?;
            Ok(ImageSourceIdentifier::ImageBuildVersionArn(arn.clone()))
        }
        (None, None, None) => Err(AppError::usage(
            "name the source: --ec2-image, --ec2-import-task or --image-build-version",
        )),
    }
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let source = source(&args)?;
    check_infrastructure_configuration(&args.infrastructure_configuration)?;
    check_name_and_description(&args.name, &args.description, 256)?;
    let tags = tags(&super::tag_pairs(&args.tags)?)?;
    if args.change.dry_run {
        ctx.printer.note(format!(
            "dry run: would import a custom image '{}'; nothing was changed",
            args.name
        ));
        return Ok(());
    }
    let client = ctx.workspaces().await?;
    let import = CustomImport {
        name: args.name,
        description: args.description,
        compute_type: args.compute_type.to_sdk(),
        protocol: args.protocol.to_sdk(),
        source,
        infrastructure_configuration_arn: args.infrastructure_configuration,
        platform: args.platform.to_sdk(),
        os_version: args.os_version.to_sdk(),
        validation_mode: args.validation_mode.map(ValidationModeArg::to_sdk),
        tags,
    };
    let image_id = import_custom_image(&client, import).await?;
    // The ID first, so `$(...)` captures it even when the wait fails.
    let mut out = ctx.printer.stdout();
    writeln!(out, "{image_id}")?;
    out.flush()?;
    match args.wait.timeout() {
        Some(timeout) => wait_imported(ctx, &client, vec![image_id], timeout).await,
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_builder_arns_follow_the_api_patterns() {
        let infra = "arn:aws:imagebuilder:us-east-1:123456789012:infrastructure-configuration/ws_1";
        assert!(check_infrastructure_configuration(infra).is_ok());
        assert!(
            check_infrastructure_configuration(
                "arn:aws:imagebuilder:us-east-1:aws:infrastructure-configuration/x"
            )
            .is_ok()
        );
        assert!(
            check_infrastructure_configuration(
                "arn:aws:ec2:us-east-1:123456789012:infrastructure-configuration/x"
            )
            .is_err()
        );
        assert!(
            check_infrastructure_configuration(
                "arn:aws:imagebuilder:us-east-1:123456789012:infrastructure-configuration/Upper"
            )
            .is_err()
        );
        let image = "arn:aws:imagebuilder:us-east-1:123456789012:image/win11";
        assert!(check_image_build_version(&format!("{image}/1.0.x")).is_ok());
        assert!(check_image_build_version(&format!("{image}/1.0.2/3")).is_ok());
        assert!(
            check_image_build_version(
                "arn:aws:imagebuilder:us-east-1:aws-marketplace:image/w/1.0.0"
            )
            .is_ok()
        );
        assert!(check_image_build_version(&format!("{image}/1.0.x/3")).is_err());
        assert!(check_image_build_version(&format!("{image}/1.0")).is_err());
        assert!(check_import_task("import-ami-0123abcd").is_ok());
        assert!(check_import_task("import-ami-0123").is_err());
    }
}
