//! End-to-end: the real binary against the sandbox, for every verb of the
//! `connect-add-ins` group.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on what they did not expect

mod common;

use common::TestEnv;
use serde_json::Value;

/// The directory the sandbox seeds add-ins on: the first one WorkSpaces use
/// is not necessarily it, so ask each until one has add-ins.
fn directory_with_add_ins(sb: &TestEnv) -> String {
    let listed = sb
        .run(&["-o", "json", "workspaces", "list"])
        .success()
        .json();
    let mut directories: Vec<String> = listed
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|w| w["DirectoryId"].as_str().map(str::to_owned))
        .collect();
    directories.sort();
    directories.dedup();
    directories
        .into_iter()
        .find(|d| !add_ins(sb, d).is_empty())
        .expect("a directory with add-ins")
}

fn add_ins(sb: &TestEnv, directory: &str) -> Vec<Value> {
    let listed = sb
        .run(&["-o", "json", "connect-add-ins", "list", directory])
        .success()
        .json();
    listed.as_array().unwrap().clone()
}

#[test]
fn list_create_update_and_delete_an_add_in() {
    let sb = TestEnv::start();
    let directory = directory_with_add_ins(&sb);
    let seeded = add_ins(&sb, &directory);
    assert_eq!(seeded.len(), 2);
    assert!(seeded.iter().all(|a| a["ResourceId"] == directory.as_str()));
    assert!(
        seeded
            .iter()
            .all(|a| a["URL"].as_str().unwrap().starts_with("https://"))
    );
    let table = sb.run(&["connect-add-ins", "list", &directory]).success();
    assert!(table.stdout.lines().next().unwrap().contains("URL"));
    assert!(table.stdout.contains("Contact Control Panel"));

    let create = [
        "connect-add-ins",
        "create",
        &directory,
        "--name",
        "Wallboard",
        "--url",
        "https://example.my.connect.aws/wallboard",
    ];
    let mut dry = create.to_vec();
    dry.push("--dry-run");
    sb.run(&dry).success();
    assert!(sb.requests_for("CreateConnectClientAddIn").is_empty());
    let created = sb.run(&create).success();
    let add_in = created.stdout.trim().to_owned();
    assert_eq!(add_in.len(), 36, "{add_in}");
    assert_eq!(add_ins(&sb, &directory).len(), 3);
    // The same name twice in one directory: the service's error, exit 1.
    let again = sb.run(&create);
    assert_eq!(again.code, 1);
    assert!(
        again.stderr.contains("ResourceAlreadyExistsException"),
        "{}",
        again.stderr
    );

    sb.run(&[
        "connect-add-ins",
        "update",
        &directory,
        &add_in,
        "--name",
        "Board",
        "--dry-run",
    ])
    .success();
    assert!(sb.requests_for("UpdateConnectClientAddIn").is_empty());
    sb.run(&[
        "connect-add-ins",
        "update",
        &directory,
        &add_in,
        "--name",
        "Board",
    ])
    .success();
    let renamed = add_ins(&sb, &directory);
    assert!(
        renamed
            .iter()
            .any(|a| a["AddInId"] == add_in.as_str() && a["Name"] == "Board")
    );

    let refused = sb.run(&["connect-add-ins", "delete", &directory, &add_in]);
    assert_eq!(refused.code, 2);
    assert!(refused.stderr.contains("--yes"), "{}", refused.stderr);
    sb.run(&[
        "connect-add-ins",
        "delete",
        &directory,
        &add_in,
        "--dry-run",
    ])
    .success();
    assert!(sb.requests_for("DeleteConnectClientAddIn").is_empty());
    sb.run(&["connect-add-ins", "delete", &directory, &add_in, "--yes"])
        .success();
    assert_eq!(add_ins(&sb, &directory).len(), 2);
    let gone = sb.run(&["connect-add-ins", "delete", &directory, &add_in, "--yes"]);
    assert_eq!(gone.code, 1);
    assert!(
        gone.stderr.contains("ResourceNotFoundException"),
        "{}",
        gone.stderr
    );
}

#[test]
fn bad_input_is_refused_before_any_request() {
    let sb = TestEnv::start();
    let uuid = "0f8b6a2e-5d1c-4c3e-9a7b-1e2d3c4b5a69";
    for args in [
        vec!["connect-add-ins", "list", "d-not-a-directory"],
        vec![
            "connect-add-ins",
            "create",
            "d-90670b1234",
            "--name",
            "x",
            "--url",
            "ftp://x",
        ],
        vec![
            "connect-add-ins",
            "create",
            "d-90670b1234",
            "--name",
            "",
            "--url",
            "https://x",
        ],
        vec!["connect-add-ins", "update", "d-90670b1234", uuid],
        vec![
            "connect-add-ins",
            "update",
            "d-90670b1234",
            "NOT-A-UUID",
            "--name",
            "x",
        ],
        vec!["connect-add-ins", "delete", "d-90670b1234", "nope", "--yes"],
    ] {
        let run = sb.run(&args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
    }
    assert!(sb.requests().is_empty(), "{:?}", sb.requests());
}
