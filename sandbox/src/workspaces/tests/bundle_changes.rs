//! Creating, updating and deleting the account's bundles.

use serde_json::json;

use super::{call, error_code, seeded};

/// An AVAILABLE image of the account and a bundle of the account.
fn image_and_bundle(state: &mut super::WorkspacesState) -> (String, String) {
    let images = call(
        state,
        "DescribeWorkspaceImages",
        json!({"ImageType": "OWNED"}),
    );
    let image = images["Images"]
        .as_array()
        .and_then(|images| images.iter().find(|i| i["State"] == "AVAILABLE"))
        .map(|i| i["ImageId"].as_str().unwrap_or_default().to_owned())
        .unwrap_or_default();
    let created = call(
        state,
        "CreateWorkspaceBundle",
        json!({"BundleName": "golden", "BundleDescription": "Golden desktop",
               "ImageId": image, "ComputeType": {"Name": "STANDARD"},
               "UserStorage": {"Capacity": "50"}}),
    );
    let bundle = created["WorkspaceBundle"]["BundleId"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    (image, bundle)
}

#[test]
fn a_created_bundle_is_the_accounts_and_listed() {
    let mut state = seeded(3);
    let (image, bundle) = image_and_bundle(&mut state);
    let listed = call(
        &mut state,
        "DescribeWorkspaceBundles",
        json!({"BundleIds": [bundle]}),
    );
    let shown = &listed["Bundles"][0];
    assert_eq!(shown["ImageId"], json!(image));
    assert_eq!(shown["RootStorage"]["Capacity"], "80");
    assert_eq!(shown["UserStorage"]["Capacity"], "50");
    assert_eq!(shown["Owner"], super::super::ACCOUNT_ID);
    // The same name twice, a missing member, a size out of range.
    let again = json!({"BundleName": "golden", "BundleDescription": "d", "ImageId": image,
                       "ComputeType": {"Name": "STANDARD"}, "UserStorage": {"Capacity": "50"}});
    assert_eq!(
        error_code(&mut state, "CreateWorkspaceBundle", again),
        "ResourceAlreadyExistsException"
    );
    let small = json!({"BundleName": "tiny", "BundleDescription": "d", "ImageId": image,
                       "ComputeType": {"Name": "STANDARD"}, "UserStorage": {"Capacity": "1"}});
    assert_eq!(
        error_code(&mut state, "CreateWorkspaceBundle", small),
        "InvalidParameterValuesException"
    );
    let no_compute = json!({"BundleName": "x", "BundleDescription": "d", "ImageId": image,
                            "UserStorage": {"Capacity": "50"}});
    assert_eq!(
        error_code(&mut state, "CreateWorkspaceBundle", no_compute),
        "ValidationException"
    );
}

#[test]
fn an_image_in_a_bundle_stays_until_the_bundle_goes() {
    let mut state = seeded(3);
    let (image, bundle) = image_and_bundle(&mut state);
    assert_eq!(
        error_code(
            &mut state,
            "DeleteWorkspaceImage",
            json!({"ImageId": image})
        ),
        "ResourceAssociatedException"
    );
    call(
        &mut state,
        "DeleteWorkspaceBundle",
        json!({"BundleId": bundle}),
    );
    assert_eq!(
        error_code(
            &mut state,
            "DeleteWorkspaceBundle",
            json!({"BundleId": bundle})
        ),
        "ResourceNotFoundException"
    );
}

#[test]
fn a_bundle_in_use_or_amazons_cannot_be_deleted() {
    let mut state = seeded(40);
    let own = call(&mut state, "DescribeWorkspaceBundles", json!({}));
    let workspaces = call(&mut state, "DescribeWorkspaces", json!({}));
    let used = workspaces["Workspaces"]
        .as_array()
        .and_then(|all| {
            all.iter().map(|w| w["BundleId"].clone()).find(|id| {
                own["Bundles"]
                    .as_array()
                    .is_some_and(|b| b.iter().any(|b| &b["BundleId"] == id))
            })
        })
        .expect("a WorkSpace on one of the account's bundles");
    assert_eq!(
        error_code(
            &mut state,
            "DeleteWorkspaceBundle",
            json!({"BundleId": used})
        ),
        "ResourceAssociatedException"
    );
    let amazon = call(
        &mut state,
        "DescribeWorkspaceBundles",
        json!({"Owner": "AMAZON"}),
    );
    let amazon_id = amazon["Bundles"][0]["BundleId"].clone();
    assert_eq!(
        error_code(
            &mut state,
            "DeleteWorkspaceBundle",
            json!({"BundleId": amazon_id})
        ),
        "AccessDeniedException"
    );
    assert_eq!(
        error_code(
            &mut state,
            "UpdateWorkspaceBundle",
            json!({"BundleId": amazon_id, "ImageId": "wsi-aaaaaaaaa"})
        ),
        "AccessDeniedException"
    );
}

#[test]
fn updating_a_bundle_swaps_its_image() {
    let mut state = seeded(3);
    let (first, bundle) = image_and_bundle(&mut state);
    let images = call(
        &mut state,
        "DescribeWorkspaceImages",
        json!({"ImageType": "OWNED"}),
    );
    let family = |id: &str| {
        images["Images"]
            .as_array()
            .and_then(|all| all.iter().find(|i| i["ImageId"] == id))
            .map(|i| i["OperatingSystem"]["Type"].clone())
    };
    let other = images["Images"]
        .as_array()
        .and_then(|all| {
            all.iter().find(|i| {
                i["State"] == "AVAILABLE"
                    && i["ImageId"] != json!(first)
                    && Some(i["OperatingSystem"]["Type"].clone()) == family(&first)
            })
        })
        .map(|i| i["ImageId"].clone())
        .expect("a second image of the same family");
    call(
        &mut state,
        "UpdateWorkspaceBundle",
        json!({"BundleId": bundle, "ImageId": other}),
    );
    let listed = call(
        &mut state,
        "DescribeWorkspaceBundles",
        json!({"BundleIds": [bundle]}),
    );
    assert_eq!(listed["Bundles"][0]["ImageId"], other);
    assert_eq!(
        error_code(
            &mut state,
            "UpdateWorkspaceBundle",
            json!({"BundleId": bundle, "ImageId": "wsi-zzzzzzzzz"})
        ),
        "ResourceNotFoundException"
    );
}
