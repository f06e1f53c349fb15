//! ImportCustomWorkspaceImage and DescribeCustomWorkspaceImageImport: the
//! newer way to bring an image in, through an EC2 Image Builder
//! infrastructure configuration.
//!
//! An import is PENDING when made, IN_PROGRESS (on its image builder
//! instance) one transition later and COMPLETED the next; its image is
//! listed by DescribeWorkspaceImages as PENDING until the import completes,
//! then AVAILABLE. The states are read off the import's times, so nothing
//! needs advancing.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use super::error::WsError;
use super::image_path::{check_ec2_image, new_image};
use super::input::{
    IMAGE_DESCRIPTION, IMAGE_ID, IMAGE_NAME, Input, check_enum, check_length, constraint_failure,
};
use super::model::{epoch_seconds, epoch_value};
use super::tags::parse_tags;
use super::{ACCOUNT_ID, Clock, WorkspacesState};

const COMPUTE_TYPES: &[&str] = &["BASE", "GRAPHICS_G4DN", "GRAPHICS_G6"];
const PROTOCOLS: &[&str] = &["PCOIP", "DCV", "BYOP"];
const PLATFORMS: &[&str] = &["WINDOWS"];
const OS_VERSIONS: &[&str] = &["Windows_10", "Windows_11"];
/// ImageSourceIdentifier's members: a union, exactly one of them set.
const SOURCES: [&str; 3] = ["Ec2ImportTaskId", "ImageBuildVersionArn", "Ec2ImageId"];

const HEX: &[u8] = b"0123456789abcdef";

/// One import, with the times its states begin.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomImport {
    image_id: String,
    infrastructure_configuration_arn: String,
    /// The one member of ImageSourceIdentifier that was given, and its value.
    source: (String, String),
    image_builder_instance_id: String,
    #[serde(with = "epoch_seconds")]
    created: DateTime<Utc>,
    #[serde(with = "epoch_seconds")]
    in_progress_at: DateTime<Utc>,
    #[serde(with = "epoch_seconds")]
    completed_at: DateTime<Utc>,
}

/// Keyed by image ID.
pub type CustomImports = BTreeMap<String, CustomImport>;

impl CustomImport {
    /// DescribeCustomWorkspaceImageImport's answer at `now`.
    fn describe_at(&self, now: DateTime<Utc>) -> Value {
        let (state, progress, updated) = if now >= self.completed_at {
            ("COMPLETED", 100, self.completed_at)
        } else if now >= self.in_progress_at {
            ("IN_PROGRESS", 50, self.in_progress_at)
        } else {
            ("PENDING", 0, self.created)
        };
        let mut source = Map::new();
        source.insert(self.source.0.clone(), self.source.1.clone().into());
        let mut answer = json!({
            "ImageId": self.image_id,
            "InfrastructureConfigurationArn": self.infrastructure_configuration_arn,
            "State": state,
            "StateMessage": format!("The import is {}.", state.to_lowercase().replace('_', " ")),
            "ProgressPercentage": progress,
            "Created": epoch_value(self.created),
            "LastUpdatedTime": epoch_value(updated),
            "ImageSource": source,
        });
        if state != "PENDING" {
            answer["ImageBuilderInstanceId"] = self.image_builder_instance_id.clone().into();
        }
        answer
    }
}

/// Ec2ImportTaskId: `^import-ami\-([a-zA-Z0-9]{8}|[a-zA-Z0-9]{17})$`.
fn check_import_task(path: &str, value: &str) -> Result<(), WsError> {
    let rest = value.strip_prefix("import-ami-").unwrap_or("");
    if matches!(rest.len(), 8 | 17) && rest.bytes().all(|b| b.is_ascii_alphanumeric()) {
        Ok(())
    } else {
        Err(constraint_failure(
            path,
            value,
            "Member must satisfy regular expression pattern: ^import-ami\\-([a-zA-Z0-9]{8}|[a-zA-Z0-9]{17})$",
        ))
    }
}

/// `arn:aws[^:]*:imagebuilder:REGION:(ACCOUNT|aws):KIND/NAME…`: the parts an
/// Image Builder ARN is made of; answers its owner and what follows `KIND/`.
fn imagebuilder_arn<'a>(value: &'a str, kind: &str) -> Option<(&'a str, &'a str)> {
    let mut parts = value.splitn(6, ':');
    let (arn, partition, service, region, owner, resource) = (
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
    );
    let owner_ok = owner == "aws"
        || owner.starts_with("aws-")
        || (owner.len() == 12 && owner.bytes().all(|b| b.is_ascii_digit()));
    let shaped = arn == "arn"
        && partition.starts_with("aws")
        && service == "imagebuilder"
        && !region.is_empty()
        && owner_ok;
    let rest = resource.strip_prefix(kind)?.strip_prefix('/')?;
    shaped.then_some((owner, rest))
}

fn name_chars(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// InfrastructureConfigurationArn, 1 to 2048 characters; answers its owner.
fn check_infrastructure_arn<'a>(path: &str, value: &'a str) -> Result<&'a str, WsError> {
    check_length(path, value, 1, 2048)?;
    match imagebuilder_arn(value, "infrastructure-configuration") {
        Some((owner, name)) if name_chars(name) && !owner.starts_with("aws-") => Ok(owner),
        _ => Err(constraint_failure(
            path,
            value,
            "Member must satisfy regular expression pattern: ^arn:aws[^:]*:imagebuilder:[^:]+:(?:[0-9]{12}|aws):infrastructure-configuration/[a-z0-9-_]+$",
        )),
    }
}

/// ImageBuildVersionArn: `…:image/NAME/X.Y.Z` (each part a number or x) or
/// `…:image/NAME/X.Y.Z/BUILD`.
fn check_build_version_arn(path: &str, value: &str) -> Result<(), WsError> {
    check_length(path, value, 1, 2048)?;
    let number = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    let ok = imagebuilder_arn(value, "image").is_some_and(|(_, rest)| {
        let parts: Vec<&str> = rest.split('/').collect();
        let version = |text: &str, wildcard: bool| {
            let numbers: Vec<&str> = text.split('.').collect();
            numbers.len() == 3 && numbers.iter().all(|n| number(n) || (wildcard && *n == "x"))
        };
        match parts.as_slice() {
            [name, v] => name_chars(name) && version(v, true),
            [name, v, build] => name_chars(name) && version(v, false) && number(build),
            _ => false,
        }
    });
    if ok {
        Ok(())
    } else {
        Err(constraint_failure(
            path,
            value,
            "Member must satisfy regular expression pattern: ^arn:aws[^:]*:imagebuilder:[^:]+:(?:[0-9]{12}|aws(?:-[a-z-]+)?):image/[a-z0-9-_]+/(?:(?:([0-9]+|x)\\.([0-9]+|x)\\.([0-9]+|x))|(?:[0-9]+\\.[0-9]+\\.[0-9]+/[0-9]+))$",
        ))
    }
}

/// The one member of ImageSourceIdentifier, checked.
fn image_source(input: &Input) -> Result<(String, String), WsError> {
    let source = input
        .object("ImageSource")?
        .ok_or_else(|| super::input::missing(&input.path_of("ImageSource")))?;
    let mut given = Vec::new();
    for member in SOURCES {
        if let Some(value) = source.str(member)? {
            given.push((member, value));
        }
    }
    let [(member, value)] = given.as_slice() else {
        return Err(WsError::validation(format!(
            "1 validation error detected: Value at '{}' failed to satisfy constraint: exactly one member of the union must be set, {} were",
            input.path_of("ImageSource"),
            given.len()
        )));
    };
    let path = source.path_of(member);
    match *member {
        "Ec2ImportTaskId" => check_import_task(&path, value)?,
        "ImageBuildVersionArn" => check_build_version_arn(&path, value)?,
        _ => check_ec2_image(&path, value)?,
    }
    Ok(((*member).to_owned(), (*value).to_owned()))
}

impl WorkspacesState {
    pub(super) fn import_custom_workspace_image(
        &mut self,
        input: &Input,
        clock: &Clock,
    ) -> Result<Value, WsError> {
        let name = input.required_str("ImageName")?;
        IMAGE_NAME.check(&input.path_of("ImageName"), name)?;
        let description = input.required_str("ImageDescription")?;
        IMAGE_DESCRIPTION.check(&input.path_of("ImageDescription"), description)?;
        let compute = input.required_str("ComputeType")?;
        check_enum(&input.path_of("ComputeType"), compute, COMPUTE_TYPES)?;
        let protocol = input.required_str("Protocol")?;
        check_enum(&input.path_of("Protocol"), protocol, PROTOCOLS)?;
        let source = image_source(input)?;
        let infrastructure = input.required_str("InfrastructureConfigurationArn")?;
        let owner = check_infrastructure_arn(
            &input.path_of("InfrastructureConfigurationArn"),
            infrastructure,
        )?;
        let platform = input.required_str("Platform")?;
        check_enum(&input.path_of("Platform"), platform, PLATFORMS)?;
        let os_version = input.required_str("OsVersion")?;
        check_enum(&input.path_of("OsVersion"), os_version, OS_VERSIONS)?;
        let tags = parse_tags(input, "Tags")?.unwrap_or_default();

        if compute == "GRAPHICS_G6" && protocol == "PCOIP" {
            return Err(WsError::not_supported(
                "Graphics G6 images support the DCV protocol only, not PCOIP.",
            ));
        }
        if owner != ACCOUNT_ID {
            return Err(WsError::not_found(format!(
                "The infrastructure configuration {infrastructure} could not be found in this account."
            )));
        }
        self.check_image_name_free(name, clock)?;
        let operating_system_name = os_version.to_uppercase();
        let image = new_image(
            name,
            description,
            &operating_system_name,
            "DEDICATED",
            clock,
        );
        let in_progress_at = clock.after(1);
        let completed_at = clock.after(2);
        let image_id =
            self.add_image_available_at(image, operating_system_name, tags, clock, completed_at);
        let instance = format!("i-{}", self.id_source.chars(HEX, 17));
        self.custom_image_imports.insert(
            image_id.clone(),
            CustomImport {
                image_id: image_id.clone(),
                infrastructure_configuration_arn: infrastructure.to_owned(),
                source,
                image_builder_instance_id: instance,
                created: clock.now,
                in_progress_at,
                completed_at,
            },
        );
        Ok(json!({"ImageId": image_id, "State": "PENDING"}))
    }

    pub(super) fn describe_custom_workspace_image_import(
        &self,
        input: &Input,
        clock: &Clock,
    ) -> Result<Value, WsError> {
        let image_id = input.required_id("ImageId", &IMAGE_ID)?;
        self.custom_image_imports
            .get(image_id)
            .map(|import| import.describe_at(clock.now))
            .ok_or_else(|| {
                WsError::not_found(format!(
                    "No custom image import of {image_id} could be found."
                ))
            })
    }
}
