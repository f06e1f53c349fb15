//! The account's dedicated tenancy: the seeded state, a modification from
//! PENDING to COMPLETED over time, the ranges offered, and the refusals.

use serde_json::json;

use super::{all_pages, call, call_at, error_code, seeded};

#[test]
fn enabling_dedicated_tenancy_completes_after_a_transition() {
    let mut state = seeded(3);
    let account = call(&mut state, "DescribeAccount", json!({}));
    assert_eq!(account, json!({"DedicatedTenancySupport": "DISABLED"}));
    let history = all_pages(
        &mut state,
        "DescribeAccountModifications",
        json!({}),
        "AccountModifications",
    );
    assert_eq!(history.len(), 3);
    assert!(
        history
            .iter()
            .all(|m| m["ModificationState"] == "FAILED" && m["ErrorCode"].is_string())
    );

    let request = json!({"DedicatedTenancySupport": "ENABLED", "DedicatedTenancyManagementCidrRange": "10.20.0.0/16"});
    call(&mut state, "ModifyAccount", request.clone());
    let history = all_pages(
        &mut state,
        "DescribeAccountModifications",
        json!({}),
        "AccountModifications",
    );
    assert_eq!(history.len(), 4, "a fourth item, on a second page");
    assert_eq!(history[3]["ModificationState"], "PENDING");
    // Still the old settings, and a second change is refused while one is pending.
    assert_eq!(
        call(&mut state, "DescribeAccount", json!({}))["DedicatedTenancySupport"],
        "DISABLED"
    );
    assert_eq!(
        error_code(&mut state, "ModifyAccount", request.clone()),
        "InvalidResourceStateException"
    );

    let later = call_at(&mut state, 31, "DescribeAccount", json!({})).unwrap();
    assert_eq!(later["DedicatedTenancySupport"], "ENABLED");
    assert_eq!(later["DedicatedTenancyManagementCidrRange"], "10.20.0.0/16");
    let last = call_at(&mut state, 31, "DescribeAccountModifications", json!({})).unwrap();
    let token = last["NextToken"].as_str().unwrap().to_owned();
    let second = call_at(
        &mut state,
        31,
        "DescribeAccountModifications",
        json!({"NextToken": token}),
    )
    .unwrap();
    assert_eq!(
        second["AccountModifications"][0]["ModificationState"],
        "COMPLETED"
    );
    // Enabled stays enabled.
    let again = call_at(&mut state, 32, "ModifyAccount", request).unwrap_err();
    assert_eq!(again.code, "InvalidResourceStateException");
}

#[test]
fn modify_account_checks_the_range_against_the_model_and_what_is_available() {
    let mut state = seeded(3);
    let modify = |range: &str| json!({"DedicatedTenancySupport": "ENABLED", "DedicatedTenancyManagementCidrRange": range});
    assert_eq!(
        error_code(&mut state, "ModifyAccount", modify("10.20.1.0/16")),
        "ValidationException"
    );
    assert_eq!(
        error_code(&mut state, "ModifyAccount", modify("10.20.0.0/24")),
        "ValidationException"
    );
    assert_eq!(
        error_code(
            &mut state,
            "ModifyAccount",
            json!({"DedicatedTenancySupport": "DISABLED"})
        ),
        "ValidationException"
    );
    // Public, or in use by the default VPC: not offered, so refused.
    for range in ["8.8.0.0/16", "172.31.0.0/16"] {
        assert_eq!(
            error_code(&mut state, "ModifyAccount", modify(range)),
            "InvalidParameterValuesException",
            "{range}"
        );
    }
    assert_eq!(
        error_code(
            &mut state,
            "ModifyAccount",
            json!({"DedicatedTenancySupport": "ENABLED"})
        ),
        "InvalidParameterValuesException"
    );
    assert_eq!(
        error_code(&mut state, "ModifyAccount", json!({})),
        "InvalidParameterValuesException"
    );
}

#[test]
fn available_ranges_are_private_slash_16s_within_the_constraint() {
    let mut state = seeded(3);
    let ranges = all_pages(
        &mut state,
        "ListAvailableManagementCidrRanges",
        json!({"ManagementCidrRangeConstraint": "172.16.0.0/12", "MaxResults": 4}),
        "ManagementCidrRanges",
    );
    assert_eq!(ranges.len(), 15, "16 /16s but the default VPC's");
    assert_eq!(ranges[0], "172.16.0.0/16");
    assert!(!ranges.contains(&json!("172.31.0.0/16")));
    let narrow = call(
        &mut state,
        "ListAvailableManagementCidrRanges",
        json!({"ManagementCidrRangeConstraint": "10.20.0.0/16"}),
    );
    assert_eq!(narrow, json!({"ManagementCidrRanges": ["10.20.0.0/16"]}));
    for (constraint, code) in [
        ("10.0.0.0/33", "ValidationException"),
        ("10.0.0.01/8", "ValidationException"),
        ("8.0.0.0/8", "InvalidParameterValuesException"),
        ("10.20.0.0/24", "InvalidParameterValuesException"),
    ] {
        let input = json!({"ManagementCidrRangeConstraint": constraint});
        assert_eq!(
            error_code(&mut state, "ListAvailableManagementCidrRanges", input),
            code,
            "{constraint}"
        );
    }
    assert_eq!(
        error_code(&mut state, "ListAvailableManagementCidrRanges", json!({})),
        "ValidationException"
    );
    let too_many = json!({"ManagementCidrRangeConstraint": "10.0.0.0/8", "MaxResults": 6});
    assert_eq!(
        error_code(&mut state, "ListAvailableManagementCidrRanges", too_many),
        "ValidationException"
    );
}
