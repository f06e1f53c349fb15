//! Amazon WorkSpaces calls: WorkSpaces, applications and their associations,
//! images. The WorkSpaces API takes at most 25 IDs a call; everything here
//! splits longer lists itself.

use std::collections::{HashMap, VecDeque};

use aws_sdk_workspaces::Client;
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

use crate::bulk::BatchResult;
use crate::error::{AppError, AwsError, AwsErrorKind, Result, from_sdk};

/// The most IDs (and CreateWorkspaces requests) one WorkSpaces call takes.
pub const BATCH_SIZE: usize = 25;

/// The requests a listing needs: one unfiltered by ID, or one per 25 IDs.
fn id_groups(ids: &[String]) -> VecDeque<Option<Vec<String>>> {
    if ids.is_empty() {
        VecDeque::from([None])
    } else {
        ids.chunks(BATCH_SIZE).map(|c| Some(c.to_vec())).collect()
    }
}

fn non_empty(token: Option<String>) -> Option<String> {
    token.filter(|t| !t.is_empty())
}

/// An error in the shape the service would give, for what a describe call
/// answers with silence (an ID it does not know) or a per-item failure.
pub fn service_error(operation: &'static str, code: &str, message: &str) -> AppError {
    AppError::Aws(Box::new(AwsError {
        operation,
        kind: AwsErrorKind::Service,
        code: Some(code.to_owned()),
        message: message.to_owned(),
        request_id: None,
        fields: Vec::new(),
        retry_after: None,
    }))
}

/// A failed call reported against each target of its batch: every target
/// gets the same code and message (errors are not `Clone`).
fn same_error_for(err: &AppError) -> AppError {
    match err {
        AppError::Aws(aws) => AppError::Aws(Box::new(AwsError {
            operation: aws.operation,
            kind: aws.kind,
            code: aws.code.clone(),
            message: aws.message.clone(),
            request_id: aws.request_id.clone(),
            fields: aws.fields.clone(),
            retry_after: aws.retry_after,
        })),
        other => AppError::Failed(other.to_string()),
    }
}

fn build_error(err: aws_smithy_types::error::operation::BuildError) -> AppError {
    anyhow::anyhow!("could not build the request: {err}").into()
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
pub struct WorkspacePages {
    client: Client,
    query: WorkspaceQuery,
    groups: VecDeque<Option<Vec<String>>>,
    current: Option<Vec<String>>,
    next_token: Option<String>,
}

impl WorkspacePages {
    pub fn new(client: Client, query: WorkspaceQuery) -> Self {
        WorkspacePages {
            client,
            groups: id_groups(&query.ids),
            query,
            current: None,
            next_token: None,
        }
    }

    pub async fn next_page(&mut self) -> Result<Option<Vec<Workspace>>> {
        if self.next_token.is_none() {
            match self.groups.pop_front() {
                Some(group) => self.current = group,
                None => return Ok(None),
            }
        }
        let by_id = self.current.is_some();
        let filter = |value: &Option<String>| if by_id { None } else { value.clone() };
        let output = self
            .client
            .describe_workspaces()
            .set_workspace_ids(self.current.clone())
            .set_directory_id(filter(&self.query.directory_id))
            .set_user_name(filter(&self.query.user_name))
            .set_bundle_id(filter(&self.query.bundle_id))
            .limit(BATCH_SIZE as i32)
            .set_next_token(self.next_token.take())
            .send()
            .await
            .map_err(|e| from_sdk("DescribeWorkspaces", e))?;
        self.next_token = non_empty(output.next_token);
        Ok(Some(output.workspaces.unwrap_or_default()))
    }

    pub async fn collect(mut self) -> Result<Vec<Workspace>> {
        let mut all = Vec::new();
        while let Some(page) = self.next_page().await? {
            all.extend(page);
        }
        Ok(all)
    }
}

/// When each WorkSpace's user last connected
/// (DescribeWorkspacesConnectionStatus, every page); a WorkSpace nobody ever
/// connected to is absent.
pub async fn last_user_connections(client: &Client) -> Result<HashMap<String, DateTime>> {
    let mut connections = HashMap::new();
    let mut next_token = None;
    loop {
        let output = client
            .describe_workspaces_connection_status()
            .set_next_token(next_token)
            .send()
            .await
            .map_err(|e| from_sdk("DescribeWorkspacesConnectionStatus", e))?;
        for status in output.workspaces_connection_status.unwrap_or_default() {
            if let (Some(id), Some(at)) = (
                status.workspace_id,
                status.last_known_user_connection_timestamp,
            ) {
                connections.insert(id, at);
            }
        }
        next_token = non_empty(output.next_token);
        if next_token.is_none() {
            return Ok(connections);
        }
    }
}

pub async fn describe_workspaces(client: &Client, ids: &[String]) -> Result<Vec<Workspace>> {
    let query = WorkspaceQuery {
        ids: ids.to_vec(),
        ..WorkspaceQuery::default()
    };
    WorkspacePages::new(client.clone(), query).collect().await
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
pub async fn change_state(client: &Client, change: StateChange, ids: &[String]) -> BatchResult {
    let failed = send_state_change(client, change, ids).await;
    match failed {
        Err(err) => ids
            .iter()
            .map(|id| (id.clone(), Err(same_error_for(&err))))
            .collect(),
        Ok(failed) => per_target(change.operation(), ids, &failed),
    }
}

async fn send_state_change(
    client: &Client,
    change: StateChange,
    ids: &[String],
) -> Result<Vec<FailedWorkspaceChangeRequest>> {
    let operation = change.operation();
    let failed = match change {
        StateChange::Start => client
            .start_workspaces()
            .set_start_workspace_requests(Some(
                ids.iter()
                    .map(|id| StartRequest::builder().workspace_id(id).build())
                    .collect(),
            ))
            .send()
            .await
            .map(|o| o.failed_requests)
            .map_err(|e| from_sdk(operation, e))?,
        StateChange::Stop => client
            .stop_workspaces()
            .set_stop_workspace_requests(Some(
                ids.iter()
                    .map(|id| StopRequest::builder().workspace_id(id).build())
                    .collect(),
            ))
            .send()
            .await
            .map(|o| o.failed_requests)
            .map_err(|e| from_sdk(operation, e))?,
        StateChange::Reboot => client
            .reboot_workspaces()
            .set_reboot_workspace_requests(Some(
                ids.iter()
                    .map(|id| RebootRequest::builder().workspace_id(id).build())
                    .collect::<Result<_, _>>()
                    .map_err(build_error)?,
            ))
            .send()
            .await
            .map(|o| o.failed_requests)
            .map_err(|e| from_sdk(operation, e))?,
        StateChange::Rebuild => client
            .rebuild_workspaces()
            .set_rebuild_workspace_requests(Some(
                ids.iter()
                    .map(|id| RebuildRequest::builder().workspace_id(id).build())
                    .collect::<Result<_, _>>()
                    .map_err(build_error)?,
            ))
            .send()
            .await
            .map(|o| o.failed_requests)
            .map_err(|e| from_sdk(operation, e))?,
        StateChange::Terminate => client
            .terminate_workspaces()
            .set_terminate_workspace_requests(Some(
                ids.iter()
                    .map(|id| TerminateRequest::builder().workspace_id(id).build())
                    .collect::<Result<_, _>>()
                    .map_err(build_error)?,
            ))
            .send()
            .await
            .map(|o| o.failed_requests)
            .map_err(|e| from_sdk(operation, e))?,
    };
    Ok(failed.unwrap_or_default())
}

/// `FailedRequests` turned into each target's result, with the entry's
/// code and message.
fn per_target(
    operation: &'static str,
    ids: &[String],
    failed: &[FailedWorkspaceChangeRequest],
) -> BatchResult {
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
        .map_err(|e| from_sdk("CreateWorkspaces", e))?;
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
        .map_err(|e| from_sdk("ModifyWorkspaceProperties", e))?;
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

/// DescribeApplications, one page at a time. The SDK has no paginator for
/// it, so `NextToken` is followed here.
pub struct ApplicationPages {
    client: Client,
    query: ApplicationQuery,
    groups: VecDeque<Option<Vec<String>>>,
    current: Option<Vec<String>>,
    next_token: Option<String>,
}

fn non_empty_list<T>(items: &[T]) -> Option<Vec<T>>
where
    T: Clone,
{
    (!items.is_empty()).then(|| items.to_vec())
}

impl ApplicationPages {
    pub fn new(client: Client, query: ApplicationQuery) -> Self {
        ApplicationPages {
            client,
            groups: id_groups(&query.ids),
            query,
            current: None,
            next_token: None,
        }
    }

    pub async fn next_page(&mut self) -> Result<Option<Vec<WorkSpaceApplication>>> {
        if self.next_token.is_none() {
            match self.groups.pop_front() {
                Some(group) => self.current = group,
                None => return Ok(None),
            }
        }
        let output = self
            .client
            .describe_applications()
            .set_application_ids(self.current.clone())
            .set_compute_type_names(non_empty_list(&self.query.compute_types))
            .set_license_type(self.query.license_type.clone())
            .set_operating_system_names(non_empty_list(&self.query.operating_systems))
            .set_owner(self.query.owner.clone())
            .set_next_token(self.next_token.take())
            .send()
            .await
            .map_err(|e| from_sdk("DescribeApplications", e))?;
        self.next_token = non_empty(output.next_token);
        Ok(Some(output.applications.unwrap_or_default()))
    }
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
        .map_err(|e| from_sdk("DescribeWorkspaceAssociations", e))?;
    Ok(output.associations.unwrap_or_default())
}

/// DescribeApplicationAssociations, every page.
pub async fn application_associations(
    client: &Client,
    application_id: &str,
    types: Vec<ApplicationAssociatedResourceType>,
) -> Result<Vec<ApplicationResourceAssociation>> {
    let mut all = Vec::new();
    let mut next_token = None;
    loop {
        let output = client
            .describe_application_associations()
            .application_id(application_id)
            .set_associated_resource_types(Some(types.clone()))
            .set_next_token(next_token)
            .send()
            .await
            .map_err(|e| from_sdk("DescribeApplicationAssociations", e))?;
        all.extend(output.associations.unwrap_or_default());
        next_token = non_empty(output.next_token);
        if next_token.is_none() {
            return Ok(all);
        }
    }
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
        .map_err(|e| from_sdk("DescribeBundleAssociations", e))?;
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
        .map_err(|e| from_sdk("DescribeImageAssociations", e))?;
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
        .map_err(|e| from_sdk("AssociateWorkspaceApplication", e))?;
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
        .map_err(|e| from_sdk("DisassociateWorkspaceApplication", e))?;
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
        .map_err(|e| from_sdk("DeployWorkspaceApplications", e))?;
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

/// DescribeWorkspaceImages, one page at a time.
pub struct ImagePages {
    client: Client,
    query: ImageQuery,
    groups: VecDeque<Option<Vec<String>>>,
    current: Option<Vec<String>>,
    next_token: Option<String>,
}

impl ImagePages {
    pub fn new(client: Client, query: ImageQuery) -> Self {
        ImagePages {
            client,
            groups: id_groups(&query.ids),
            query,
            current: None,
            next_token: None,
        }
    }

    pub async fn next_page(&mut self) -> Result<Option<Vec<WorkspaceImage>>> {
        if self.next_token.is_none() {
            match self.groups.pop_front() {
                Some(group) => self.current = group,
                None => return Ok(None),
            }
        }
        let output = self
            .client
            .describe_workspace_images()
            .set_image_ids(self.current.clone())
            .set_image_type(self.query.image_type.clone())
            .max_results(BATCH_SIZE as i32)
            .set_next_token(self.next_token.take())
            .send()
            .await
            .map_err(|e| from_sdk("DescribeWorkspaceImages", e))?;
        self.next_token = non_empty(output.next_token);
        Ok(Some(output.images.unwrap_or_default()))
    }
}

pub async fn describe_images(client: &Client, ids: &[String]) -> Result<Vec<WorkspaceImage>> {
    let query = ImageQuery {
        ids: ids.to_vec(),
        image_type: None,
    };
    let mut pages = ImagePages::new(client.clone(), query);
    let mut all = Vec::new();
    while let Some(page) = pages.next_page().await? {
        all.extend(page);
    }
    Ok(all)
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
        .map_err(|e| from_sdk("CreateUpdatedWorkspaceImage", e))?;
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
        .map_err(|e| from_sdk("DeleteWorkspaceImage", e))?;
    Ok(())
}

// ------------------------------------------------------------------- bundles

/// DescribeWorkspaceBundles without a filter: the account's own bundles,
/// every page.
pub async fn describe_bundles(client: &Client) -> Result<Vec<WorkspaceBundle>> {
    describe_bundles_owned_by(client, None).await
}

/// DescribeWorkspaceBundles of one owner (`AMAZON`; `None`: the account),
/// every page.
pub async fn describe_bundles_owned_by(
    client: &Client,
    owner: Option<&str>,
) -> Result<Vec<WorkspaceBundle>> {
    let mut all = Vec::new();
    let mut next_token = None;
    loop {
        let output = client
            .describe_workspace_bundles()
            .set_owner(owner.map(str::to_owned))
            .set_next_token(next_token)
            .send()
            .await
            .map_err(|e| from_sdk("DescribeWorkspaceBundles", e))?;
        all.extend(output.bundles.unwrap_or_default());
        next_token = non_empty(output.next_token);
        if next_token.is_none() {
            return Ok(all);
        }
    }
}

// --------------------------------------------------------------- directories

/// DescribeWorkspaceDirectories, every page.
pub async fn describe_directories(client: &Client) -> Result<Vec<WorkspaceDirectory>> {
    client
        .describe_workspace_directories()
        .into_paginator()
        .items()
        .send()
        .try_collect()
        .await
        .map_err(|e| from_sdk("DescribeWorkspaceDirectories", e))
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
        .map_err(|e| from_sdk("DescribeTags", e))?;
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

impl crate::fanout::PageSource<Workspace> for WorkspacePages {
    async fn next_page(&mut self) -> Result<Option<Vec<Workspace>>> {
        WorkspacePages::next_page(self).await
    }
}

impl crate::fanout::PageSource<WorkSpaceApplication> for ApplicationPages {
    async fn next_page(&mut self) -> Result<Option<Vec<WorkSpaceApplication>>> {
        ApplicationPages::next_page(self).await
    }
}

impl crate::fanout::PageSource<WorkspaceImage> for ImagePages {
    async fn next_page(&mut self) -> Result<Option<Vec<WorkspaceImage>>> {
        ImagePages::next_page(self).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_go_25_a_request() {
        let ids: Vec<String> = (0..60).map(|i| format!("ws-{i:08}")).collect();
        let groups = id_groups(&ids);
        let sizes: Vec<usize> = groups
            .iter()
            .map(|g| g.as_ref().map_or(0, Vec::len))
            .collect();
        assert_eq!(sizes, [25, 25, 10]);
        assert_eq!(id_groups(&[]), VecDeque::from([None]));
    }

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
