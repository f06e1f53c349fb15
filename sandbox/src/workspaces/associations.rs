//! Application associations: which applications belong to a WorkSpace,
//! bundle or image, associating and disassociating them, and deploying them
//! to a WorkSpace.

use serde_json::{Value, json};

use super::error::WsError;
use super::input::{
    APPLICATION_ID, BUNDLE_ID, IMAGE_ID, Input, WORKSPACE_ID, check_count, check_enums, missing,
    page_size,
};
use super::model::{
    APPLICATION_ASSOCIATED_RESOURCE_TYPES, APPLICATION_RESOURCE_TYPE, Application, Association,
    AssociationView, Schedule, ScheduledState, StateReason, WorkspaceProperties,
};
use super::paging::Listing;
use super::seed::INCOMPATIBLE_APPLICATIONS;
use super::{Clock, WorkspacesState};

/// Why an application cannot run on a WorkSpace: the exception
/// AssociateWorkspaceApplication throws, and the `StateReason` a deployment
/// records.
struct Incompatibility {
    exception: &'static str,
    reason: StateReason,
}

fn incompatibility(
    application: &Application,
    properties: &WorkspaceProperties,
) -> Option<Incompatibility> {
    if !application
        .supported_operating_system_names
        .contains(&properties.operating_system_name)
    {
        return Some(Incompatibility {
            exception: "OperatingSystemNotCompatibleException",
            reason: StateReason {
                error_code: "ValidationError.UnsupportedOperatingSystem".to_owned(),
                error_message: format!(
                    "{} does not support {}.",
                    application.name, properties.operating_system_name
                ),
            },
        });
    }
    if !application
        .supported_compute_type_names
        .contains(&properties.compute_type_name)
    {
        // Compute types too small for an application fail validation for memory.
        return Some(Incompatibility {
            exception: "ComputeNotCompatibleException",
            reason: StateReason {
                error_code: "ValidationError.InsufficientMemory".to_owned(),
                error_message: format!(
                    "{} does not support the {} compute type.",
                    application.name, properties.compute_type_name
                ),
            },
        });
    }
    None
}

/// What a deployment does to one association.
enum DeploymentStep {
    Install,
    Uninstall,
}

fn incompatible_pair(first: &str, second: &str) -> bool {
    INCOMPATIBLE_APPLICATIONS
        .iter()
        .any(|(a, b)| (*a == first && *b == second) || (*a == second && *b == first))
}

/// The `AssociatedResourceTypes` of the bundle, image and WorkSpace
/// association operations: only APPLICATION.
fn check_application_resource_types(input: &Input) -> Result<(), WsError> {
    let path = input.path_of("AssociatedResourceTypes");
    let types = input
        .strings("AssociatedResourceTypes")?
        .ok_or_else(|| missing(&path))?;
    check_count(&path, types.len(), 1, 1)?;
    check_enums(&path, &types, APPLICATION_RESOURCE_TYPE)
}

impl WorkspacesState {
    fn workspace_properties(&self, workspace_id: &str) -> Result<&WorkspaceProperties, WsError> {
        self.workspaces
            .get(workspace_id)
            .map(|record| &record.workspace.workspace_properties)
            .ok_or_else(|| {
                WsError::not_found(format!("The WorkSpace {workspace_id} could not be found."))
            })
    }

    fn resource_associations(&self, resource_id: &str) -> Vec<Value> {
        self.association_keys_of(resource_id)
            .iter()
            .filter_map(|key| self.associations.get(key))
            .map(|association| association.to_wire(AssociationView::FromResource))
            .collect()
    }

    pub(super) fn describe_application_associations(
        &self,
        input: &Input,
        _: &Clock,
    ) -> Result<Value, WsError> {
        let application_id = input.required_id("ApplicationId", &APPLICATION_ID)?;
        let path = input.path_of("AssociatedResourceTypes");
        let types = input
            .strings("AssociatedResourceTypes")?
            .ok_or_else(|| missing(&path))?;
        check_count(&path, types.len(), 1, 3)?;
        check_enums(&path, &types, APPLICATION_ASSOCIATED_RESOURCE_TYPES)?;
        let size = page_size(input, "MaxResults", 25, 25)?;
        self.application(application_id)?;
        let listing = Listing::start("Associations", input.str("NextToken")?)?;
        let entries = listing
            .entries(&self.associations)
            .filter(|(_, association)| {
                association.application_id == application_id
                    && types.contains(&association.resource_type.as_str())
            })
            .map(|(key, association)| (key, association.to_wire(AssociationView::FromApplication)));
        listing.page(entries, size)
    }

    pub(super) fn describe_bundle_associations(
        &self,
        input: &Input,
        _: &Clock,
    ) -> Result<Value, WsError> {
        let bundle_id = input.required_id("BundleId", &BUNDLE_ID)?;
        check_application_resource_types(input)?;
        if !self.bundles.contains_key(bundle_id) {
            return Err(WsError::not_found(format!(
                "The bundle {bundle_id} could not be found."
            )));
        }
        Ok(json!({"Associations": self.resource_associations(bundle_id)}))
    }

    pub(super) fn describe_image_associations(
        &self,
        input: &Input,
        _: &Clock,
    ) -> Result<Value, WsError> {
        let image_id = input.required_id("ImageId", &IMAGE_ID)?;
        check_application_resource_types(input)?;
        if !self.images.contains_key(image_id) {
            return Err(WsError::not_found(format!(
                "The image {image_id} could not be found."
            )));
        }
        Ok(json!({"Associations": self.resource_associations(image_id)}))
    }

    pub(super) fn describe_workspace_associations(
        &self,
        input: &Input,
        _: &Clock,
    ) -> Result<Value, WsError> {
        let workspace_id = input.required_id("WorkspaceId", &WORKSPACE_ID)?;
        check_application_resource_types(input)?;
        self.workspace_properties(workspace_id)?;
        Ok(json!({"Associations": self.resource_associations(workspace_id)}))
    }

    pub(super) fn associate_workspace_application(
        &mut self,
        input: &Input,
        clock: &Clock,
    ) -> Result<Value, WsError> {
        let workspace_id = input.required_id("WorkspaceId", &WORKSPACE_ID)?;
        let application_id = input.required_id("ApplicationId", &APPLICATION_ID)?;
        let properties = self.workspace_properties(workspace_id)?;
        let application = self.application(application_id)?;
        if application.state != "AVAILABLE" {
            return Err(WsError::of(
                "ApplicationNotSupportedException",
                format!(
                    "{} is {} and cannot be associated with WorkSpaces.",
                    application.name, application.state
                ),
            ));
        }
        let key = Association::key(workspace_id, application_id);
        if self.associations.contains_key(&key) {
            return Err(WsError::of(
                "ResourceAlreadyExistsException",
                format!(
                    "{} is already associated with the WorkSpace {workspace_id}.",
                    application.name
                ),
            ));
        }
        if let Some(problem) = incompatibility(application, properties) {
            return Err(WsError::of(problem.exception, problem.reason.error_message));
        }
        let conflicting = self
            .association_keys_of(workspace_id)
            .iter()
            .filter_map(|other| self.associations.get(other))
            .filter_map(|other| self.applications.get(&other.application_id))
            .find(|other| incompatible_pair(&other.name, &application.name));
        if let Some(other) = conflicting {
            return Err(WsError::of(
                "IncompatibleApplicationsException",
                format!(
                    "{} cannot be installed alongside {}.",
                    application.name, other.name
                ),
            ));
        }
        let association = Association {
            application_id: application_id.to_owned(),
            resource_type: "WORKSPACE".to_owned(),
            resource_id: workspace_id.to_owned(),
            created: clock.now,
            last_updated_time: clock.now,
            state: "PENDING_INSTALL_DEPLOYMENT".to_owned(),
            state_reason: None,
            schedule: Schedule::default(),
        };
        let wire = association.to_wire(AssociationView::FromResource);
        self.associations.insert(key, association);
        Ok(json!({"Association": wire}))
    }

    pub(super) fn disassociate_workspace_application(
        &mut self,
        input: &Input,
        clock: &Clock,
    ) -> Result<Value, WsError> {
        let workspace_id = input.required_id("WorkspaceId", &WORKSPACE_ID)?;
        let application_id = input.required_id("ApplicationId", &APPLICATION_ID)?;
        self.workspace_properties(workspace_id)?;
        self.application(application_id)?;
        let key = Association::key(workspace_id, application_id);
        let association = self.associations.get_mut(&key).ok_or_else(|| {
            WsError::not_found(format!(
                "The application {application_id} is not associated with the WorkSpace {workspace_id}."
            ))
        })?;
        match association.state.as_str() {
            "INSTALLING" | "UNINSTALLING" => Err(WsError::of(
                "ResourceInUseException",
                format!(
                    "The application {application_id} is {} on the WorkSpace {workspace_id}.",
                    association.state
                ),
            )),
            // Never installed: there is nothing to uninstall.
            "PENDING_INSTALL_DEPLOYMENT" | "PENDING_INSTALL" | "ERROR" => {
                let mut removed = association.clone();
                self.associations.remove(&key);
                removed.state = "REMOVED".to_owned();
                removed.state_reason = None;
                removed.last_updated_time = clock.now;
                Ok(json!({"Association": removed.to_wire(AssociationView::FromResource)}))
            }
            _ => {
                if association.state != "PENDING_UNINSTALL_DEPLOYMENT" {
                    association.state = "PENDING_UNINSTALL_DEPLOYMENT".to_owned();
                    association.last_updated_time = clock.now;
                }
                Ok(json!({"Association": association.to_wire(AssociationView::FromResource)}))
            }
        }
    }

    pub(super) fn deploy_workspace_applications(
        &mut self,
        input: &Input,
        clock: &Clock,
    ) -> Result<Value, WsError> {
        let workspace_id = input.required_id("WorkspaceId", &WORKSPACE_ID)?;
        let force = input.bool("Force")?.unwrap_or(false);
        let record = self.workspaces.get(workspace_id).ok_or_else(|| {
            WsError::not_found(format!("The WorkSpace {workspace_id} could not be found."))
        })?;
        if record.workspace.state != "AVAILABLE" {
            return Err(WsError::of(
                "ResourceInUseException",
                format!(
                    "Applications can be deployed only to an AVAILABLE WorkSpace; {workspace_id} is {}.",
                    record.workspace.state
                ),
            ));
        }
        let properties = record.workspace.workspace_properties.clone();
        let mut deployed = Vec::new();
        for key in self.association_keys_of(workspace_id) {
            let Some(association) = self.associations.get(&key) else {
                continue;
            };
            let problem = self
                .applications
                .get(&association.application_id)
                .and_then(|application| incompatibility(application, &properties));
            let Some(association) = self.associations.get_mut(&key) else {
                continue;
            };
            // Force is what retries a failed installation.
            let step = match association.state.as_str() {
                "PENDING_INSTALL_DEPLOYMENT" | "PENDING_INSTALL" => DeploymentStep::Install,
                "ERROR" if force => DeploymentStep::Install,
                "PENDING_UNINSTALL_DEPLOYMENT" | "PENDING_UNINSTALL" => DeploymentStep::Uninstall,
                _ => continue,
            };
            association.last_updated_time = clock.now;
            match step {
                DeploymentStep::Install => match problem {
                    Some(problem) => {
                        association.state = "ERROR".to_owned();
                        association.state_reason = Some(problem.reason);
                    }
                    None => {
                        association.state = "INSTALLING".to_owned();
                        association.state_reason = None;
                        association.schedule = Schedule::new(vec![ScheduledState {
                            at: clock.after(1),
                            state: Some("COMPLETED".to_owned()),
                        }]);
                    }
                },
                DeploymentStep::Uninstall => {
                    association.state = "UNINSTALLING".to_owned();
                    association.schedule = Schedule::new(vec![ScheduledState {
                        at: clock.after(1),
                        state: None,
                    }]);
                }
            }
            deployed.push(association.to_wire(AssociationView::FromResource));
        }
        Ok(json!({"Deployment": {"Associations": deployed}}))
    }
}
