//! Names instead of bare IDs, both ways: a table shows what an ID of
//! another kind names (one listing of that kind a run, none for JSON or
//! `--columns`), and a unique name is taken wherever an ID is; an
//! ambiguous one is refused with its candidates before any change.
// Helpers outside #[test] functions panic on purpose: a failed setup is a
// failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod accounts;
mod common;

use accounts::TwoAccounts;
use common::{Run, TestEnv};
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

/// The WorkSpaces of a listing: (ID, WorkspaceName if any, user name).
fn workspaces_of(sb: &TestEnv) -> Vec<(String, Option<String>, String)> {
    items(&json(sb, &["workspaces", "list"]))
        .iter()
        .map(|w| {
            (
                text(w, "WorkspaceId").to_owned(),
                w["WorkspaceName"].as_str().map(str::to_owned),
                text(w, "UserName").to_owned(),
            )
        })
        .collect()
}

/// The IDs a bulk run's JSON results name.
fn result_ids(value: &Value) -> Vec<String> {
    let mut ids: Vec<String> = items(value)
        .iter()
        .map(|r| text(r, "id").to_owned())
        .collect();
    ids.sort();
    ids
}

#[test]
fn a_workspace_is_taken_by_its_workspace_name_or_user_name_with_one_lookup() {
    let sb = TestEnv::start();
    let fleet = workspaces_of(&sb);
    let (named_id, workspace_name, _) = fleet
        .iter()
        .find(|(_, name, _)| name.is_some())
        .cloned()
        .unwrap();
    let workspace_name = workspace_name.unwrap();
    let (unnamed_id, _, user) = fleet
        .iter()
        .find(|(_, name, _)| name.is_none())
        .cloned()
        .unwrap();

    // By ID: no lookup, the Get alone.
    sb.clear_requests();
    json(&sb, &["workspaces", "get", &named_id]);
    let get_alone = sb.requests_for("DescribeWorkspaces").len();

    // By WorkspaceName: one DescribeWorkspaces by that name, then the Get.
    sb.clear_requests();
    let got = json(&sb, &["workspaces", "get", &workspace_name]);
    assert_eq!(got["WorkspaceId"], named_id.as_str());
    assert_eq!(sb.requests_for("DescribeWorkspaces").len(), get_alone + 1);

    // By user name (no WorkSpace has it as its name): that call, then one
    // listing; in any case.
    sb.clear_requests();
    let got = json(&sb, &["workspaces", "get", &user.to_uppercase()]);
    assert_eq!(got["WorkspaceId"], unnamed_id.as_str());
    let pages = fleet.len().div_ceil(25);
    assert_eq!(
        sb.requests_for("DescribeWorkspaces").len(),
        get_alone + 1 + pages
    );

    // A bulk verb: both kinds of name in one comma-separated list, one
    // listing for both (never a call per name).
    sb.clear_requests();
    let both = format!("{user},{workspace_name}");
    let results = json(&sb, &["workspaces", "reboot", &both, "--yes"]);
    let mut wanted = vec![named_id.clone(), unnamed_id.clone()];
    wanted.sort();
    assert_eq!(result_ids(&results), wanted);
    assert_eq!(sb.requests_for("RebootWorkspaces").len(), 1);
    let listing = sb
        .requests_for("DescribeWorkspaces")
        .iter()
        .filter(|r| r.resource.is_none())
        .count();
    assert!(listing <= pages + 1, "{listing} listing requests");

    // --ids-from (stdin) with a user name among IDs, and tag by user name.
    let (third, _, third_user) = fleet
        .iter()
        .find(|(id, _, _)| *id != named_id && *id != unnamed_id)
        .cloned()
        .unwrap();
    let lines = format!("{third_user}\n{named_id}\n");
    let run = Run::of(
        sb.wsfleet()
            .args([
                "workspaces",
                "reboot",
                "--ids-from",
                "-",
                "--yes",
                "-o",
                "json",
            ])
            .write_stdin(lines)
            .output()
            .unwrap(),
    )
    .success();
    let mut wanted = vec![third.clone(), named_id.clone()];
    wanted.sort();
    assert_eq!(result_ids(&run.json()), wanted);
    sb.run(&["workspaces", "tag", &third_user, "team=names"])
        .success();
    let tags = json(&sb, &["workspaces", "tags", &third]);
    assert!(tags.to_string().contains("names"), "{tags}");

    // The same user in a second directory: refused with the candidates,
    // nothing sent.
    let directories = json(&sb, &["directories", "list"]);
    let home_directory = text(&got, "DirectoryId");
    let other = items(&directories)
        .iter()
        .find(|d| d["DirectoryId"] != home_directory && d["Alias"].is_string())
        .unwrap();
    sb.run(&[
        "workspaces",
        "create",
        "--directory",
        text(other, "DirectoryId"),
        "--user",
        &user,
        "--bundle",
        text(&got, "BundleId"),
    ])
    .success();
    sb.clear_requests();
    let run = sb.run(&["workspaces", "reboot", &user, "--yes"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let error = run.stderr.lines().next().unwrap();
    assert!(
        error.contains(&format!("name '{user}' matches 2 WorkSpaces")),
        "{error}"
    );
    let home_alias = text(find(&directories, "DirectoryId", home_directory), "Alias");
    assert!(
        error.contains(&format!("{unnamed_id} ({user}, {home_alias})")),
        "{error}"
    );
    assert!(
        error.contains(&format!("({user}, {})", text(other, "Alias"))),
        "{error}"
    );
    assert!(sb.requests_for("RebootWorkspaces").is_empty());

    // A name nothing has: exit 1, nothing sent.
    let run = sb.run(&["workspaces", "reboot", "nobody.here", "--yes"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("no WorkSpace has the name 'nobody.here'")
    );
    assert!(sb.requests_for("RebootWorkspaces").is_empty());
}

#[test]
fn each_name_of_a_comma_separated_list_is_resolved() {
    let sb = TestEnv::start();
    let devices = json(&sb, &["devices", "list", "--status", "registered"]);
    let named: Vec<(&str, &str)> = items(&devices)
        .iter()
        .filter(|d| d["name"].is_string())
        .take(2)
        .map(|d| (text(d, "id"), text(d, "name")))
        .collect();
    let list = format!("{},{}", named[0].1, named[1].1);
    sb.clear_requests();
    let results = json(&sb, &["devices", "deregister", &list, "--yes"]);
    let mut wanted: Vec<String> = named.iter().map(|(id, _)| (*id).to_owned()).collect();
    wanted.sort();
    assert_eq!(result_ids(&results), wanted);
    let sent = sb.requests_for("DeregisterDevice");
    assert_eq!(sent.len(), 2);
    for (id, _) in &named {
        assert!(sent.iter().any(|r| r.path.contains(id)), "{sent:?}");
    }

    // A flag of several IDs: bundles by name, beside an ID.
    let bundles = json(&sb, &["bundles", "list"]);
    let bundle_named = |i: usize| &items(&bundles)[i];
    let list = format!(
        "{}, {}",
        text(bundle_named(0), "Name"),
        text(bundle_named(1), "BundleId")
    );
    let found = json(&sb, &["bundles", "list", "--ids", &list]);
    let mut ids: Vec<&str> = items(&found).iter().map(|b| text(b, "BundleId")).collect();
    ids.sort_unstable();
    let mut wanted = vec![
        text(bundle_named(0), "BundleId"),
        text(bundle_named(1), "BundleId"),
    ];
    wanted.sort_unstable();
    assert_eq!(ids, wanted);
}

#[test]
fn help_says_where_names_are_taken() {
    let sb = TestEnv::start();
    let help = |args: &[&str]| sb.run(args).success().stdout;
    let reboot = help(&["workspaces", "reboot", "--help"]);
    assert!(
        reboot.contains("(ID or unique WorkSpace name or user name)"),
        "{reboot}"
    );
    assert!(
        reboot.contains("a line may hold a unique WorkSpace name or user name"),
        "{reboot}"
    );
    let get = help(&["devices", "get", "--help"]);
    assert!(
        get.contains("(ID or unique name or serial number)"),
        "{get}"
    );
    let list = help(&["devices", "list", "--help"]);
    let environment = list
        .lines()
        .skip_while(|line| !line.contains("--environment"))
        .nth(1)
        .unwrap();
    assert!(environment.contains("(ID or unique name)"), "{list}");
    let tag = help(&["workspaces", "tag", "--help"]);
    assert!(
        tag.contains("the ID may be a unique WorkSpace name"),
        "{tag}"
    );
    // A connection alias has no name of its own: its help says ID only.
    let alias = help(&["connection-aliases", "get", "--help"]);
    assert!(!alias.contains("unique"), "{alias}");
    // A directory not yet registered is unknown to WorkSpaces: registering
    // takes its ID only, and a name is refused before any request.
    let register = help(&["directories", "register", "--help"]);
    assert!(!register.contains("unique"), "{register}");
    sb.clear_requests();
    let refused = sb.run(&["directories", "register", "Corp", "--dry-run"]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(
        refused.stderr.contains("invalid directory ID 'Corp'"),
        "{}",
        refused.stderr
    );
    assert!(sb.requests().is_empty(), "{:?}", sb.requests());
}

#[test]
fn a_table_of_two_regions_names_each_places_ids_with_one_lookup_a_kind_a_place() {
    let fleet = TwoAccounts::start((12, 3), (12, 3));
    let places = [("us-east-1", &fleet.east), ("eu-west-1", &fleet.west)];
    for (_, sb) in places {
        sb.clear_requests();
    }
    let output = fleet.wsfleet().args(["devices", "list"]).output().unwrap();
    let table = Run::of(output).success().stdout;
    for (region, sb) in places {
        assert_eq!(sb.requests_for("ListEnvironments").len(), 1, "{region}");
        assert_eq!(sb.requests_for("ListSoftwareSets").len(), 1, "{region}");
        let environments = json(sb, &["environments", "list"]);
        let devices = json(sb, &["devices", "list"]);
        let device = items(&devices)
            .iter()
            .find(|d| d["environmentId"].is_string())
            .unwrap();
        let line = table
            .lines()
            .find(|line| line.starts_with(region) && line.contains(text(device, "id")))
            .unwrap_or_else(|| panic!("no row of {region} in\n{table}"));
        let environment = find(&environments, "id", text(device, "environmentId"));
        assert!(line.contains(text(environment, "name")), "{line}");
        assert!(!line.contains(text(environment, "id")), "{line}");
    }
}

#[test]
fn a_table_over_assumed_accounts_names_each_places_ids_from_that_place() {
    use wsfleet_sandbox::member_account;
    let env = TestEnv::with(wsfleet_sandbox::Config {
        member_accounts: 2,
        member_fleet: 4,
        ..wsfleet_sandbox::Config::default()
    });
    let accounts = format!("{},{}", member_account(1), member_account(2));
    let reach = [
        "--assume-role",
        "Admin",
        "--account",
        &accounts,
        "--region",
        "us-east-1,us-west-2",
    ];
    let listed = |extra: &[&str]| {
        let args: Vec<&str> = reach.iter().chain(extra).copied().collect();
        env.run(&args).success()
    };
    let rows = listed(&["devices", "list", "-o", "json"]).json();
    let with_environment: Vec<&Value> = items(&rows)
        .iter()
        .filter(|d| d["environmentId"].is_string())
        .collect();
    assert!(!with_environment.is_empty(), "{rows}");
    env.clear_requests();
    let table = listed(&["devices", "list"]).stdout;
    // One listing of environments in each place whose rows hold one.
    let mut places: Vec<(Option<String>, Option<String>)> = env
        .requests_for("ListEnvironments")
        .into_iter()
        .map(|r| (r.account, r.signed_region))
        .collect();
    let asked = places.len();
    places.sort();
    places.dedup();
    assert_eq!(asked, places.len(), "{places:?}");
    let holding: std::collections::BTreeSet<(String, String)> = with_environment
        .iter()
        .map(|d| (text(d, "account").to_owned(), text(d, "region").to_owned()))
        .collect();
    assert_eq!(places.len(), holding.len(), "{places:?}");
    for device in with_environment {
        let line = table
            .lines()
            .find(|line| line.contains(text(device, "id")))
            .unwrap_or_else(|| panic!("no row in\n{table}"));
        assert!(!line.contains(text(device, "environmentId")), "{line}");
    }
}
