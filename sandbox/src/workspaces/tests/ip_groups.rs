//! IP access control groups: rules, their limit, and directory associations.

use serde_json::json;

use super::{call, error_code, seeded};

#[test]
fn seeded_groups_include_the_ones_directories_name() {
    let mut state = seeded(2);
    let groups = call(&mut state, "DescribeIpGroups", json!({}));
    let groups = groups["Result"].as_array().expect("list");
    for directory in state.directories.values() {
        for id in &directory.ip_group_ids {
            assert!(groups.iter().any(|g| g["groupId"] == id.as_str()), "{id}");
        }
    }
    let associated: usize = state
        .directories
        .values()
        .map(|d| d.ip_group_ids.len())
        .sum();
    assert!(
        groups.len() > associated,
        "one group is associated with none"
    );
}

#[test]
fn rules_are_checked_limited_and_replaced() {
    let mut state = seeded(0);
    let created = call(
        &mut state,
        "CreateIpGroup",
        json!({"GroupName": "lab", "UserRules": [{"ipRule": "10.0.0.0/8", "ruleDesc": "lan"}]}),
    );
    let id = created["GroupId"].as_str().expect("id").to_owned();
    assert_eq!(
        error_code(
            &mut state,
            "AuthorizeIpRules",
            json!({"GroupId": id, "UserRules": [{"ipRule": "10.0.0.300/8"}]})
        ),
        "InvalidParameterValuesException"
    );
    let many: Vec<_> = (0..10)
        .map(|i| json!({"ipRule": format!("192.0.{i}.0/24")}))
        .collect();
    assert_eq!(
        error_code(
            &mut state,
            "AuthorizeIpRules",
            json!({"GroupId": id, "UserRules": many})
        ),
        "ResourceLimitExceededException"
    );
    call(
        &mut state,
        "UpdateRulesOfIpGroup",
        json!({"GroupId": id, "UserRules": many}),
    );
    call(
        &mut state,
        "RevokeIpRules",
        json!({"GroupId": id, "UserRules": ["192.0.0.0/24"]}),
    );
    let group = &state.ip_groups[&id];
    assert_eq!(group.user_rules.len(), 9);
    assert_eq!(
        error_code(&mut state, "CreateIpGroup", json!({"GroupName": "lab"})),
        "ResourceAlreadyExistsException"
    );
}

#[test]
fn an_associated_group_cannot_be_deleted_until_disassociated() {
    let mut state = seeded(0);
    let directory = state
        .directories
        .values()
        .next()
        .expect("a directory")
        .clone();
    let group = directory.ip_group_ids[0].clone();
    assert_eq!(
        error_code(&mut state, "DeleteIpGroup", json!({"GroupId": group})),
        "ResourceAssociatedException"
    );
    let pair = json!({"DirectoryId": directory.directory_id, "GroupIds": [group]});
    call(&mut state, "DisassociateIpGroups", pair.clone());
    call(&mut state, "DeleteIpGroup", json!({"GroupId": group}));
    assert_eq!(
        error_code(&mut state, "AssociateIpGroups", pair),
        "ResourceNotFoundException"
    );
    assert_eq!(
        error_code(
            &mut state,
            "DeleteIpGroup",
            json!({"GroupId": "wsipg-nothere00"})
        ),
        "ResourceNotFoundException"
    );
}
