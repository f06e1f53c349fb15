//! DescribeWorkspaces: filters, paging and what it refuses.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use super::{all_pages, call, call_at, create_request, error_code, find_workspace, ids_of, seeded};

#[test]
fn paging_returns_every_workspace_exactly_once() {
    let mut state = seeded(137);
    let items = all_pages(
        &mut state,
        "DescribeWorkspaces",
        json!({"Limit": 10}),
        "Workspaces",
    );
    let ids = ids_of(&Value::Array(items), "WorkspaceId");
    let unique: BTreeSet<_> = ids.iter().cloned().collect();
    assert_eq!(ids.len(), 137);
    assert_eq!(unique.len(), 137);
    let expected: BTreeSet<_> = state.workspaces.keys().cloned().collect();
    assert_eq!(unique, expected);
}

#[test]
fn a_filtered_listing_pages_through_only_the_matching_workspaces() {
    let mut state = seeded(200);
    let directory_id = state
        .directories
        .keys()
        .next()
        .cloned()
        .expect("a directory");
    let items = all_pages(
        &mut state,
        "DescribeWorkspaces",
        json!({"DirectoryId": directory_id, "Limit": 7}),
        "Workspaces",
    );
    let expected = state
        .workspaces
        .values()
        .filter(|record| record.workspace.directory_id == directory_id)
        .count();
    assert!(expected > 7, "enough WorkSpaces for several pages");
    assert_eq!(items.len(), expected);
    assert!(
        items
            .iter()
            .all(|item| item["DirectoryId"] == json!(directory_id))
    );
}

#[test]
fn a_page_token_survives_workspaces_disappearing_in_between() {
    let mut state = seeded(60);
    let first = call(&mut state, "DescribeWorkspaces", json!({"Limit": 25}));
    let last_seen = ids_of(&first["Workspaces"], "WorkspaceId")
        .pop()
        .expect("a full page");
    state.forget_workspace(&last_seen);
    let rest = all_pages(
        &mut state,
        "DescribeWorkspaces",
        json!({"Limit": 25, "NextToken": first["NextToken"]}),
        "Workspaces",
    );
    assert_eq!(rest.len(), 35);
}

#[test]
fn describe_workspaces_rejects_bad_tokens_limits_and_filters() {
    let mut state = seeded(5);
    assert_eq!(
        error_code(
            &mut state,
            "DescribeWorkspaces",
            json!({"NextToken": "not-a-token"})
        ),
        "InvalidParameterValuesException"
    );
    for limit in [0, 26] {
        assert_eq!(
            error_code(&mut state, "DescribeWorkspaces", json!({"Limit": limit})),
            "ValidationException"
        );
    }
    let too_many: Vec<String> = (0..26).map(|i| format!("ws-{i:09}")).collect();
    assert_eq!(
        error_code(
            &mut state,
            "DescribeWorkspaces",
            json!({"WorkspaceIds": too_many})
        ),
        "ValidationException"
    );
    assert_eq!(
        error_code(
            &mut state,
            "DescribeWorkspaces",
            json!({"WorkspaceIds": ["i-123"]})
        ),
        "ValidationException"
    );
    assert_eq!(
        error_code(
            &mut state,
            "DescribeWorkspaces",
            json!({"UserName": "alice.smith"})
        ),
        "InvalidParameterValuesException"
    );
    assert_eq!(
        error_code(&mut state, "DescribeWorkspaces", json!({"Limit": "ten"})),
        "SerializationException"
    );
    let directory_id = state
        .directories
        .keys()
        .next()
        .cloned()
        .expect("a directory");
    let long_name = call_at(
        &mut state,
        0,
        "DescribeWorkspaces",
        json!({"DirectoryId": directory_id, "UserName": "x".repeat(64)}),
    )
    .expect_err("a 64-character user name");
    assert_eq!(long_name.code, "ValidationException");
    assert!(
        long_name.message.contains("at 'userName'")
            && long_name.message.contains("length between 1 and 63"),
        "{}",
        long_name.message
    );
}

#[test]
fn describe_workspaces_filters_by_user_bundle_and_name() {
    let mut state = seeded(80);
    let named = find_workspace(&state, |w| w.workspace_name.is_some());
    let workspace = state.workspaces[&named].workspace.clone();
    let by_user = call(
        &mut state,
        "DescribeWorkspaces",
        json!({"DirectoryId": workspace.directory_id, "UserName": workspace.user_name.to_uppercase()}),
    );
    assert_eq!(
        ids_of(&by_user["Workspaces"], "WorkspaceId"),
        vec![named.clone()]
    );
    let by_name = call(
        &mut state,
        "DescribeWorkspaces",
        json!({"WorkspaceName": workspace.workspace_name}),
    );
    assert_eq!(
        ids_of(&by_name["Workspaces"], "WorkspaceId"),
        vec![named.clone()]
    );
    let by_bundle = all_pages(
        &mut state,
        "DescribeWorkspaces",
        json!({"BundleId": workspace.bundle_id}),
        "Workspaces",
    );
    assert!(
        by_bundle
            .iter()
            .all(|w| w["BundleId"] == json!(workspace.bundle_id))
    );
    assert!(ids_of(&Value::Array(by_bundle), "WorkspaceId").contains(&named));
}

#[test]
fn a_page_token_is_refused_by_every_other_listing() {
    let mut state = seeded(60);
    let first = call(&mut state, "DescribeWorkspaces", json!({"Limit": 5}));
    let token = first["NextToken"].clone();
    assert!(token.is_string());
    for (op, refusal) in [
        (
            "DescribeWorkspacesConnectionStatus",
            "InvalidParameterValuesException",
        ),
        ("DescribeApplications", "InvalidParameterValuesException"),
        ("DescribeWorkspaceImages", "ValidationException"),
        (
            "DescribeWorkspaceDirectories",
            "InvalidParameterValuesException",
        ),
    ] {
        assert_eq!(
            error_code(&mut state, op, json!({"NextToken": token})),
            refusal,
            "{op} took a DescribeWorkspaces token"
        );
    }
    let second = call(
        &mut state,
        "DescribeWorkspaces",
        json!({"Limit": 5, "NextToken": token}),
    );
    assert_eq!(second["Workspaces"].as_array().map(Vec::len), Some(5));
}

/// A directory id is `d-` and hex digits or, for directories WorkSpaces
/// manages itself, `wsd-` and lowercase letters or digits.
#[test]
fn directory_ids_of_both_forms_are_accepted() {
    let mut state = seeded(5);
    for id in ["d-0123456789", "wsd-abcdefgh1"] {
        let found = call(&mut state, "DescribeWorkspaces", json!({"DirectoryId": id}));
        assert_eq!(found["Workspaces"], json!([]), "{id}");
        let directories = call(
            &mut state,
            "DescribeWorkspaceDirectories",
            json!({"DirectoryIds": [id]}),
        );
        assert_eq!(directories["Directories"], json!([]), "{id}");
    }
    let mut request = create_request(&state, "wsd.user", "Standard with Amazon Linux 2");
    request["DirectoryId"] = json!("wsd-abcdefgh1");
    let created = call(
        &mut state,
        "CreateWorkspaces",
        json!({"Workspaces": [request]}),
    );
    assert_eq!(
        created["FailedRequests"][0]["ErrorCode"],
        "ResourceNotFound.Directory"
    );
    for id in ["wsd-ABCDEFGH1", "wsd-abc", "d-xyz0123456", "sd-abcdefgh1"] {
        assert_eq!(
            error_code(&mut state, "DescribeWorkspaces", json!({"DirectoryId": id})),
            "ValidationException",
            "{id}"
        );
    }
}
