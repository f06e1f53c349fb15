//! The golden-image path: image a WorkSpace, copy the image to another
//! region, share it; images are kept by the region each call is made in.

use serde_json::{Value, json};

use super::{call, call_in, error_code, seeded};
use crate::workspaces::WorkspacesState;

#[test]
fn an_imaged_workspace_is_copied_and_shared() {
    let mut state = seeded(10);
    let workspaces = call(&mut state, "DescribeWorkspaces", json!({}));
    let workspace = workspaces["Workspaces"]
        .as_array()
        .and_then(|all| all.iter().find(|w| w["State"] == "AVAILABLE"))
        .map(|w| w["WorkspaceId"].clone())
        .expect("an AVAILABLE WorkSpace");
    let created = call_in(
        &mut state,
        "us-east-1",
        0,
        "CreateWorkspaceImage",
        json!({"Name": "golden", "Description": "Golden", "WorkspaceId": workspace}),
    )
    .expect("imaged");
    assert_eq!(created["State"], "PENDING");
    let image = created["ImageId"].as_str().expect("an ID").to_owned();

    // Not copyable while PENDING; AVAILABLE one transition later.
    let copy = json!({"Name": "golden", "SourceImageId": image, "SourceRegion": "us-east-1"});
    let early = call_in(
        &mut state,
        "eu-west-1",
        1,
        "CopyWorkspaceImage",
        copy.clone(),
    );
    assert_eq!(
        early.map_err(|e| e.code),
        Err("ResourceUnavailableException")
    );
    let copied = call_in(
        &mut state,
        "eu-west-1",
        31,
        "CopyWorkspaceImage",
        copy.clone(),
    )
    .expect("copied");
    let copy_id = copied["ImageId"].clone();
    // One name a region: a second copy into eu-west-1 of the same name is refused.
    let again = call_in(&mut state, "eu-west-1", 32, "CopyWorkspaceImage", copy);
    assert_eq!(
        again.map_err(|e| e.code),
        Err("ResourceAlreadyExistsException")
    );

    let seen_in = |state: &mut WorkspacesState, region: &str, id: &Value| {
        let answer = call_in(
            state,
            region,
            62,
            "DescribeWorkspaceImages",
            json!({"ImageIds": [id]}),
        )
        .expect("described");
        answer["Images"][0]["State"].as_str().map(str::to_owned)
    };
    assert_eq!(
        seen_in(&mut state, "eu-west-1", &copy_id).as_deref(),
        Some("AVAILABLE")
    );
    assert_eq!(seen_in(&mut state, "us-east-1", &copy_id), None);
    assert_eq!(
        seen_in(&mut state, "us-east-1", &json!(image)).as_deref(),
        Some("AVAILABLE")
    );

    // Sharing is made in the image's own region.
    let share =
        json!({"ImageId": image, "AllowCopyImage": true, "SharedAccountId": "210987654321"});
    let elsewhere = call_in(
        &mut state,
        "eu-west-1",
        63,
        "UpdateWorkspaceImagePermission",
        share.clone(),
    );
    assert_eq!(
        elsewhere.map_err(|e| e.code),
        Err("ResourceNotFoundException")
    );
    call_in(
        &mut state,
        "us-east-1",
        63,
        "UpdateWorkspaceImagePermission",
        share,
    )
    .expect("shared");
    let permissions = call_in(
        &mut state,
        "us-east-1",
        63,
        "DescribeWorkspaceImagePermissions",
        json!({"ImageId": image}),
    )
    .expect("listed");
    assert_eq!(
        permissions["ImagePermissions"],
        json!([{"SharedAccountId": "210987654321"}])
    );
    assert_eq!(permissions["ImageId"], json!(image));
    let unshare =
        json!({"ImageId": image, "AllowCopyImage": false, "SharedAccountId": "210987654321"});
    call_in(
        &mut state,
        "us-east-1",
        64,
        "UpdateWorkspaceImagePermission",
        unshare,
    )
    .expect("unshared");
    let permissions = call_in(
        &mut state,
        "us-east-1",
        64,
        "DescribeWorkspaceImagePermissions",
        json!({"ImageId": image}),
    )
    .expect("listed");
    assert_eq!(permissions["ImagePermissions"], json!([]));
}

#[test]
fn image_path_inputs_are_checked() {
    let mut state = seeded(3);
    assert_eq!(
        error_code(
            &mut state,
            "CreateWorkspaceImage",
            json!({"Name": "g", "Description": "d", "WorkspaceId": "ws-zzzzzzzzz"})
        ),
        "ResourceNotFoundException"
    );
    assert_eq!(
        error_code(
            &mut state,
            "UpdateWorkspaceImagePermission",
            json!({"ImageId": "wsi-aaaaaaaaa", "AllowCopyImage": true, "SharedAccountId": "12"})
        ),
        "ValidationException"
    );
    assert_eq!(
        error_code(
            &mut state,
            "CopyWorkspaceImage",
            json!({"Name": "g", "SourceImageId": "wsi-aaaaaaaaa", "SourceRegion": "US EAST"})
        ),
        "ValidationException"
    );
}

#[test]
fn an_imported_ec2_image_is_dedicated_and_becomes_available() {
    let mut state = seeded(3);
    let input = json!({"Ec2ImageId": "ami-0123abcd", "IngestionProcess": "BYOL_REGULAR",
                       "ImageName": "byol-win10", "ImageDescription": "BYOL Windows 10",
                       "Applications": ["Microsoft_Office_2019"]});
    let imported = call_in(
        &mut state,
        "us-east-1",
        0,
        "ImportWorkspaceImage",
        input.clone(),
    )
    .expect("imported");
    let id = imported["ImageId"].clone();
    let shown = call_in(
        &mut state,
        "us-east-1",
        31,
        "DescribeWorkspaceImages",
        json!({"ImageIds": [id]}),
    )
    .expect("described");
    assert_eq!(shown["Images"][0]["State"], "AVAILABLE");
    assert_eq!(shown["Images"][0]["RequiredTenancy"], "DEDICATED");
    let again = call_in(&mut state, "us-east-1", 32, "ImportWorkspaceImage", input);
    assert_eq!(
        again.map_err(|e| e.code),
        Err("ResourceAlreadyExistsException")
    );
    let bad = json!({"Ec2ImageId": "ami-xyz", "IngestionProcess": "BYOL_REGULAR",
                     "ImageName": "n", "ImageDescription": "d"});
    assert_eq!(
        error_code(&mut state, "ImportWorkspaceImage", bad),
        "ValidationException"
    );
}
