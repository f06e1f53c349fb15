//! The newer way to import an image: ImportCustomWorkspaceImage, through an
//! EC2 Image Builder infrastructure configuration, and its progress,
//! DescribeCustomWorkspaceImageImport.

use aws_sdk_workspaces::operation::describe_custom_workspace_image_import::DescribeCustomWorkspaceImageImportOutput;
use aws_sdk_workspaces::types::{
    CustomImageProtocol, ImageComputeType, ImageSourceIdentifier, ImageValidationMode, OsVersion,
    Platform, Tag,
};

use super::WorkspacesClient as Client;
use crate::error::Result;

/// What ImportCustomWorkspaceImage is given.
#[derive(Debug, Clone)]
pub struct CustomImport {
    pub name: String,
    pub description: String,
    pub compute_type: ImageComputeType,
    pub protocol: CustomImageProtocol,
    pub source: ImageSourceIdentifier,
    pub infrastructure_configuration_arn: String,
    pub platform: Platform,
    pub os_version: OsVersion,
    pub validation_mode: Option<ImageValidationMode>,
    pub tags: Vec<Tag>,
}

/// ImportCustomWorkspaceImage; answers the new image's ID.
pub async fn import_custom_image(client: &Client, import: CustomImport) -> Result<String> {
    let output = client
        .import_custom_workspace_image()
        .image_name(import.name)
        .image_description(import.description)
        .compute_type(import.compute_type)
        .protocol(import.protocol)
        .image_source(import.source)
        .infrastructure_configuration_arn(import.infrastructure_configuration_arn)
        .platform(import.platform)
        .os_version(import.os_version)
        .set_image_validation_mode(import.validation_mode)
        .set_tags((!import.tags.is_empty()).then_some(import.tags))
        .send()
        .await
        .map_err(|e| client.error("ImportCustomWorkspaceImage", e))?;
    output.image_id.ok_or_else(|| {
        anyhow::anyhow!("ImportCustomWorkspaceImage answered without an image ID").into()
    })
}

pub async fn describe_custom_import(
    client: &Client,
    image_id: &str,
) -> Result<DescribeCustomWorkspaceImageImportOutput> {
    client
        .describe_custom_workspace_image_import()
        .image_id(image_id)
        .send()
        .await
        .map_err(|e| client.error("DescribeCustomWorkspaceImageImport", e))
}
