//! DescribeApplications.

use std::collections::BTreeSet;

use serde_json::json;

use super::{all_pages, application_id, call, error_code, ids_of, seeded};

#[test]
fn describe_applications_filters_and_pages() {
    let mut state = seeded(10);
    let all = all_pages(
        &mut state,
        "DescribeApplications",
        json!({"MaxResults": 2}),
        "Applications",
    );
    assert_eq!(all.len(), state.applications.len());
    let licensed = call(
        &mut state,
        "DescribeApplications",
        json!({"LicenseType": "UNLICENSED"}),
    );
    let names: BTreeSet<&str> = licensed["Applications"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|a| a["Name"].as_str())
        .collect();
    assert_eq!(
        names,
        BTreeSet::from([
            super::super::seed::MICROSOFT_365,
            super::super::seed::VISUAL_STUDIO_2022
        ])
    );
    let on_value = call(
        &mut state,
        "DescribeApplications",
        json!({"ComputeTypeNames": ["VALUE"], "OperatingSystemNames": ["WINDOWS_11"]}),
    );
    assert!(
        on_value["Applications"]
            .as_array()
            .expect("list")
            .iter()
            .all(|a| a["Name"] != json!(super::super::seed::VISUAL_STUDIO_2022))
    );
    assert!(
        !on_value["Applications"]
            .as_array()
            .expect("list")
            .is_empty()
    );
    let office = application_id(&state, super::super::seed::OFFICE_2021);
    let by_id = call(
        &mut state,
        "DescribeApplications",
        json!({"ApplicationIds": [office], "Owner": "AMAZON"}),
    );
    assert_eq!(
        ids_of(&by_id["Applications"], "ApplicationId"),
        vec![office]
    );
    assert_eq!(
        error_code(
            &mut state,
            "DescribeApplications",
            json!({"LicenseType": "FREE"})
        ),
        "ValidationException"
    );
    assert_eq!(
        error_code(
            &mut state,
            "DescribeApplications",
            json!({"Owner": "someone"})
        ),
        "ValidationException"
    );
    assert_eq!(
        error_code(
            &mut state,
            "DescribeApplications",
            json!({"MaxResults": 26})
        ),
        "ValidationException"
    );
}
