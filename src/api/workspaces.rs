//! Amazon WorkSpaces calls: WorkSpaces, applications and their associations,
//! images. The WorkSpaces API takes at most 25 IDs a call; everything here
//! splits longer lists itself.

use std::collections::HashMap;

use aws_sdk_workspaces::types::{
    ApplicationAssociatedResourceType, ApplicationResourceAssociation,
    BundleAssociatedResourceType, BundleResourceAssociation, Compute, FailedCreateWorkspaceRequest,
    FailedWorkspaceChangeRequest, ImageAssociatedResourceType, ImageResourceAssociation, ImageType,
    OperatingSystemName, RebootRequest, RebuildRequest, StartRequest, StopRequest, Tag,
    TerminateRequest, WorkSpaceApplication, WorkSpaceApplicationLicenseType,
    WorkSpaceAssociatedResourceType, Workspace, WorkspaceBundle, WorkspaceDirectory,
    WorkspaceImage, WorkspaceProperties, WorkspaceRequest, WorkspaceResourceAssociation,
};
use aws_smithy_types::DateTime;
use aws_smithy_types::error::operation::BuildError;

use super::{IdResults, Pages, WorkspacesClient as Client, build_error};
use crate::error::{AppError, AwsError, Result};

pub use super::pages::BATCH_SIZE;

/// An error in the shape the service would give, for what a describe call
/// answers with silence (an ID it does not know) or a per-item failure.
pub fn service_error(operation: &'static str, code: &str, message: &str) -> AppError {
    AppError::Aws(Box::new(AwsError::service(operation, code, message)))
}

// ---------------------------------------------------------------- WorkSpaces

/// DescribeWorkspaces' own filters. IDs cannot be combined with the others
/// (the API refuses), so with IDs the others are ignored here and left to
/// the caller's client-side filter.
#[derive(Debug, Clone, Default)]
pub struct WorkspaceQuery {
    pub ids: Vec<String>,
    pub directory_id: Option<String>,
    pub user_name: Option<String>,
    pub bundle_id: Option<String>,
}

/// DescribeWorkspaces, one page at a time.
pub fn workspaces(client: &Client, query: WorkspaceQuery) -> Pages<Workspace> {
    let client = client.clone();
    Pages::per_id_group(&query.ids.clone(), move |ids| {
        let by_id = ids.is_some();
        let filter = |value: &Option<String>| if by_id { None } else { value.clone() };
        let pages = client
            .describe_workspaces()
            .set_workspace_ids(ids)
            .set_directory_id(filter(&query.directory_id))
            .set_user_name(filter(&query.user_name))
            .set_bundle_id(filter(&query.bundle_id))
            .into_paginator()
            .page_size(BATCH_SIZE as i32)
            .send();
        Pages::of_paginator(&client, "DescribeWorkspaces", pages, |page| {
            page.workspaces.unwrap_or_default()
        })
    })
}

/// DescribeWorkspaces by WorkspaceName (the API's exact match), every page.
pub async fn workspaces_named(client: &Client, name: &str) -> Result<Vec<Workspace>> {
    let pages = client
        .describe_workspaces()
        .workspace_name(name)
        .into_paginator()
        .page_size(BATCH_SIZE as i32)
        .send();
    Pages::of_paginator(client, "DescribeWorkspaces", pages, |page| {
        page.workspaces.unwrap_or_default()
    })
    .all()
    .await
}

/// The first page of DescribeWorkspaces for `query`'s filters other than
/// IDs (25 WorkSpaces at most), and whether more pages follow: a small
/// fleet is read whole in one call.
pub async fn first_page(client: &Client, query: &WorkspaceQuery) -> Result<(Vec<Workspace>, bool)> {
    let page = client
        .describe_workspaces()
        .set_directory_id(query.directory_id.clone())
        .set_user_name(query.user_name.clone())
        .set_bundle_id(query.bundle_id.clone())
        .limit(BATCH_SIZE as i32)
        .send()
        .await
        .map_err(|e| client.error("DescribeWorkspaces", e))?;
    let more = page.next_token().is_some_and(|token| !token.is_empty());
    Ok((page.workspaces.unwrap_or_default(), more))
}

/// When each WorkSpace's user last connected
/// (DescribeWorkspacesConnectionStatus, every page); a WorkSpace nobody ever
/// connected to is absent.
pub async fn last_user_connections(client: &Client) -> Result<HashMap<String, DateTime>> {
    let statuses = super::workspace_operations::connection_statuses(client, &[]).await?;
    Ok(statuses
        .into_iter()
        .filter_map(|status| {
            Some((
                status.workspace_id?,
                status.last_known_user_connection_timestamp?,
            ))
        })
        .collect())
}

pub async fn describe_workspaces(client: &Client, ids: &[String]) -> Result<Vec<Workspace>> {
    let query = WorkspaceQuery {
        ids: ids.to_vec(),
        ..WorkspaceQuery::default()
    };
    workspaces(client, query).all().await
}

pub async fn get_workspace(client: &Client, id: &str) -> Result<Workspace> {
    describe_workspaces(client, &[id.to_owned()])
        .await?
        .into_iter()
        .find(|w| w.workspace_id() == Some(id))
        .ok_or_else(|| {
            service_error(
                "DescribeWorkspaces",
                "ResourceNotFoundException",
                &format!("no WorkSpace {id}"),
            )
        })
}

/// The WorkSpaces batch operations that change a WorkSpace's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StateChange {
    Start,
    Stop,
    Reboot,
    Rebuild,
    Terminate,
}

impl StateChange {
    pub fn operation(self) -> &'static str {
        match self {
            StateChange::Start => "StartWorkspaces",
            StateChange::Stop => "StopWorkspaces",
            StateChange::Reboot => "RebootWorkspaces",
            StateChange::Rebuild => "RebuildWorkspaces",
            StateChange::Terminate => "TerminateWorkspaces",
        }
    }

    /// RebuildWorkspaces takes one WorkSpace a call; the others take 25.
    pub fn batch_size(self) -> usize {
        match self {
            StateChange::Rebuild => 1,
            _ => BATCH_SIZE,
        }
    }
}

/// One batch call; each WorkSpace is done unless the call failed or named
/// it in `FailedRequests`.
pub async fn change_state(client: &Client, change: StateChange, ids: &[String]) -> IdResults {
    match send_state_change(client, change, ids).await {
        Err(err) => ids
            .iter()
            .map(|id| (id.clone(), Err(err.clone_for_each())))
            .collect(),
        Ok(failed) => per_target(change.operation(), ids, &failed),
    }
}

/// What the request builders of the five batch operations return: some
/// build infallibly, others check the WorkSpace ID is set.
trait Built<T> {
    fn built(self) -> Result<T>;
}

impl<T> Built<T> for std::result::Result<T, BuildError> {
    fn built(self) -> Result<T> {
        self.map_err(build_error)
    }
}

impl Built<StartRequest> for StartRequest {
    fn built(self) -> Result<StartRequest> {
        Ok(self)
    }
}

impl Built<StopRequest> for StopRequest {
    fn built(self) -> Result<StopRequest> {
        Ok(self)
    }
}

async fn send_state_change(
    client: &Client,
    change: StateChange,
    ids: &[String],
) -> Result<Vec<FailedWorkspaceChangeRequest>> {
    // The five operations differ only in their names and request type.
    macro_rules! send {
        ($call:ident, $requests:ident, $request:ident) => {
            client
                .$call()
                .$requests(Some(
                    ids.iter()
                        .map(|id| $request::builder().workspace_id(id).build().built())
                        .collect::<Result<_>>()?,
                ))
                .send()
                .await
                .map(|output| output.failed_requests)
                .map_err(|e| client.error(change.operation(), e))?
        };
    }
    let failed = match change {
        StateChange::Start => send!(start_workspaces, set_start_workspace_requests, StartRequest),
        StateChange::Stop => send!(stop_workspaces, set_stop_workspace_requests, StopRequest),
        StateChange::Reboot => send!(
            reboot_workspaces,
            set_reboot_workspace_requests,
            RebootRequest
        ),
        StateChange::Rebuild => {
            send!(
                rebuild_workspaces,
                set_rebuild_workspace_requests,
                RebuildRequest
            )
        }
        StateChange::Terminate => send!(
            terminate_workspaces,
            set_terminate_workspace_requests,
            TerminateRequest
        ),
    };
    Ok(failed.unwrap_or_default())
}

/// `FailedRequests` turned into each target's result, with the entry's
/// code and message.
fn per_target(
    operation: &'static str,
    ids: &[String],
    failed: &[FailedWorkspaceChangeRequest],
) -> IdResults {
    ids.iter()
        .map(|id| {
            let result = match failed
                .iter()
                .find(|f| f.workspace_id() == Some(id.as_str()))
            {
                None => Ok(()),
                Some(failure) => Err(service_error(
                    operation,
                    failure.error_code().unwrap_or("Failed"),
                    failure.error_message().unwrap_or("the request failed"),
                )),
            };
            (id.clone(), result)
        })
        .collect()
}

/// What CreateWorkspaces answered for one batch.
pub struct Created {
    pub pending: Vec<Workspace>,
    pub failed: Vec<FailedCreateWorkspaceRequest>,
}

pub async fn create_workspaces(
    client: &Client,
    requests: Vec<WorkspaceRequest>,
) -> Result<Created> {
    let output = client
        .create_workspaces()
        .set_workspaces(Some(requests))
        .send()
        .await
        .map_err(|e| client.error("CreateWorkspaces", e))?;
    Ok(Created {
        pending: output.pending_requests.unwrap_or_default(),
        failed: output.failed_requests.unwrap_or_default(),
    })
}

pub async fn modify_workspace_properties(
    client: &Client,
    id: &str,
    properties: WorkspaceProperties,
) -> Result<()> {
    client
        .modify_workspace_properties()
        .workspace_id(id)
        .workspace_properties(properties)
        .send()
        .await
        .map_err(|e| client.error("ModifyWorkspaceProperties", e))?;
    Ok(())
}

// -------------------------------------------------------------- applications

/// DescribeApplications' filters.
#[derive(Debug, Clone, Default)]
pub struct ApplicationQuery {
    pub ids: Vec<String>,
    pub compute_types: Vec<Compute>,
    pub license_type: Option<WorkSpaceApplicationLicenseType>,
    pub operating_systems: Vec<OperatingSystemName>,
    pub owner: Option<String>,
}

fn non_empty_list<T>(items: &[T]) -> Option<Vec<T>>
where
    T: Clone,
{
    (!items.is_empty()).then(|| items.to_vec())
}

/// DescribeApplications, one page at a time.
pub fn applications(client: &Client, query: ApplicationQuery) -> Pages<WorkSpaceApplication> {
    let client = client.clone();
    Pages::per_id_group(&query.ids.clone(), move |ids| {
        let pages = client
            .describe_applications()
            .set_application_ids(ids)
            .set_compute_type_names(non_empty_list(&query.compute_types))
            .set_license_type(query.license_type.clone())
            .set_operating_system_names(non_empty_list(&query.operating_systems))
            .set_owner(query.owner.clone())
            .into_paginator()
            .send();
        Pages::of_paginator(&client, "DescribeApplications", pages, |page| {
            page.applications.unwrap_or_default()
        })
    })
}

pub async fn workspace_associations(
    client: &Client,
    workspace_id: &str,
) -> Result<Vec<WorkspaceResourceAssociation>> {
    let output = client
        .describe_workspace_associations()
        .workspace_id(workspace_id)
        .associated_resource_types(WorkSpaceAssociatedResourceType::Application)
        .send()
        .await
        .map_err(|e| client.error("DescribeWorkspaceAssociations", e))?;
    Ok(output.associations.unwrap_or_default())
}

/// DescribeApplicationAssociations, every page.
pub async fn application_associations(
    client: &Client,
    application_id: &str,
    types: Vec<ApplicationAssociatedResourceType>,
) -> Result<Vec<ApplicationResourceAssociation>> {
    let pages = client
        .describe_application_associations()
        .application_id(application_id)
        .set_associated_resource_types(Some(types))
        .into_paginator()
        .send();
    Pages::of_paginator(client, "DescribeApplicationAssociations", pages, |page| {
        page.associations.unwrap_or_default()
    })
    .all()
    .await
}

pub async fn bundle_associations(
    client: &Client,
    bundle_id: &str,
) -> Result<Vec<BundleResourceAssociation>> {
    let output = client
        .describe_bundle_associations()
        .bundle_id(bundle_id)
        .associated_resource_types(BundleAssociatedResourceType::Application)
        .send()
        .await
        .map_err(|e| client.error("DescribeBundleAssociations", e))?;
    Ok(output.associations.unwrap_or_default())
}

pub async fn image_associations(
    client: &Client,
    image_id: &str,
) -> Result<Vec<ImageResourceAssociation>> {
    let output = client
        .describe_image_associations()
        .image_id(image_id)
        .associated_resource_types(ImageAssociatedResourceType::Application)
        .send()
        .await
        .map_err(|e| client.error("DescribeImageAssociations", e))?;
    Ok(output.associations.unwrap_or_default())
}

fn association_of(
    operation: &'static str,
    association: Option<WorkspaceResourceAssociation>,
) -> Result<WorkspaceResourceAssociation> {
    association.ok_or_else(|| anyhow::anyhow!("{operation} returned no association").into())
}

pub async fn associate_application(
    client: &Client,
    workspace_id: &str,
    application_id: &str,
) -> Result<WorkspaceResourceAssociation> {
    let output = client
        .associate_workspace_application()
        .workspace_id(workspace_id)
        .application_id(application_id)
        .send()
        .await
        .map_err(|e| client.error("AssociateWorkspaceApplication", e))?;
    association_of("AssociateWorkspaceApplication", output.association)
}

pub async fn disassociate_application(
    client: &Client,
    workspace_id: &str,
    application_id: &str,
) -> Result<WorkspaceResourceAssociation> {
    let output = client
        .disassociate_workspace_application()
        .workspace_id(workspace_id)
        .application_id(application_id)
        .send()
        .await
        .map_err(|e| client.error("DisassociateWorkspaceApplication", e))?;
    association_of("DisassociateWorkspaceApplication", output.association)
}

pub async fn deploy_applications(
    client: &Client,
    workspace_id: &str,
    force: bool,
) -> Result<Vec<WorkspaceResourceAssociation>> {
    let output = client
        .deploy_workspace_applications()
        .workspace_id(workspace_id)
        .force(force)
        .send()
        .await
        .map_err(|e| client.error("DeployWorkspaceApplications", e))?;
    Ok(output
        .deployment
        .and_then(|d| d.associations)
        .unwrap_or_default())
}

// -------------------------------------------------------------------- images

#[derive(Debug, Clone, Default)]
pub struct ImageQuery {
    pub ids: Vec<String>,
    pub image_type: Option<ImageType>,
}

/// DescribeWorkspaceImages, one page at a time. The SDK has no paginator
/// for it.
pub fn images(client: &Client, query: ImageQuery) -> Pages<WorkspaceImage> {
    let client = client.clone();
    Pages::per_id_group(&query.ids.clone(), move |ids| {
        let client = client.clone();
        let image_type = query.image_type.clone();
        Pages::following_token(move |next_token| {
            let (client, ids, image_type) = (client.clone(), ids.clone(), image_type.clone());
            async move {
                let output = client
                    .describe_workspace_images()
                    .set_image_ids(ids)
                    .set_image_type(image_type)
                    .max_results(BATCH_SIZE as i32)
                    .set_next_token(next_token)
                    .send()
                    .await
                    .map_err(|e| client.error("DescribeWorkspaceImages", e))?;
                Ok((output.images.unwrap_or_default(), output.next_token))
            }
        })
    })
}

pub async fn describe_images(client: &Client, ids: &[String]) -> Result<Vec<WorkspaceImage>> {
    let query = ImageQuery {
        ids: ids.to_vec(),
        image_type: None,
    };
    images(client, query).all().await
}

pub async fn get_image(client: &Client, id: &str) -> Result<WorkspaceImage> {
    describe_images(client, &[id.to_owned()])
        .await?
        .into_iter()
        .find(|i| i.image_id() == Some(id))
        .ok_or_else(|| {
            service_error(
                "DescribeWorkspaceImages",
                "ResourceNotFoundException",
                &format!("no image {id}"),
            )
        })
}

/// CreateUpdatedWorkspaceImage; returns the new image's ID.
pub async fn create_updated_image(
    client: &Client,
    source_image_id: &str,
    name: &str,
    description: &str,
    tags: Vec<Tag>,
) -> Result<String> {
    let output = client
        .create_updated_workspace_image()
        .source_image_id(source_image_id)
        .name(name)
        .description(description)
        .set_tags(non_empty_list(&tags))
        .send()
        .await
        .map_err(|e| client.error("CreateUpdatedWorkspaceImage", e))?;
    output
        .image_id
        .ok_or_else(|| anyhow::anyhow!("CreateUpdatedWorkspaceImage returned no image ID").into())
}

pub async fn delete_image(client: &Client, id: &str) -> Result<()> {
    client
        .delete_workspace_image()
        .image_id(id)
        .send()
        .await
        .map_err(|e| client.error("DeleteWorkspaceImage", e))?;
    Ok(())
}

// ------------------------------------------------------------------- bundles

/// DescribeWorkspaceBundles, one page at a time: the account's own
/// bundles, or those of `owner` (`AMAZON`).
pub fn bundles(client: &Client, owner: Option<&str>) -> Pages<WorkspaceBundle> {
    let pages = client
        .describe_workspace_bundles()
        .set_owner(owner.map(str::to_owned))
        .into_paginator()
        .send();
    Pages::of_paginator(client, "DescribeWorkspaceBundles", pages, |page| {
        page.bundles.unwrap_or_default()
    })
}

/// The account's own bundles, every page.
pub async fn describe_bundles(client: &Client) -> Result<Vec<WorkspaceBundle>> {
    bundles(client, None).all().await
}

// --------------------------------------------------------------- directories

/// DescribeWorkspaceDirectories, one page at a time.
pub fn directories(client: &Client) -> Pages<WorkspaceDirectory> {
    let pages = client
        .describe_workspace_directories()
        .into_paginator()
        .send();
    Pages::of_paginator(client, "DescribeWorkspaceDirectories", pages, |page| {
        page.directories.unwrap_or_default()
    })
}

/// DescribeTags of a WorkSpace, image, bundle or directory, as a map.
pub async fn describe_tags(
    client: &Client,
    resource_id: &str,
) -> Result<std::collections::HashMap<String, String>> {
    let output = client
        .describe_tags()
        .resource_id(resource_id)
        .send()
        .await
        .map_err(|e| client.error("DescribeTags", e))?;
    Ok(output
        .tag_list
        .unwrap_or_default()
        .into_iter()
        .map(|tag| (tag.key, tag.value.unwrap_or_default()))
        .collect())
}

/// Tags for a create call, from `--tag K=V` pairs.
pub fn tags(pairs: &[(String, String)]) -> Result<Vec<Tag>> {
    pairs
        .iter()
        .map(|(key, value)| {
            Tag::builder()
                .key(key)
                .value(value)
                .build()
                .map_err(build_error)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failed_requests_fail_only_their_target_with_the_code() {
        let ids = vec!["ws-aaaaaaaa".to_owned(), "ws-bbbbbbbb".to_owned()];
        let failed = [FailedWorkspaceChangeRequest::builder()
            .workspace_id("ws-bbbbbbbb")
            .error_code("InvalidResourceState.Workspace")
            .error_message("stopped")
            .build()];
        let results = per_target("RebootWorkspaces", &ids, &failed);
        assert!(results[0].1.is_ok());
        let Err(AppError::Aws(err)) = &results[1].1 else {
            panic!("expected a failure");
        };
        assert_eq!(err.code.as_deref(), Some("InvalidResourceState.Workspace"));
        assert_eq!(err.message, "stopped");
    }
}
