//! Application associations: associating, deploying, and describing them from each side.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use super::super::WorkspacesState;
use super::{all_pages, application_id, call, call_at, error_code, find_workspace, seeded};

/// An AVAILABLE Windows WorkSpace on a POWER bundle with no applications.
fn bare_power_workspace(state: &WorkspacesState) -> String {
    find_workspace(state, |w| {
        w.state == "AVAILABLE"
            && w.workspace_properties.compute_type_name == "POWER"
            && w.workspace_properties
                .operating_system_name
                .starts_with("WINDOWS")
            && state.association_keys_of(&w.workspace_id).is_empty()
    })
}

#[test]
fn associate_then_deploy_installs_the_application() {
    let mut state = seeded(300);
    let workspace_id = bare_power_workspace(&state);
    let office = application_id(&state, super::super::seed::OFFICE_2021);
    let associated = call(
        &mut state,
        "AssociateWorkspaceApplication",
        json!({"WorkspaceId": workspace_id, "ApplicationId": office}),
    );
    assert_eq!(
        associated["Association"]["State"],
        json!("PENDING_INSTALL_DEPLOYMENT")
    );
    assert_eq!(
        associated["Association"]["AssociatedResourceId"],
        json!(office)
    );
    assert_eq!(
        associated["Association"]["AssociatedResourceType"],
        json!("APPLICATION")
    );
    assert_eq!(
        associated["Association"]["WorkspaceId"],
        json!(workspace_id)
    );
    assert_eq!(
        error_code(
            &mut state,
            "AssociateWorkspaceApplication",
            json!({"WorkspaceId": workspace_id, "ApplicationId": office})
        ),
        "ResourceAlreadyExistsException"
    );

    let deployed = call(
        &mut state,
        "DeployWorkspaceApplications",
        json!({"WorkspaceId": workspace_id}),
    );
    let associations = deployed["Deployment"]["Associations"]
        .as_array()
        .expect("Associations");
    assert_eq!(associations.len(), 1);
    assert_eq!(associations[0]["State"], json!("INSTALLING"));
    let describe = |state: &mut WorkspacesState, seconds| {
        call_at(
            state,
            seconds,
            "DescribeWorkspaceAssociations",
            json!({"WorkspaceId": workspace_id, "AssociatedResourceTypes": ["APPLICATION"]}),
        )
        .expect("describe")["Associations"][0]["State"]
            .clone()
    };
    assert_eq!(describe(&mut state, 29), json!("INSTALLING"));
    assert_eq!(describe(&mut state, 30), json!("COMPLETED"));

    let disassociated = call_at(
        &mut state,
        31,
        "DisassociateWorkspaceApplication",
        json!({"WorkspaceId": workspace_id, "ApplicationId": office}),
    )
    .expect("disassociate");
    assert_eq!(
        disassociated["Association"]["State"],
        json!("PENDING_UNINSTALL_DEPLOYMENT")
    );
    let undeployed = call_at(
        &mut state,
        31,
        "DeployWorkspaceApplications",
        json!({"WorkspaceId": workspace_id}),
    )
    .expect("deploy");
    assert_eq!(
        undeployed["Deployment"]["Associations"][0]["State"],
        json!("UNINSTALLING")
    );
    assert_eq!(
        describe(&mut state, 61),
        Value::Null,
        "uninstalled applications are no longer associated"
    );
}

#[test]
fn association_rules_follow_the_service() {
    let mut state = seeded(300);
    let workspace_id = bare_power_workspace(&state);
    let linux_id = find_workspace(&state, |w| {
        w.workspace_properties.operating_system_name == "UBUNTU_22_04"
    });
    let value_id = find_workspace(&state, |w| {
        w.workspace_properties.compute_type_name == "VALUE"
    });
    let office = application_id(&state, super::super::seed::OFFICE_2021);
    let microsoft_365 = application_id(&state, super::super::seed::MICROSOFT_365);
    let office_2019 = application_id(&state, super::super::seed::OFFICE_2019);
    let visual_studio = application_id(&state, super::super::seed::VISUAL_STUDIO_2022);
    let associate = |state: &mut WorkspacesState, workspace: &str, application: &str| {
        call_at(
            state,
            0,
            "AssociateWorkspaceApplication",
            json!({"WorkspaceId": workspace, "ApplicationId": application}),
        )
        .map(|_| ())
        .map_err(|e| e.code)
    };
    assert_eq!(
        associate(&mut state, &linux_id, &office),
        Err("OperatingSystemNotCompatibleException")
    );
    assert_eq!(
        associate(&mut state, &value_id, &visual_studio),
        Err("ComputeNotCompatibleException")
    );
    assert_eq!(
        associate(&mut state, &workspace_id, &office_2019),
        Err("ApplicationNotSupportedException")
    );
    assert_eq!(
        associate(&mut state, &workspace_id, "wsa-zzzzzzzzz"),
        Err("ResourceNotFoundException")
    );
    assert_eq!(
        associate(&mut state, &workspace_id, "office"),
        Err("ValidationException")
    );
    assert_eq!(associate(&mut state, &workspace_id, &office), Ok(()));
    assert_eq!(
        associate(&mut state, &workspace_id, &microsoft_365),
        Err("IncompatibleApplicationsException")
    );
    let removed = call(
        &mut state,
        "DisassociateWorkspaceApplication",
        json!({"WorkspaceId": workspace_id, "ApplicationId": office}),
    );
    assert_eq!(
        removed["Association"]["State"],
        json!("REMOVED"),
        "never installed, so simply removed"
    );
    assert_eq!(
        error_code(
            &mut state,
            "DisassociateWorkspaceApplication",
            json!({"WorkspaceId": workspace_id, "ApplicationId": office})
        ),
        "ResourceNotFoundException"
    );
}

#[test]
fn a_deployment_that_no_longer_fits_fails_with_the_reason_and_force_retries_it() {
    let mut state = seeded(300);
    let workspace_id = bare_power_workspace(&state);
    let visual_studio = application_id(&state, super::super::seed::VISUAL_STUDIO_2022);
    call(
        &mut state,
        "AssociateWorkspaceApplication",
        json!({"WorkspaceId": workspace_id, "ApplicationId": visual_studio}),
    );
    call(
        &mut state,
        "ModifyWorkspaceProperties",
        json!({"WorkspaceId": workspace_id, "WorkspaceProperties": {"ComputeTypeName": "VALUE"}}),
    );
    let deployed = call(
        &mut state,
        "DeployWorkspaceApplications",
        json!({"WorkspaceId": workspace_id}),
    );
    let association = &deployed["Deployment"]["Associations"][0];
    assert_eq!(association["State"], json!("ERROR"));
    assert_eq!(
        association["StateReason"]["ErrorCode"],
        json!("ValidationError.InsufficientMemory")
    );

    let without_force = call(
        &mut state,
        "DeployWorkspaceApplications",
        json!({"WorkspaceId": workspace_id}),
    );
    assert_eq!(
        without_force["Deployment"]["Associations"],
        json!([]),
        "failed deployments wait for Force"
    );
    call_at(
        &mut state,
        40,
        "ModifyWorkspaceProperties",
        json!({"WorkspaceId": workspace_id, "WorkspaceProperties": {"ComputeTypeName": "POWER"}}),
    )
    .expect("modify");
    let forced = call_at(
        &mut state,
        80,
        "DeployWorkspaceApplications",
        json!({"WorkspaceId": workspace_id, "Force": true}),
    )
    .expect("deploy");
    assert_eq!(
        forced["Deployment"]["Associations"][0]["State"],
        json!("INSTALLING")
    );
    assert!(
        forced["Deployment"]["Associations"][0]
            .get("StateReason")
            .is_none()
    );
}

#[test]
fn deploying_to_a_workspace_that_is_not_available_is_refused() {
    let mut state = seeded(100);
    let stopped = find_workspace(&state, |w| w.state == "STOPPED");
    assert_eq!(
        error_code(
            &mut state,
            "DeployWorkspaceApplications",
            json!({"WorkspaceId": stopped})
        ),
        "ResourceInUseException"
    );
    assert_eq!(
        error_code(
            &mut state,
            "DeployWorkspaceApplications",
            json!({"WorkspaceId": "ws-zzzzzzzzz"})
        ),
        "ResourceNotFoundException"
    );
}

#[test]
fn application_associations_are_described_from_each_side() {
    let mut state = seeded(400);
    let office = application_id(&state, super::super::seed::OFFICE_2021);
    let everything = all_pages(
        &mut state,
        "DescribeApplicationAssociations",
        json!({"ApplicationId": office, "AssociatedResourceTypes": ["WORKSPACE", "BUNDLE", "IMAGE"], "MaxResults": 5}),
        "Associations",
    );
    let expected = state
        .associations
        .values()
        .filter(|a| a.application_id == office)
        .count();
    assert_eq!(everything.len(), expected);
    let types: BTreeSet<&str> = everything
        .iter()
        .filter_map(|a| a["AssociatedResourceType"].as_str())
        .collect();
    assert_eq!(types, BTreeSet::from(["BUNDLE", "IMAGE", "WORKSPACE"]));
    assert!(
        everything
            .iter()
            .all(|a| a["ApplicationId"] == json!(office))
    );
    let bundles_only = all_pages(
        &mut state,
        "DescribeApplicationAssociations",
        json!({"ApplicationId": office, "AssociatedResourceTypes": ["BUNDLE"]}),
        "Associations",
    );
    assert_eq!(bundles_only.len(), 2);

    let bundle_id = bundles_only[0]["AssociatedResourceId"]
        .as_str()
        .expect("an id")
        .to_owned();
    let from_bundle = call(
        &mut state,
        "DescribeBundleAssociations",
        json!({"BundleId": bundle_id, "AssociatedResourceTypes": ["APPLICATION"]}),
    );
    let association = &from_bundle["Associations"][0];
    assert_eq!(association["BundleId"], json!(bundle_id));
    assert_eq!(association["AssociatedResourceType"], json!("APPLICATION"));
    let image_id = state.bundles[&bundle_id].bundle.image_id.clone();
    let from_image = call(
        &mut state,
        "DescribeImageAssociations",
        json!({"ImageId": image_id, "AssociatedResourceTypes": ["APPLICATION"]}),
    );
    assert_eq!(from_image["Associations"][0]["ImageId"], json!(image_id));
    assert_eq!(
        error_code(
            &mut state,
            "DescribeBundleAssociations",
            json!({"BundleId": bundle_id, "AssociatedResourceTypes": ["WORKSPACE"]})
        ),
        "ValidationException"
    );
    assert_eq!(
        error_code(
            &mut state,
            "DescribeApplicationAssociations",
            json!({"ApplicationId": office})
        ),
        "ValidationException"
    );
    assert_eq!(
        error_code(
            &mut state,
            "DescribeImageAssociations",
            json!({"ImageId": "wsi-zzzzzzzzz", "AssociatedResourceTypes": ["APPLICATION"]})
        ),
        "ResourceNotFoundException"
    );
    let failed = state
        .associations
        .values()
        .find(|a| a.state == "ERROR")
        .expect("a failed association");
    assert!(failed.state_reason.is_some());
}
