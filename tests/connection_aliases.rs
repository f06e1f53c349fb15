//! End-to-end: the real binary against the sandbox, for every verb of the
//! `connection-aliases` group.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on what they did not expect

mod common;

use std::time::Duration;

use common::TestEnv;
use common::pty::{exit_code, spawn};
use serde_json::Value;
use wsfleet_sandbox::Config;

/// A new alias is CREATED by the next call: simulated time, no sleeping.
fn instant() -> TestEnv {
    TestEnv::with(Config {
        transition: Duration::ZERO,
        ..Config::default()
    })
}

fn aliases(sb: &TestEnv) -> Vec<Value> {
    sb.run(&["connection-aliases", "list", "-o", "json"])
        .success()
        .json()
        .as_array()
        .unwrap()
        .clone()
}

/// The seeded alias (CREATED, associated) and its directory.
fn seeded(sb: &TestEnv) -> (String, String) {
    let all = aliases(sb);
    let alias = &all[0];
    (
        alias["AliasId"].as_str().unwrap().to_owned(),
        alias["Associations"][0]["ResourceId"]
            .as_str()
            .unwrap()
            .to_owned(),
    )
}

fn create(sb: &TestEnv, connection_string: &str) -> String {
    let run = sb
        .run(&[
            "connection-aliases",
            "create",
            "--connection-string",
            connection_string,
        ])
        .success();
    run.stdout.trim().to_owned()
}

fn get(sb: &TestEnv, id: &str) -> Value {
    sb.run(&["connection-aliases", "get", id, "-o", "json"])
        .success()
        .json()
}

/// Asserts the run refused with exit 2 and the sandbox saw no request.
fn refused_unsent(sb: &TestEnv, args: &[&str], says: &str) {
    sb.clear_requests();
    let run = sb.run(args);
    assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
    assert!(run.stderr.contains(says), "{args:?}: {}", run.stderr);
    assert!(sb.requests().is_empty(), "{args:?}: {:?}", sb.requests());
}

#[test]
fn list_reads_every_page_and_shows_the_directory_beside_the_association() {
    let sb = instant();
    let (seeded_id, directory) = seeded(&sb);
    for name in ["a.example.com", "b.example.com", "c.example.com"] {
        create(&sb, name);
    }
    sb.clear_requests();
    let all = aliases(&sb);
    // Three aliases a page: four need two calls.
    assert_eq!(all.len(), 4, "{all:?}");
    assert_eq!(sb.requests_for("DescribeConnectionAliases").len(), 2);
    assert!(all.iter().all(|a| a["State"] == "CREATED"), "{all:?}");

    let table = sb.run(&["connection-aliases", "list"]).success().stdout;
    let header = table.lines().next().unwrap();
    for column in [
        "ID",
        "CONNECTION STRING",
        "STATE",
        "DIRECTORY",
        "ASSOCIATION",
    ] {
        assert!(header.contains(column), "{header}");
    }
    // The table shows the directory by its name; `--columns` by its ID.
    let directories = sb.run(&["directories", "list", "-o", "json"]).success();
    let directories: serde_json::Value = serde_json::from_str(&directories.stdout).unwrap();
    let directory_name = directories
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["DirectoryId"] == directory.as_str())
        .and_then(|d| d["DirectoryName"].as_str())
        .unwrap()
        .to_owned();
    let row = table.lines().find(|l| l.starts_with(&seeded_id)).unwrap();
    assert!(
        row.contains(&directory_name) && row.contains("ASSOCIATED_WITH_OWNER_ACCOUNT"),
        "{row}"
    );
    let by_id = sb
        .run(&[
            "connection-aliases",
            "list",
            "--columns",
            "AliasId,Associations.ResourceId",
        ])
        .success()
        .stdout;
    assert!(by_id.contains(&directory), "{by_id}");

    let csv = sb
        .run(&["connection-aliases", "list", "-o", "csv"])
        .success()
        .stdout;
    assert!(csv.starts_with("AliasId,ConnectionString,State,"), "{csv}");
    assert!(
        csv.lines()
            .any(|l| l.starts_with(&seeded_id) && l.contains(&directory))
    );

    let by_directory = sb
        .run(&[
            "connection-aliases",
            "list",
            "--directory",
            &directory,
            "-o",
            "json",
        ])
        .success()
        .json();
    assert_eq!(by_directory.as_array().unwrap().len(), 1);
    assert_eq!(by_directory[0]["AliasId"], seeded_id.as_str());

    let got = get(&sb, &seeded_id);
    assert_eq!(got["ConnectionString"], "desktop.example.com");
    assert_eq!(got["Associations"][0]["ResourceId"], directory.as_str());
    assert!(got["Associations"][0]["ConnectionIdentifier"].is_string());
    let table = sb
        .run(&["connection-aliases", "get", &seeded_id])
        .success()
        .stdout;
    assert!(table.contains("desktop.example.com") && table.contains(&directory));

    refused_unsent(
        &sb,
        &["connection-aliases", "get", "wsca-NOT-AN-ID"],
        "invalid connection alias ID",
    );
    refused_unsent(
        &sb,
        &["connection-aliases", "list", "--directory", "d-1"],
        "invalid directory ID",
    );
    let missing = sb.run(&["connection-aliases", "get", "wsca-00000000"]);
    assert_eq!(missing.code, 1, "{}", missing.stderr);
    assert!(missing.stderr.contains("ResourceNotFoundException"));
}

#[test]
fn create_checks_the_connection_string_tags_and_waits_for_created() {
    let sb = instant();
    refused_unsent(
        &sb,
        &[
            "connection-aliases",
            "create",
            "--connection-string",
            "https://desktop.example.com",
        ],
        "not a connection string",
    );
    refused_unsent(
        &sb,
        &[
            "connection-aliases",
            "create",
            "--connection-string",
            "ok.example.com",
            "--tag",
            "=value",
        ],
        "tag",
    );

    sb.clear_requests();
    let dry = sb
        .run(&[
            "connection-aliases",
            "create",
            "--connection-string",
            "dry.example.com",
            "--dry-run",
        ])
        .success();
    assert!(dry.stderr.contains("dry run"), "{}", dry.stderr);
    assert!(sb.requests_for("CreateConnectionAlias").is_empty());

    let run = sb
        .run(&[
            "connection-aliases",
            "create",
            "--connection-string",
            "new.example.com",
            "--tag",
            "team=euc",
            "--wait",
        ])
        .success();
    let id = run.stdout.trim();
    assert!(id.starts_with("wsca-"), "{}", run.stdout);
    assert_eq!(get(&sb, id)["State"], "CREATED");
    let tags = sb
        .run(&["connection-aliases", "tags", id, "-o", "json"])
        .success()
        .json();
    assert!(tags.to_string().contains("euc"), "{tags}");

    let again = sb.run(&[
        "connection-aliases",
        "create",
        "--connection-string",
        "new.example.com",
    ]);
    assert_eq!(again.code, 1);
    assert!(again.stderr.contains("ResourceAlreadyExistsException"));
    // Cross-Region redirection: the same connection string in another region.
    let west = sb
        .run(&[
            "--region",
            "eu-west-1",
            "connection-aliases",
            "create",
            "--connection-string",
            "new.example.com",
        ])
        .success();
    assert_ne!(west.stdout.trim(), id);
}

#[test]
fn associate_shows_each_connection_identifier_and_leaves_out_an_associated_alias() {
    let sb = instant();
    let (seeded_id, directory) = seeded(&sb);
    let first = create(&sb, "first.example.com");
    let second = create(&sb, "second.example.com");

    refused_unsent(
        &sb,
        &[
            "connection-aliases",
            "associate",
            &first,
            "--to-directory",
            "d-not-a-directory",
        ],
        "invalid directory ID",
    );
    refused_unsent(
        &sb,
        &[
            "connection-aliases",
            "associate",
            "--to-directory",
            &directory,
        ],
        "name the connection aliases",
    );

    sb.clear_requests();
    let dry = sb
        .run(&[
            "connection-aliases",
            "associate",
            &first,
            "--to-directory",
            &directory,
            "--dry-run",
        ])
        .success();
    assert!(dry.stdout.contains(&first), "{}", dry.stdout);
    assert!(dry.stderr.contains("dry run"), "{}", dry.stderr);
    assert!(sb.requests_for("AssociateConnectionAlias").is_empty());

    let run = sb.run(&[
        "connection-aliases",
        "associate",
        &first,
        &seeded_id,
        &second,
        "--to-directory",
        &directory,
        "-o",
        "json",
    ]);
    // The seeded alias is already associated with the directory: the plan
    // leaves it out as unchanged, unsent, which is not a failure.
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(sb.requests_for("AssociateConnectionAlias").len(), 2);
    let results = run.json();
    let outcome = |id: &str| {
        results
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(outcome(&first)["outcome"], "done");
    assert_eq!(outcome(&second)["outcome"], "done");
    assert_eq!(outcome(&seeded_id)["outcome"], "skipped");
    assert_eq!(outcome(&seeded_id)["error"], "unchanged");

    let associated = get(&sb, &first);
    let identifier = associated["Associations"][0]["ConnectionIdentifier"]
        .as_str()
        .unwrap();
    assert_eq!(
        associated["Associations"][0]["ResourceId"],
        directory.as_str()
    );
    assert!(
        run.stderr.contains(&format!(
            "{first} associated with {directory}: connection identifier {identifier}"
        )),
        "{}",
        run.stderr
    );
}

#[test]
fn disassociate_asks_and_fails_an_alias_with_no_directory_alone() {
    let sb = instant();
    let (seeded_id, _) = seeded(&sb);
    let unassociated = create(&sb, "free.example.com");

    refused_unsent(
        &sb,
        &["connection-aliases", "disassociate", &seeded_id],
        "--yes",
    );

    sb.clear_requests();
    let dry = sb
        .run(&[
            "connection-aliases",
            "disassociate",
            &seeded_id,
            "--dry-run",
        ])
        .success();
    assert!(dry.stdout.contains(&seeded_id), "{}", dry.stdout);
    assert!(sb.requests_for("DisassociateConnectionAlias").is_empty());
    assert!(get(&sb, &seeded_id)["Associations"].is_array());

    let run = sb.run(&[
        "connection-aliases",
        "disassociate",
        &seeded_id,
        &unassociated,
        "--yes",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let row = |id: &str| {
        run.stdout
            .lines()
            .find(|l| l.starts_with(id))
            .unwrap_or_default()
            .to_owned()
    };
    assert!(row(&seeded_id).contains("done"), "{}", run.stdout);
    assert!(
        row(&unassociated).contains("InvalidResourceStateException"),
        "{}",
        run.stdout
    );
    assert!(get(&sb, &seeded_id).get("Associations").is_none());
}

#[test]
fn delete_asks_and_fails_an_associated_alias_while_others_are_deleted() {
    let sb = instant();
    let (seeded_id, _) = seeded(&sb);
    let spare = create(&sb, "spare.example.com");

    refused_unsent(&sb, &["connection-aliases", "delete", &spare], "--yes");
    refused_unsent(
        &sb,
        &["connection-aliases", "delete", "not-an-alias", "--yes"],
        "invalid connection alias ID",
    );

    sb.clear_requests();
    let dry = sb
        .run(&["connection-aliases", "delete", &spare, "--dry-run"])
        .success();
    assert!(dry.stdout.contains(&spare), "{}", dry.stdout);
    assert!(
        dry.stderr
            .contains("would delete 1 connection alias; nothing was changed"),
        "{}",
        dry.stderr
    );
    assert!(sb.requests_for("DeleteConnectionAlias").is_empty());

    let run = sb.run(&[
        "connection-aliases",
        "delete",
        &seeded_id,
        &spare,
        "--yes",
        "-o",
        "json",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let results = run.json();
    assert_eq!(results[0]["id"], seeded_id.as_str());
    assert_eq!(results[0]["code"], "ResourceAssociatedException");
    assert_eq!(results[1]["id"], spare.as_str());
    assert_eq!(results[1]["outcome"], "done");
    assert!(
        run.stderr.contains("delete: 1 done, 1 failed"),
        "{}",
        run.stderr
    );
    let left: Vec<Value> = aliases(&sb);
    assert_eq!(left.len(), 1, "the deleted alias is gone: {left:?}");
    assert_eq!(left[0]["AliasId"], seeded_id.as_str());
}

#[test]
fn deleting_more_than_ten_asks_for_the_count_typed() {
    let sb = instant();
    let ids: Vec<String> = (0..11)
        .map(|n| create(&sb, &format!("desk{n}.example.com")))
        .collect();
    let mut args = vec!["connection-aliases", "delete"];
    args.extend(ids.iter().map(String::as_str));
    sb.clear_requests();

    let mut session = spawn(&sb, &args);
    session
        .exp_string("About to delete 11 connection aliases")
        .expect("the plan");
    session
        .exp_string("Type 11 to confirm")
        .expect("the question");
    session.send_line("y").expect("answer");
    session.exp_eof().expect("the end");
    assert_eq!(exit_code(&session), 3);
    assert!(sb.requests_for("DeleteConnectionAlias").is_empty());

    let mut session = spawn(&sb, &args);
    session
        .exp_string("Type 11 to confirm")
        .expect("the question");
    session.send_line("11").expect("answer");
    session.exp_eof().expect("the end");
    assert_eq!(exit_code(&session), 0);
    assert_eq!(sb.requests_for("DeleteConnectionAlias").len(), 11);
    assert_eq!(aliases(&sb).len(), 1, "only the seeded alias is left");
}

#[test]
fn share_lists_and_unshares_accounts_other_than_the_owner() {
    let sb = instant();
    let id = create(&sb, "shared.example.com");

    refused_unsent(
        &sb,
        &["connection-aliases", "share", &id, "--account", "12345"],
        "12 digits",
    );
    refused_unsent(&sb, &["connection-aliases", "share", &id], "--account");

    sb.clear_requests();
    sb.run(&[
        "connection-aliases",
        "share",
        &id,
        "--account",
        "210987654321",
        "--dry-run",
    ])
    .success();
    assert!(
        sb.requests_for("UpdateConnectionAliasPermission")
            .is_empty()
    );

    // The owner's own account is refused by the service; the other is shared.
    let run = sb.run(&[
        "connection-aliases",
        "share",
        &id,
        "--account",
        "210987654321,123456789012",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("shared with 210987654321"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("InvalidParameterValuesException"));

    let permissions = sb
        .run(&["connection-aliases", "permissions", &id, "-o", "json"])
        .success()
        .json();
    assert_eq!(
        permissions,
        serde_json::json!([{"SharedAccountId": "210987654321", "AllowAssociation": true}])
    );
    let table = sb
        .run(&["connection-aliases", "permissions", &id])
        .success()
        .stdout;
    assert!(
        table.contains("ACCOUNT") && table.contains("210987654321"),
        "{table}"
    );

    // Shared: it cannot be deleted until unshared.
    let blocked = sb.run(&["connection-aliases", "delete", &id, "--yes"]);
    assert_eq!(blocked.code, 1);
    assert!(blocked.stdout.contains("InvalidResourceStateException"));

    sb.run(&[
        "connection-aliases",
        "unshare",
        &id,
        "--account",
        "210987654321",
    ])
    .success();
    let none = sb
        .run(&["connection-aliases", "permissions", &id, "-o", "json"])
        .success()
        .json();
    assert_eq!(none, serde_json::json!([]));
    sb.run(&["connection-aliases", "delete", &id, "--yes"])
        .success();
}

#[test]
fn connection_aliases_take_tags_by_id() {
    let sb = instant();
    let (id, _) = seeded(&sb);
    let seeded_tags = sb
        .run(&["connection-aliases", "tags", &id, "-o", "json"])
        .success()
        .json();
    assert!(seeded_tags.to_string().contains("purpose"), "{seeded_tags}");
    sb.run(&["connection-aliases", "tag", &id, "team=euc"])
        .success();
    assert_eq!(sb.requests_for("CreateTags").len(), 1);
    sb.run(&["connection-aliases", "untag", &id, "purpose"])
        .success();
    let tags = sb
        .run(&["connection-aliases", "tags", &id, "-o", "json"])
        .success()
        .json();
    let text = tags.to_string();
    assert!(text.contains("euc") && !text.contains("purpose"), "{text}");
}
