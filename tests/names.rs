//! Names instead of bare IDs, both ways: a table shows what an ID of
//! another kind names (one listing of that kind a run, none for JSON or
//! `--columns`), and a unique name is taken wherever an ID is; an
//! ambiguous one is refused with its candidates before any change.
// Helpers outside #[test] functions panic on purpose: a failed setup is a
// failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::TestEnv;
use serde_json::Value;

const DESKTOP_ARN: &str = "arn:aws:workspaces:us-east-1:123456789012:directory/d-1234567890";

fn json(sb: &TestEnv, args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["-o", "json"]);
    sb.run(&all).success().json()
}

fn items(value: &Value) -> &Vec<Value> {
    value.as_array().expect("a JSON array")
}

/// The first item whose `key` is `value`.
fn find<'a>(list: &'a Value, key: &str, value: &str) -> &'a Value {
    items(list)
        .iter()
        .find(|item| item[key] == value)
        .unwrap_or_else(|| panic!("no {key} {value} in {list}"))
}

fn text<'a>(item: &'a Value, key: &str) -> &'a str {
    item[key]
        .as_str()
        .unwrap_or_else(|| panic!("no {key} in {item}"))
}

/// The table's line that starts with `id`.
fn row<'a>(table: &'a str, id: &str) -> &'a str {
    table
        .lines()
        .find(|line| line.starts_with(id))
        .unwrap_or_else(|| panic!("no row {id} in\n{table}"))
}

#[test]
fn tables_show_names_with_one_lookup_a_kind_and_json_asks_for_none() {
    let sb = TestEnv::start();
    let environments = json(&sb, &["environments", "list"]);
    let software_sets = json(&sb, &["software-sets", "list"]);
    let devices = json(&sb, &["devices", "list"]);
    let device = items(&devices)
        .iter()
        .find(|d| d["environmentId"].is_string() && d["currentSoftwareSetId"].is_string())
        .unwrap();
    let device_id = text(device, "id");
    let environment = find(&environments, "id", text(device, "environmentId"));
    let software_set = find(&software_sets, "id", text(device, "currentSoftwareSetId"));

    // devices list: the environment's name and the software set's version.
    sb.clear_requests();
    let table = sb.run(&["devices", "list"]).success().stdout;
    let line = row(&table, device_id);
    assert!(line.contains(text(environment, "name")), "{line}");
    assert!(line.contains(text(software_set, "version")), "{line}");
    assert!(!line.contains(text(environment, "id")), "{line}");
    assert_eq!(sb.requests_for("ListEnvironments").len(), 1);
    assert_eq!(sb.requests_for("ListSoftwareSets").len(), 1);

    // JSON keeps the API's IDs and asks nothing more; so does --columns.
    for args in [
        &["devices", "list", "-o", "json"][..],
        &["devices", "list", "-o", "csv"],
        &["devices", "list", "--columns", "id,environmentId"],
        &["devices", "get", device_id, "-o", "json"],
    ] {
        sb.clear_requests();
        let run = sb.run(args).success();
        assert!(run.stdout.contains(text(environment, "id")), "{args:?}");
        assert!(sb.requests_for("ListEnvironments").is_empty(), "{args:?}");
        assert!(sb.requests_for("ListSoftwareSets").is_empty(), "{args:?}");
    }

    // devices get: name and ID side by side.
    let table = sb.run(&["devices", "get", device_id]).success().stdout;
    let beside = format!(
        "{} ({})",
        text(environment, "name"),
        text(environment, "id")
    );
    assert!(table.contains(&beside), "{table}");

    // workspaces list: the directory's name and the bundle's, one listing
    // of each (Amazon's bundles as a second only when a row needs them).
    let directories = json(&sb, &["directories", "list"]);
    let workspaces = json(&sb, &["workspaces", "list"]);
    let workspace = &items(&workspaces)[0];
    let directory = find(&directories, "DirectoryId", text(workspace, "DirectoryId"));
    let bundle = json(&sb, &["bundles", "get", text(workspace, "BundleId")]);
    // The listing itself reads the directories (directory by directory).
    sb.clear_requests();
    json(&sb, &["workspaces", "list"]);
    let listing_reads = sb.requests_for("DescribeWorkspaceDirectories").len();
    assert!(sb.requests_for("DescribeWorkspaceBundles").is_empty());
    sb.clear_requests();
    let table = sb.run(&["workspaces", "list"]).success().stdout;
    let line = row(&table, text(workspace, "WorkspaceId"));
    assert!(line.contains(text(directory, "DirectoryName")), "{line}");
    assert!(line.contains(text(&bundle, "Name")), "{line}");
    assert!(!line.contains(text(workspace, "BundleId")), "{line}");
    assert_eq!(
        sb.requests_for("DescribeWorkspaceDirectories").len(),
        listing_reads + 1
    );
    assert!(sb.requests_for("DescribeWorkspaceBundles").len() <= 2);

    // connection aliases: the associated directory's name.
    let table = sb.run(&["connection-aliases", "list"]).success().stdout;
    assert!(table.contains(text(directory, "DirectoryName")), "{table}");
    assert!(!table.contains(text(directory, "DirectoryId")), "{table}");

    // The report lists devices by environment name.
    let report = sb.run(&["report"]).success().stdout;
    assert!(report.contains(text(environment, "name")), "{report}");
}

#[test]
fn associations_show_the_application_by_name() {
    let sb = TestEnv::start();
    let applications = json(&sb, &["applications", "list"]);
    let bundles = json(&sb, &["bundles", "list"]);
    let (bundle, association) = items(&bundles)
        .iter()
        .map(|b| text(b, "BundleId").to_owned())
        .find_map(|bundle| {
            let found = json(&sb, &["applications", "associations", "--bundle", &bundle]);
            let first = items(&found).first().cloned();
            first.map(|a| (bundle, a))
        })
        .expect("a bundle with an application");
    let application_id = text(&association, "AssociatedResourceId");
    let application = find(&applications, "ApplicationId", application_id);
    let table = sb
        .run(&["applications", "associations", "--bundle", &bundle])
        .success()
        .stdout;
    assert!(table.contains(text(application, "Name")), "{table}");
    assert!(!table.contains(application_id), "{table}");
}

#[test]
fn bulk_results_name_their_targets() {
    let sb = TestEnv::start();
    let devices = json(&sb, &["devices", "list", "--status", "registered"]);
    let device = items(&devices)
        .iter()
        .find(|d| d["name"].is_string())
        .unwrap();
    let (id, name) = (text(device, "id"), text(device, "name"));
    let results = sb
        .run(&["devices", "deregister", id, "--yes"])
        .success()
        .stdout;
    let line = row(&results, id);
    assert!(line.contains(name) && line.contains("done"), "{results}");
    assert!(
        results.lines().next().unwrap().contains("NAME"),
        "{results}"
    );
}

#[test]
fn names_are_taken_in_get_a_bulk_verb_and_a_filter() {
    let sb = TestEnv::start();
    let environments = json(&sb, &["environments", "list"]);
    let retail = find(&environments, "name", "Retail Kiosks");
    let retail_id = text(retail, "id");
    let devices = json(&sb, &["devices", "list"]);
    let device = items(&devices)
        .iter()
        .find(|d| d["name"] == "RET-KIOSK-019")
        .unwrap();

    // get, by name: one listing (its pages) to find it, then the Get.
    sb.clear_requests();
    json(&sb, &["devices", "list"]);
    let pages = sb.requests_for("ListDevices").len();
    sb.clear_requests();
    let got = json(&sb, &["devices", "get", "RET-KIOSK-019"]);
    assert_eq!(got["id"], device["id"]);
    assert_eq!(sb.requests_for("ListDevices").len(), pages);
    assert_eq!(sb.requests_for("GetDevice").len(), 1);
    // By ID: no listing.
    sb.clear_requests();
    json(&sb, &["devices", "get", text(device, "id")]);
    assert!(sb.requests_for("ListDevices").is_empty());
    // An environment by name, in any case when no name matches exactly.
    let got = json(&sb, &["environments", "get", "retail kiosks"]);
    assert_eq!(got["id"], retail_id);

    // The tags of a device by its name.
    sb.run(&["devices", "tags", "RET-KIOSK-019"]).success();

    // A filter: --environment by name lists what the ID lists.
    let by_name = json(&sb, &["devices", "list", "--environment", "Retail Kiosks"]);
    let by_id = json(&sb, &["devices", "list", "--environment", retail_id]);
    assert!(!items(&by_name).is_empty());
    assert_eq!(by_name, by_id);

    // A bulk verb: the change goes to the ID the name stands for.
    let target = items(&devices)
        .iter()
        .find(|d| d["name"] == "HEA-FRONT-000")
        .unwrap();
    sb.clear_requests();
    sb.run(&[
        "devices",
        "deregister",
        "HEA-FRONT-000",
        "--yes",
        "-o",
        "json",
    ])
    .success();
    let sent = sb.requests_for("DeregisterDevice");
    assert_eq!(sent.len(), 1);
    assert!(
        sent[0].path.contains(text(target, "id")),
        "{:?}",
        sent[0].path
    );

    // A name nothing has: the error an unknown ID gets, exit 1, no change.
    let run = sb.run(&["devices", "deregister", "NO-SUCH-DEVICE", "--yes"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("no device has the name 'NO-SUCH-DEVICE'"),
        "{}",
        run.stderr
    );
    assert_eq!(sb.requests_for("DeregisterDevice").len(), 1);
}

#[test]
fn an_ambiguous_name_is_refused_with_its_candidates_before_any_change() {
    let sb = TestEnv::start();
    let mut twins = Vec::new();
    for _ in 0..2 {
        let created = json(
            &sb,
            &[
                "environments",
                "create",
                "--name",
                "Twins",
                "--desktop-arn",
                DESKTOP_ARN,
            ],
        );
        twins.push(text(&created, "id").to_owned());
    }
    sb.clear_requests();
    let run = sb.run(&["environments", "delete", "Twins", "--yes"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let error = run.stderr.lines().next().unwrap();
    assert!(
        error.contains("name 'Twins' matches 2 environments"),
        "{error}"
    );
    for id in &twins {
        assert!(error.contains(&format!("{id} (Twins")), "{error}");
    }
    assert!(sb.requests_for("DeleteEnvironment").is_empty());
    assert_eq!(sb.requests_for("ListEnvironments").len(), 1);

    let run = sb.run(&["devices", "list", "--environment", "Twins"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(sb.requests_for("ListDevices").is_empty());
}

// A lookup that fails (the listing of names refused) leaves the IDs with
// one warning: in-process, `context::tests`, where the refusal is not
// retried for seconds first.
