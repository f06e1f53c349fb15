//! Images: owned and shared, updated copies, deletion.

use std::collections::BTreeSet;

use serde_json::json;

use super::super::{ACCOUNT_ID, WorkspacesState};
use super::{all_pages, call, call_at, error_code, ids_of, seeded};

fn image_named(state: &WorkspacesState, name: &str) -> String {
    state
        .images
        .values()
        .find(|r| r.image.name == name)
        .map(|r| r.image.image_id.clone())
        .expect("the image")
}

#[test]
fn describe_workspace_images_tells_owned_from_shared() {
    let mut state = seeded(5);
    let owned = call(
        &mut state,
        "DescribeWorkspaceImages",
        json!({"ImageType": "OWNED"}),
    );
    let shared = call(
        &mut state,
        "DescribeWorkspaceImages",
        json!({"ImageType": "SHARED"}),
    );
    let all = all_pages(
        &mut state,
        "DescribeWorkspaceImages",
        json!({"MaxResults": 3}),
        "Images",
    );
    let owned = owned["Images"].as_array().expect("list");
    let shared = shared["Images"].as_array().expect("list");
    assert!(
        owned
            .iter()
            .all(|i| i["OwnerAccountId"] == json!(ACCOUNT_ID))
    );
    assert!(
        shared
            .iter()
            .all(|i| i["OwnerAccountId"] != json!(ACCOUNT_ID))
    );
    assert_eq!(owned.len() + shared.len(), all.len());
    assert!(!shared.is_empty());
    let broken = all
        .iter()
        .find(|i| i["State"] == json!("ERROR"))
        .expect("an image in ERROR");
    assert!(broken["ErrorCode"].is_string() && broken["ErrorMessage"].is_string());
    assert!(
        all.iter()
            .any(|i| i["Updates"]["UpdateAvailable"] == json!(true))
    );
    assert_eq!(
        error_code(
            &mut state,
            "DescribeWorkspaceImages",
            json!({"ImageType": "MINE"})
        ),
        "ValidationException"
    );
}

#[test]
fn create_updated_workspace_image_copies_the_source() {
    let mut state = seeded(5);
    let source_id = image_named(&state, "finance-win10-2024-06");
    let answer = call(
        &mut state,
        "CreateUpdatedWorkspaceImage",
        json!({"Name": "finance-win10-2026-03", "Description": "Finance desktop updated", "SourceImageId": source_id,
               "Tags": [{"Key": "Team", "Value": "finance"}]}),
    );
    let image_id = answer["ImageId"].as_str().expect("ImageId").to_owned();
    assert!(super::super::input::IMAGE_ID.matches(&image_id));
    let describe = |state: &mut WorkspacesState, seconds| {
        call_at(
            state,
            seconds,
            "DescribeWorkspaceImages",
            json!({"ImageIds": [image_id]}),
        )
        .expect("describe")["Images"][0]
            .clone()
    };
    let pending = describe(&mut state, 1);
    let source = state.images[&source_id].image.clone();
    assert_eq!(pending["State"], json!("PENDING"));
    assert_eq!(pending["Name"], json!("finance-win10-2026-03"));
    assert_eq!(pending["Description"], json!("Finance desktop updated"));
    assert_eq!(
        pending["OperatingSystem"]["Type"],
        json!(source.operating_system.family)
    );
    assert_eq!(pending["RequiredTenancy"], json!(source.required_tenancy));
    assert_eq!(pending["OwnerAccountId"], json!(source.owner_account_id));
    assert_eq!(pending["Updates"]["UpdateAvailable"], json!(false));
    assert_eq!(describe(&mut state, 30)["State"], json!("AVAILABLE"));
    let copied: BTreeSet<_> = state
        .association_keys_of(&image_id)
        .iter()
        .map(|k| state.associations[k].application_id.clone())
        .collect();
    let original: BTreeSet<_> = state
        .association_keys_of(&source_id)
        .iter()
        .map(|k| state.associations[k].application_id.clone())
        .collect();
    assert!(!original.is_empty());
    assert_eq!(copied, original);
    let tags = call(&mut state, "DescribeTags", json!({"ResourceId": image_id}));
    assert_eq!(
        tags["TagList"],
        json!([{"Key": "Team", "Value": "finance"}])
    );
}

#[test]
fn create_updated_workspace_image_needs_an_owned_windows_image_with_updates() {
    let mut state = seeded(5);
    let create = |state: &mut WorkspacesState, name: &str, source: &str| {
        call_at(
            state,
            0,
            "CreateUpdatedWorkspaceImage",
            json!({"Name": name, "Description": "updated", "SourceImageId": source}),
        )
        .map(|_| ())
        .map_err(|e| e.code)
    };
    let no_updates = image_named(&state, "engineering-win11-vs2022");
    let linux = image_named(&state, "analytics-ubuntu-2204");
    let shared = image_named(&state, "shared-design-win11-gpu");
    let broken = image_named(&state, "legacy-win10-2021");
    let finance = image_named(&state, "finance-win10-2024-06");
    assert_eq!(
        create(&mut state, "a", &no_updates),
        Err("OperationNotSupportedException")
    );
    assert_eq!(
        create(&mut state, "b", &linux),
        Err("OperationNotSupportedException")
    );
    assert_eq!(
        create(&mut state, "c", &shared),
        Err("OperationNotSupportedException")
    );
    assert_eq!(
        create(&mut state, "d", &broken),
        Err("InvalidResourceStateException")
    );
    assert_eq!(
        create(&mut state, "e", "wsi-zzzzzzzzz"),
        Err("ResourceNotFoundException")
    );
    assert_eq!(
        create(&mut state, "engineering-win11-vs2022", &finance),
        Err("ResourceAlreadyExistsException")
    );
    assert_eq!(
        create(&mut state, "bad name!", &finance),
        Err("ValidationException")
    );
    assert_eq!(create(&mut state, "f", &finance), Ok(()));
}

#[test]
fn an_image_a_bundle_uses_cannot_be_deleted() {
    let mut state = seeded(5);
    let used = image_named(&state, "finance-win10-2024-06");
    let unused = image_named(&state, "legacy-win10-2021");
    let shared = image_named(&state, "shared-al2-devtools");
    assert_eq!(
        error_code(&mut state, "DeleteWorkspaceImage", json!({"ImageId": used})),
        "ResourceAssociatedException"
    );
    assert_eq!(
        error_code(
            &mut state,
            "DeleteWorkspaceImage",
            json!({"ImageId": shared})
        ),
        "AccessDeniedException"
    );
    assert_eq!(
        call(
            &mut state,
            "DeleteWorkspaceImage",
            json!({"ImageId": unused})
        ),
        json!({})
    );
    let left = call(
        &mut state,
        "DescribeWorkspaceImages",
        json!({"ImageIds": [unused, used]}),
    );
    assert_eq!(ids_of(&left["Images"], "ImageId"), vec![used]);
}

#[test]
fn describe_workspace_images_takes_at_most_twenty_five_a_page() {
    let mut state = seeded(5);
    for size in [0, 26, 1000] {
        assert_eq!(
            error_code(
                &mut state,
                "DescribeWorkspaceImages",
                json!({"MaxResults": size})
            ),
            "ValidationException",
            "MaxResults {size}"
        );
    }
    let page = call(
        &mut state,
        "DescribeWorkspaceImages",
        json!({"MaxResults": 25}),
    );
    assert!(
        page["Images"]
            .as_array()
            .is_some_and(|images| !images.is_empty())
    );
}
