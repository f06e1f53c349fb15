//! Bundles and directories.

use std::collections::BTreeSet;

use serde_json::json;

use super::super::ACCOUNT_ID;
use super::{all_pages, call, error_code, seeded};

#[test]
fn bundles_are_listed_by_owner() {
    let mut state = seeded(5);
    let amazon = all_pages(
        &mut state,
        "DescribeWorkspaceBundles",
        json!({"Owner": "AMAZON"}),
        "Bundles",
    );
    let own = all_pages(&mut state, "DescribeWorkspaceBundles", json!({}), "Bundles");
    assert!(amazon.iter().all(|b| b["Owner"] == json!("Amazon")));
    assert!(own.iter().all(|b| b["Owner"] == json!(ACCOUNT_ID)));
    assert_eq!(amazon.len() + own.len(), state.bundles.len());
    let computes: BTreeSet<&str> = amazon
        .iter()
        .filter_map(|b| b["ComputeType"]["Name"].as_str())
        .collect();
    assert!(computes.len() >= 5);
    let some_id = own[0]["BundleId"].clone();
    let by_id = call(
        &mut state,
        "DescribeWorkspaceBundles",
        json!({"BundleIds": [some_id]}),
    );
    assert_eq!(by_id["Bundles"][0]["BundleId"], some_id);
    assert!(by_id["Bundles"][0]["RootStorage"]["Capacity"].is_string());
    assert_eq!(
        error_code(
            &mut state,
            "DescribeWorkspaceBundles",
            json!({"BundleIds": [some_id], "Owner": "AMAZON"})
        ),
        "InvalidParameterValuesException"
    );
}

#[test]
fn directories_are_listed_and_paged() {
    let mut state = seeded(5);
    let all = all_pages(
        &mut state,
        "DescribeWorkspaceDirectories",
        json!({"Limit": 1}),
        "Directories",
    );
    assert_eq!(all.len(), 4, "three AD directories and one wsd- directory");
    assert!(all.iter().all(|d| d["RegistrationCode"].is_string()
        && d["Alias"].is_string()
        && d["DirectoryName"].is_string()));
    let first = all[0]["DirectoryId"].clone();
    let one = call(
        &mut state,
        "DescribeWorkspaceDirectories",
        json!({"DirectoryIds": [first]}),
    );
    assert_eq!(one["Directories"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        error_code(
            &mut state,
            "DescribeWorkspaceDirectories",
            json!({"DirectoryIds": ["d-xyz"]})
        ),
        "ValidationException"
    );
}
