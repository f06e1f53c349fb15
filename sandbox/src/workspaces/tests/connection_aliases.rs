//! Connection aliases: created over simulated time, associated with one
//! directory, shared with other accounts only, deleted once free.

use serde_json::{Value, json};

use super::{call, call_at, call_in, error_code, seeded};
use crate::workspaces::{ACCOUNT_ID, WorkspacesState};

fn aliases(state: &mut WorkspacesState, seconds: i64, input: Value) -> Vec<Value> {
    let answer = call_at(state, seconds, "DescribeConnectionAliases", input).expect("describe");
    answer["ConnectionAliases"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn create(state: &mut WorkspacesState, seconds: i64, connection_string: &str) -> String {
    let created = call_at(
        state,
        seconds,
        "CreateConnectionAlias",
        json!({"ConnectionString": connection_string, "Tags": [{"Key": "team", "Value": "euc"}]}),
    )
    .expect("created");
    created["AliasId"].as_str().expect("an AliasId").to_owned()
}

fn first_ad_directory(state: &WorkspacesState) -> String {
    state
        .directories
        .keys()
        .find(|id| id.starts_with("d-"))
        .expect("an AD directory")
        .clone()
}

#[test]
fn the_seeded_alias_is_created_associated_and_tagged() {
    let mut state = seeded(0);
    let all = aliases(&mut state, 0, json!({}));
    assert_eq!(all.len(), 1, "{all:?}");
    let alias = &all[0];
    assert_eq!(alias["State"], "CREATED");
    assert_eq!(alias["OwnerAccountId"], ACCOUNT_ID);
    let association = &alias["Associations"][0];
    assert_eq!(
        association["AssociationStatus"],
        "ASSOCIATED_WITH_OWNER_ACCOUNT"
    );
    assert_eq!(
        association["ResourceId"],
        first_ad_directory(&state).as_str()
    );
    let id = alias["AliasId"].as_str().expect("id");
    let tags = call(&mut state, "DescribeTags", json!({"ResourceId": id}));
    assert_eq!(tags["TagList"][0]["Key"], "purpose");
    // Filtered by the directory it is associated with, and by another.
    let directory = first_ad_directory(&state);
    assert_eq!(
        aliases(&mut state, 0, json!({"ResourceId": directory})).len(),
        1
    );
    let none = call(
        &mut state,
        "DescribeConnectionAliases",
        json!({"ResourceId": "d-0000000000"}),
    );
    assert!(
        none.get("ConnectionAliases").is_none(),
        "the model's list holds at least one: {none}"
    );
}

#[test]
fn an_alias_is_creating_until_the_transition_is_over_and_pages_hold_three() {
    let mut state = seeded(0);
    let id = create(&mut state, 0, "desktop.example.org");
    let created = aliases(&mut state, 0, json!({"AliasIds": [id]}));
    assert_eq!(created[0]["State"], "CREATING");
    assert!(created[0].get("Associations").is_none());
    // Not CREATED yet: nothing can be associated or shared.
    let directory = first_ad_directory(&state);
    let early = call_at(
        &mut state,
        1,
        "AssociateConnectionAlias",
        json!({"AliasId": id, "ResourceId": directory}),
    )
    .expect_err("still creating");
    assert_eq!(early.code, "InvalidResourceStateException");
    let later = aliases(&mut state, 31, json!({"AliasIds": [id]}));
    assert_eq!(later[0]["State"], "CREATED");
    let tags = call_at(&mut state, 31, "DescribeTags", json!({"ResourceId": id})).expect("tags");
    assert_eq!(tags["TagList"][0]["Value"], "euc");

    for name in ["a.example.org", "b.example.org"] {
        create(&mut state, 31, name);
    }
    let first = call_at(&mut state, 31, "DescribeConnectionAliases", json!({})).expect("page");
    assert_eq!(first["ConnectionAliases"].as_array().map(Vec::len), Some(3));
    let token = first["NextToken"].as_str().expect("a second page");
    let second = call_at(
        &mut state,
        31,
        "DescribeConnectionAliases",
        json!({"NextToken": token}),
    )
    .expect("page");
    assert_eq!(
        second["ConnectionAliases"].as_array().map(Vec::len),
        Some(1)
    );
    assert!(second.get("NextToken").is_none());
}

#[test]
fn connection_strings_are_checked_and_unique() {
    let mut state = seeded(0);
    assert_eq!(
        error_code(
            &mut state,
            "CreateConnectionAlias",
            json!({"ConnectionString": "https://desktop.example.com"})
        ),
        "ValidationException"
    );
    assert_eq!(
        error_code(
            &mut state,
            "CreateConnectionAlias",
            json!({"ConnectionString": "Desktop.Example.com"})
        ),
        "ResourceAlreadyExistsException"
    );
}

#[test]
fn an_alias_is_associated_with_one_directory_and_freed_before_deletion() {
    let mut state = seeded(0);
    let seeded_id = aliases(&mut state, 0, json!({}))[0]["AliasId"]
        .as_str()
        .expect("id")
        .to_owned();
    let directory = first_ad_directory(&state);
    assert_eq!(
        error_code(
            &mut state,
            "AssociateConnectionAlias",
            json!({"AliasId": seeded_id, "ResourceId": directory})
        ),
        "ResourceAssociatedException",
        "already associated"
    );
    assert_eq!(
        error_code(
            &mut state,
            "DeleteConnectionAlias",
            json!({"AliasId": seeded_id})
        ),
        "ResourceAssociatedException"
    );
    call(
        &mut state,
        "DisassociateConnectionAlias",
        json!({"AliasId": seeded_id}),
    );
    assert_eq!(
        error_code(
            &mut state,
            "DisassociateConnectionAlias",
            json!({"AliasId": seeded_id})
        ),
        "InvalidResourceStateException",
        "nothing left to disassociate"
    );
    assert_eq!(
        error_code(
            &mut state,
            "AssociateConnectionAlias",
            json!({"AliasId": seeded_id, "ResourceId": "d-0000000000"})
        ),
        "ResourceNotFoundException"
    );
    let associated = call(
        &mut state,
        "AssociateConnectionAlias",
        json!({"AliasId": seeded_id, "ResourceId": directory}),
    );
    let identifier = associated["ConnectionIdentifier"]
        .as_str()
        .expect("an identifier");
    assert!((1..=20).contains(&identifier.len()));
    assert!(identifier.bytes().all(|b| b.is_ascii_alphanumeric()));
    let listed = aliases(&mut state, 0, json!({"AliasIds": [seeded_id]}));
    assert_eq!(
        listed[0]["Associations"][0]["ConnectionIdentifier"],
        identifier
    );

    call(
        &mut state,
        "DisassociateConnectionAlias",
        json!({"AliasId": seeded_id}),
    );
    call(
        &mut state,
        "DeleteConnectionAlias",
        json!({"AliasId": seeded_id}),
    );
    let deleting = aliases(&mut state, 0, json!({"AliasIds": [seeded_id]}));
    assert_eq!(deleting[0]["State"], "DELETING");
    assert!(aliases(&mut state, 31, json!({"AliasIds": [seeded_id]})).is_empty());
    let gone = call_at(
        &mut state,
        31,
        "DescribeTags",
        json!({"ResourceId": seeded_id}),
    )
    .expect_err("its tags went with it");
    assert_eq!(gone.code, "ResourceNotFoundException");
}

#[test]
fn sharing_is_with_other_accounts_only_and_blocks_deletion() {
    let mut state = seeded(0);
    let id = create(&mut state, 0, "shared.example.org");
    let share = |account: &str, allow: bool| json!({"AliasId": id, "ConnectionAliasPermission": {"SharedAccountId": account, "AllowAssociation": allow}});
    let none = call_at(
        &mut state,
        31,
        "DescribeConnectionAliasPermissions",
        json!({"AliasId": id}),
    )
    .expect("permissions");
    assert_eq!(none["AliasId"], id.as_str());
    assert!(none.get("ConnectionAliasPermissions").is_none());

    let own = call_at(
        &mut state,
        31,
        "UpdateConnectionAliasPermission",
        share(ACCOUNT_ID, true),
    )
    .expect_err("own account");
    assert_eq!(own.code, "InvalidParameterValuesException");
    let bad = call_at(
        &mut state,
        31,
        "UpdateConnectionAliasPermission",
        share("12345", true),
    )
    .expect_err("not an account");
    assert_eq!(bad.code, "ValidationException");

    call_at(
        &mut state,
        31,
        "UpdateConnectionAliasPermission",
        share("210987654321", true),
    )
    .expect("shared");
    let permissions = call_at(
        &mut state,
        31,
        "DescribeConnectionAliasPermissions",
        json!({"AliasId": id}),
    )
    .expect("permissions");
    assert_eq!(
        permissions["ConnectionAliasPermissions"],
        json!([{"SharedAccountId": "210987654321", "AllowAssociation": true}])
    );
    let refused = call_at(
        &mut state,
        31,
        "DeleteConnectionAlias",
        json!({"AliasId": id}),
    )
    .expect_err("still shared");
    assert_eq!(refused.code, "InvalidResourceStateException");

    for n in 0..24 {
        call_at(
            &mut state,
            31,
            "UpdateConnectionAliasPermission",
            share(&format!("3000000000{n:02}"), true),
        )
        .expect("shared");
    }
    let full = call_at(
        &mut state,
        31,
        "UpdateConnectionAliasPermission",
        share("400000000000", true),
    )
    .expect_err("26th account");
    assert_eq!(full.code, "ResourceLimitExceededException");

    call_at(
        &mut state,
        31,
        "UpdateConnectionAliasPermission",
        share("210987654321", false),
    )
    .expect("unshared");
    let page = call_at(
        &mut state,
        31,
        "DescribeConnectionAliasPermissions",
        json!({"AliasId": id, "MaxResults": 10}),
    )
    .expect("permissions");
    assert_eq!(
        page["ConnectionAliasPermissions"].as_array().map(Vec::len),
        Some(10)
    );
    assert!(page["NextToken"].is_string());
}

#[test]
fn each_region_has_its_own_alias_of_the_same_connection_string() {
    let mut state = seeded(0);
    let string = json!({"ConnectionString": "redirect.example.com"});
    let east = call_in(
        &mut state,
        "us-east-1",
        0,
        "CreateConnectionAlias",
        string.clone(),
    )
    .expect("created in us-east-1");
    let west = call_in(
        &mut state,
        "eu-west-1",
        0,
        "CreateConnectionAlias",
        string.clone(),
    )
    .expect("created in eu-west-1: cross-Region redirection needs one in each");
    assert_ne!(east["AliasId"], west["AliasId"]);
    let again = call_in(&mut state, "eu-west-1", 0, "CreateConnectionAlias", string)
        .expect_err("one a region");
    assert_eq!(again.code, "ResourceAlreadyExistsException");

    let listed = call_in(
        &mut state,
        "eu-west-1",
        31,
        "DescribeConnectionAliases",
        json!({}),
    )
    .expect("described");
    let ids: Vec<&Value> = listed["ConnectionAliases"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|a| &a["AliasId"])
        .collect();
    assert!(ids.contains(&&west["AliasId"]), "{listed}");
    assert!(!ids.contains(&&east["AliasId"]), "{listed}");
    let elsewhere = call_in(
        &mut state,
        "eu-west-1",
        31,
        "DeleteConnectionAlias",
        json!({"AliasId": east["AliasId"]}),
    )
    .expect_err("us-east-1's alias is not seen from eu-west-1");
    assert_eq!(elsewhere.code, "ResourceNotFoundException");
}
