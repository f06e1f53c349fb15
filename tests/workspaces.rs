//! End-to-end: the real binary against the sandbox's WorkSpaces API, for
//! every verb of the `workspaces`, `applications` and `images` groups.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on what they did not expect

mod common;

use std::time::Duration;

use common::{TestEnv, stderr_of, stdout_of};
use serde_json::Value;
use wsfleet_sandbox::Config;

/// Runs wsfleet with `args` (JSON output) and returns the parsed stdout,
/// asserting the exit code.
fn json(sb: &TestEnv, args: &[&str], code: i32) -> Value {
    let output = sb
        .wsfleet()
        .args(["-o", "json"])
        .args(args)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(code),
        "{args:?}\nstdout: {}\nstderr: {}",
        stdout_of(&output),
        stderr_of(&output)
    );
    serde_json::from_slice(&output.stdout).unwrap_or(Value::Null)
}

fn items(value: &Value) -> &Vec<Value> {
    value.as_array().expect("a JSON array")
}

fn text<'a>(item: &'a Value, pointer: &str) -> &'a str {
    item.pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_default()
}

fn workspaces(sb: &TestEnv, filters: &[&str]) -> Vec<Value> {
    let mut args = vec!["workspaces", "list"];
    args.extend_from_slice(filters);
    items(&json(sb, &args, 0)).clone()
}

fn quick() -> Config {
    Config {
        transition: Duration::from_millis(150),
        ..Config::default()
    }
}

#[test]
fn list_uses_the_api_names_and_filters_on_both_sides() {
    let sb = TestEnv::start();
    let all = workspaces(&sb, &[]);
    assert!(all.len() >= 10, "{}", all.len());
    let first = &all[0];
    for key in [
        "WorkspaceId",
        "DirectoryId",
        "UserName",
        "State",
        "BundleId",
    ] {
        assert!(first.get(key).is_some(), "{key} missing from {first}");
    }
    assert!(
        first
            .pointer("/WorkspaceProperties/OperatingSystemName")
            .is_some()
    );

    // Client-side filter: every row has the state asked for.
    let stopped = workspaces(&sb, &["--state", "stopped"]);
    assert!(!stopped.is_empty());
    assert!(stopped.iter().all(|w| text(w, "/State") == "STOPPED"));
    // Server-side filters: directory, then directory and user.
    let directory = text(first, "/DirectoryId");
    let user = text(first, "/UserName");
    let in_directory = workspaces(&sb, &["--directory", directory]);
    assert!(
        in_directory
            .iter()
            .all(|w| text(w, "/DirectoryId") == directory)
    );
    assert!(
        in_directory.len() < all.len() || all.iter().all(|w| text(w, "/DirectoryId") == directory)
    );
    let mine = workspaces(&sb, &["--directory", directory, "--user", user]);
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0]["WorkspaceId"], first["WorkspaceId"]);
    // OS filter and --ids.
    let os = text(first, "/WorkspaceProperties/OperatingSystemName");
    let same_os = workspaces(&sb, &["--os", &os.to_lowercase()]);
    assert!(
        same_os
            .iter()
            .all(|w| text(w, "/WorkspaceProperties/OperatingSystemName") == os)
    );
    let two = format!(
        "{},{}",
        text(&all[0], "/WorkspaceId"),
        text(&all[1], "/WorkspaceId")
    );
    assert_eq!(workspaces(&sb, &["--ids", &two]).len(), 2);

    // The table shows the OS column.
    let table = sb.wsfleet().args(["workspaces", "list"]).output().unwrap();
    assert!(
        stdout_of(&table)
            .lines()
            .next()
            .unwrap_or_default()
            .contains("OS")
    );
}

#[test]
fn get_shows_every_field_and_bad_input_sends_nothing() {
    let sb = TestEnv::start();
    let all = workspaces(&sb, &[]);
    let id = text(&all[0], "/WorkspaceId");
    let one = json(&sb, &["workspaces", "get", id], 0);
    assert_eq!(one["WorkspaceId"], id);
    assert!(one.pointer("/WorkspaceProperties/RunningMode").is_some());
    assert!(
        one.pointer("/WorkspaceProperties/ComputeTypeName")
            .is_some()
    );

    sb.clear_requests();
    for args in [
        vec!["workspaces", "get", "ws-NOT-VALID"],
        vec!["workspaces", "list", "--directory", "d-nothex"],
        vec!["workspaces", "list", "--os", "windows_95"],
        vec!["workspaces", "list", "--user", "jdoe"],
        vec!["images", "get", "wsi-short"],
        vec!["applications", "associations", "wsa-BAD"],
    ] {
        let output = sb.wsfleet().args(&args).output().unwrap();
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            stderr_of(&output)
        );
    }
    assert!(sb.requests().is_empty(), "{:?}", sb.requests());
    // An unknown WorkSpace is an error (exit 1), not an empty object.
    let missing = sb
        .wsfleet()
        .args(["workspaces", "get", "ws-zzzzzzzz9"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(1));
}

#[test]
fn create_from_flags_and_from_a_csv_file_reports_each_request() {
    let sb = TestEnv::start();
    let existing = &workspaces(&sb, &[])[0];
    let directory = text(existing, "/DirectoryId").to_owned();
    let bundle = text(existing, "/BundleId").to_owned();

    let created = json(
        &sb,
        &[
            "workspaces",
            "create",
            "--directory",
            &directory,
            "--user",
            "newhire1",
            "--bundle",
            &bundle,
            "--running-mode",
            "auto_stop",
            "--auto-stop-timeout",
            "60",
            "--tag",
            "team=sales",
        ],
        0,
    );
    let rows = items(&created);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["Outcome"], "pending");
    let new_id = text(&rows[0], "/WorkspaceId").to_owned();
    assert!(new_id.starts_with("ws-"), "{created}");
    let found = workspaces(&sb, &["--directory", &directory, "--user", "newhire1"]);
    assert_eq!(found[0]["WorkspaceId"], new_id.as_str());

    // Two good rows and one for a user who already has a WorkSpace.
    let csv = format!(
        "DirectoryId,UserName,BundleId,WorkspaceProperties.RunningMode\n\
         {directory},newhire2,{bundle},AUTO_STOP\n\
         {directory},{taken},{bundle},\n\
         {directory},newhire3,{bundle},always_on\n",
        taken = text(existing, "/UserName")
    );
    let path = sb.path("requests.csv");
    std::fs::write(&path, csv).unwrap();
    let path = path.to_string_lossy().into_owned();
    let report = json(&sb, &["workspaces", "create", "--from-file", &path], 1);
    let rows = items(&report);
    let outcomes: Vec<&str> = rows.iter().map(|r| text(r, "/Outcome")).collect();
    assert_eq!(outcomes, ["pending", "failed", "pending"]);
    assert_eq!(rows[1]["ErrorCode"], "ResourceExists.WorkSpace");
    assert_eq!(sb.requests_for("CreateWorkspaces").len(), 2);
    let third = workspaces(&sb, &["--directory", &directory, "--user", "newhire3"]);
    assert_eq!(
        text(&third[0], "/WorkspaceProperties/RunningMode"),
        "ALWAYS_ON"
    );

    // 30 NDJSON requests go in two calls of 25 and 5.
    sb.clear_requests();
    let ndjson: String = (0..30)
        .map(|i| {
            format!(
                "{{\"DirectoryId\":\"{directory}\",\"UserName\":\"bulk{i}\",\"BundleId\":\"{bundle}\"}}\n"
            )
        })
        .collect();
    let created = sb
        .wsfleet()
        .args(["-o", "json", "workspaces", "create", "--from-file", "-"])
        .write_stdin(ndjson)
        .output()
        .unwrap();
    assert_eq!(created.status.code(), Some(0), "{}", stderr_of(&created));
    assert_eq!(sb.requests_for("CreateWorkspaces").len(), 2);
}

#[test]
fn modify_changes_properties_including_the_operating_system_name() {
    let sb = TestEnv::start();
    // The service changes the OS name only within a family.
    let workspace = workspaces(&sb, &[])
        .into_iter()
        .find(|w| {
            ["AVAILABLE", "STOPPED"].contains(&text(w, "/State"))
                && text(w, "/WorkspaceProperties/OperatingSystemName").starts_with("WINDOWS")
        })
        .expect("a Windows WorkSpace that can be modified");
    let id = text(&workspace, "/WorkspaceId");
    let os = if text(&workspace, "/WorkspaceProperties/OperatingSystemName") == "WINDOWS_11" {
        "WINDOWS_10"
    } else {
        "WINDOWS_11"
    };
    let (mode, mode_flags): (&str, &[&str]) =
        if text(&workspace, "/WorkspaceProperties/RunningMode") == "ALWAYS_ON" {
            (
                "AUTO_STOP",
                &[
                    "--set-running-mode",
                    "auto_stop",
                    "--set-auto-stop-timeout",
                    "60",
                ],
            )
        } else {
            ("ALWAYS_ON", &["--set-running-mode", "Always_On"])
        };
    let os_flag = os.to_lowercase();
    let mut args = vec!["workspaces", "modify", id, "--set-os", &os_flag];
    args.extend_from_slice(mode_flags);
    json(&sb, &args, 0);
    assert_eq!(sb.requests_for("ModifyWorkspaceProperties").len(), 1);
    let after = json(&sb, &["workspaces", "get", id], 0);
    assert_eq!(text(&after, "/WorkspaceProperties/RunningMode"), mode);
    assert_eq!(text(&after, "/WorkspaceProperties/OperatingSystemName"), os);
}

#[test]
fn sixty_reboots_go_in_three_calls_and_a_stopped_one_is_left_out_unsent() {
    let sb = TestEnv::with(Config {
        workspaces: 150,
        ..Config::default()
    });
    let available = workspaces(&sb, &["--state", "available"]);
    let stopped = workspaces(&sb, &["--state", "stopped"]);
    assert!(available.len() >= 59, "{}", available.len());
    let mut ids: Vec<&str> = available
        .iter()
        .take(59)
        .map(|w| text(w, "/WorkspaceId"))
        .collect();
    let refused = text(&stopped[0], "/WorkspaceId");
    ids.push(refused);
    let path = sb.path("ids.txt");
    std::fs::write(&path, ids.join("\n")).unwrap();

    sb.clear_requests();
    let report = json(
        &sb,
        &[
            "workspaces",
            "reboot",
            "--yes",
            "--ids-from",
            &path.to_string_lossy(),
        ],
        0,
    );
    // 59 sent, 25 a call; the STOPPED one, which the service would refuse,
    // is left out by the plan and reported so.
    assert_eq!(sb.requests_for("RebootWorkspaces").len(), 3);
    let results = items(&report);
    assert_eq!(results.len(), 60);
    let skipped: Vec<&Value> = results
        .iter()
        .filter(|r| r["outcome"] == "skipped")
        .collect();
    assert_eq!(skipped.len(), 1, "{report}");
    assert_eq!(skipped[0]["id"], refused);
    assert!(
        text(skipped[0], "/error").starts_with("STOPPED (reboot needs"),
        "{report}"
    );
    assert_eq!(
        results.iter().filter(|r| r["outcome"] == "done").count(),
        59
    );
    let rebooting = json(&sb, &["workspaces", "get", ids[0]], 0);
    assert_ne!(text(&rebooting, "/State"), "STOPPED");
    assert_eq!(text(&stopped[0], "/State"), "STOPPED");
}

#[test]
fn destructive_verbs_refuse_without_yes_and_dry_run_changes_nothing() {
    let sb = TestEnv::start();
    let id = text(
        &workspaces(&sb, &["--state", "available"])[0],
        "/WorkspaceId",
    )
    .to_owned();
    sb.clear_requests();
    for verb in ["stop", "reboot", "rebuild", "terminate"] {
        let output = sb
            .wsfleet()
            .args(["workspaces", verb, &id])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{verb}");
        assert!(stderr_of(&output).contains("--yes"), "{verb}");
    }
    assert!(sb.requests().is_empty());

    let dry = sb
        .wsfleet()
        .args(["-o", "json", "workspaces", "terminate", &id, "--dry-run"])
        .output()
        .unwrap();
    assert_eq!(dry.status.code(), Some(0));
    assert!(
        stderr_of(&dry).contains("cannot be undone"),
        "{}",
        stderr_of(&dry)
    );
    let plan: Value = serde_json::from_slice(&dry.stdout).unwrap();
    assert_eq!(plan[0]["WorkspaceId"], id.as_str());
    assert!(sb.requests_for("TerminateWorkspaces").is_empty());
    assert_eq!(
        text(&json(&sb, &["workspaces", "get", &id], 0), "/State"),
        "AVAILABLE"
    );
}

#[test]
fn stop_start_rebuild_and_terminate_wait_for_their_final_state() {
    let sb = TestEnv::with(quick());
    let candidates: Vec<Value> = workspaces(
        &sb,
        &["--state", "available", "--running-mode", "auto_stop"],
    );
    assert!(candidates.len() >= 3);
    let (a, b, c) = (
        text(&candidates[0], "/WorkspaceId").to_owned(),
        text(&candidates[1], "/WorkspaceId").to_owned(),
        text(&candidates[2], "/WorkspaceId").to_owned(),
    );

    json(&sb, &["workspaces", "stop", &a, &b, "--yes", "--wait"], 0);
    assert_eq!(sb.requests_for("StopWorkspaces").len(), 1);
    assert_eq!(
        text(&json(&sb, &["workspaces", "get", &a], 0), "/State"),
        "STOPPED"
    );

    json(&sb, &["workspaces", "start", &a, &b, "--wait"], 0);
    assert_eq!(
        text(&json(&sb, &["workspaces", "get", &b], 0), "/State"),
        "AVAILABLE"
    );

    json(
        &sb,
        &["workspaces", "rebuild", &a, &b, "--yes", "--wait"],
        0,
    );
    assert_eq!(
        sb.requests_for("RebuildWorkspaces").len(),
        2,
        "one WorkSpace a call"
    );

    let report = json(&sb, &["workspaces", "terminate", &c, "--yes", "--wait"], 0);
    assert_eq!(items(&report)[0]["outcome"], "done");
    // --wait ends at TERMINATED; the service then drops the WorkSpace from
    // DescribeWorkspaces a little later (one more transition here).
    let listed = workspaces(&sb, &["--ids", &c]);
    assert!(
        listed.is_empty() || listed[0]["State"] == "TERMINATED",
        "{listed:?}"
    );
    let gone = (0..50).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(100));
        workspaces(&sb, &["--ids", &c]).is_empty()
    });
    assert!(gone, "terminated WorkSpace still listed");
}

#[test]
fn applications_associate_deploy_and_disassociate() {
    let sb = TestEnv::with(quick());
    let applications = items(&json(&sb, &["applications", "list"], 0)).clone();
    assert!(!applications.is_empty());
    for key in [
        "ApplicationId",
        "Name",
        "LicenseType",
        "SupportedOperatingSystemNames",
    ] {
        assert!(applications[0].get(key).is_some(), "{key}");
    }
    let licensed = items(&json(
        &sb,
        &["applications", "list", "--license-type", "LICENSED"],
        0,
    ))
    .clone();
    assert!(licensed.iter().all(|a| a["LicenseType"] == "LICENSED"));
    assert!(licensed.len() < applications.len());
    sb.clear_requests();
    let first = text(&applications[0], "/ApplicationId");
    json(&sb, &["applications", "list", "--ids", first], 0);
    assert_eq!(sb.requests_for("DescribeApplications").len(), 1);

    // Associate some application the WorkSpace can take.
    let workspace = text(
        &workspaces(&sb, &["--state", "available"])[0],
        "/WorkspaceId",
    )
    .to_owned();
    let os = text(
        &json(&sb, &["workspaces", "get", &workspace], 0),
        "/WorkspaceProperties/OperatingSystemName",
    )
    .to_owned();
    let candidates = items(&json(&sb, &["applications", "list", "--os", &os], 0)).clone();
    let application = candidates
        .iter()
        .map(|a| text(a, "/ApplicationId").to_owned())
        .find(|app| {
            sb.wsfleet()
                .args([
                    "applications",
                    "associate",
                    "--workspace",
                    &workspace,
                    "--application",
                    app,
                ])
                .output()
                .unwrap()
                .status
                .success()
        })
        .expect("an application the WorkSpace accepts");

    let deployed = json(
        &sb,
        &[
            "applications",
            "deploy",
            "--workspace",
            &workspace,
            "--wait",
        ],
        0,
    );
    let ours = items(&deployed)
        .iter()
        .find(|a| a["AssociatedResourceId"] == application.as_str())
        .expect("the association")
        .clone();
    assert_eq!(ours["State"], "COMPLETED");
    let listed = json(&sb, &["workspaces", "applications", &workspace], 0);
    assert!(items(&listed).iter().any(|a| a["AssociatedResourceId"] == application.as_str() && a["State"] == "COMPLETED"));

    let by_application = json(
        &sb,
        &[
            "applications",
            "associations",
            &application,
            "--resource-type",
            "workspace",
        ],
        0,
    );
    assert!(
        items(&by_application)
            .iter()
            .any(|a| a["AssociatedResourceId"] == workspace.as_str())
    );
    assert!(
        items(&by_application)
            .iter()
            .all(|a| a["AssociatedResourceType"] == "WORKSPACE")
    );

    // Disassociating asks first, then uninstalls.
    let refused = sb
        .wsfleet()
        .args([
            "applications",
            "disassociate",
            "--workspace",
            &workspace,
            "--application",
            &application,
        ])
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        sb.requests_for("DisassociateWorkspaceApplication")
            .is_empty()
    );
    let gone = json(
        &sb,
        &[
            "applications",
            "disassociate",
            "--yes",
            "--workspace",
            &workspace,
            "--application",
            &application,
        ],
        0,
    );
    assert_eq!(gone["AssociatedResourceId"], application.as_str());
    assert!(text(&gone, "/State").contains("UNINSTALL"), "{gone}");
}

#[test]
fn bundle_and_image_associations_are_reachable() {
    let sb = TestEnv::start();
    let bundle = text(&workspaces(&sb, &[])[0], "/BundleId").to_owned();
    let by_bundle = json(
        &sb,
        &["applications", "associations", "--bundle", &bundle],
        0,
    );
    assert!(
        items(&by_bundle)
            .iter()
            .all(|a| a["BundleId"] == bundle.as_str())
    );
    assert_eq!(sb.requests_for("DescribeBundleAssociations").len(), 1);

    let images = items(&json(&sb, &["images", "list"], 0)).clone();
    let image = text(&images[0], "/ImageId");
    let by_image = json(&sb, &["images", "applications", image], 0);
    assert!(items(&by_image).iter().all(|a| a["ImageId"] == image));
    assert_eq!(sb.requests_for("DescribeImageAssociations").len(), 1);
}

#[test]
fn images_list_get_create_updated_and_delete() {
    let sb = TestEnv::with(quick());
    let all = items(&json(&sb, &["images", "list"], 0)).clone();
    assert!(
        all.iter()
            .any(|i| i.pointer("/Updates/UpdateAvailable").is_some())
    );
    let updatable = items(&json(
        &sb,
        &["images", "list", "--type", "owned", "--updates-available"],
        0,
    ))
    .clone();
    assert!(!updatable.is_empty());
    assert!(
        updatable
            .iter()
            .all(|i| i["Updates"]["UpdateAvailable"] == true)
    );
    let table = sb.wsfleet().args(["images", "list"]).output().unwrap();
    assert!(stdout_of(&table).contains("UPDATE AVAILABLE"));

    let source = updatable
        .iter()
        .find(|i| i["State"] == "AVAILABLE" && i["OperatingSystem"]["Type"] == "WINDOWS")
        .expect("an updatable Windows image");
    let source_id = text(source, "/ImageId");
    let detail = json(&sb, &["images", "get", source_id], 0);
    assert_eq!(detail["ImageId"], source_id);

    let output = sb
        .wsfleet()
        .args([
            "images",
            "create-updated",
            source_id,
            "--name",
            "win-updated-1",
            "--description",
            "latest drivers",
            "--tag",
            "stage=test",
            "--wait",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    let new_id = stdout_of(&output).trim().to_owned();
    assert!(new_id.starts_with("wsi-"), "{new_id}");
    let updated = json(&sb, &["images", "get", &new_id], 0);
    assert_eq!(updated["State"], "AVAILABLE");
    assert_eq!(updated["Name"], "win-updated-1");
    assert_eq!(updated["OperatingSystem"], detail["OperatingSystem"]);
    assert_eq!(updated["RequiredTenancy"], detail["RequiredTenancy"]);

    let refused = sb
        .wsfleet()
        .args(["images", "delete", &new_id])
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    json(&sb, &["images", "delete", &new_id, "--yes"], 0);
    assert_eq!(sb.requests_for("DeleteWorkspaceImage").len(), 1);
    let missing = sb
        .wsfleet()
        .args(["images", "get", &new_id])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(1));

    // Deleting it again: the service would answer success for an image
    // that is gone, so wsfleet fails it as not found without sending it.
    sb.clear_requests();
    let again = sb.run(&["images", "delete", &new_id, "--yes", "-o", "json"]);
    assert_eq!(again.code, 1, "{}", again.stderr);
    assert_eq!(again.json()[0]["outcome"], "failed", "{}", again.stdout);
    assert!(
        again.stdout.contains("ResourceNotFoundException"),
        "{}",
        again.stdout
    );
    assert!(sb.requests_for("DeleteWorkspaceImage").is_empty());
}

#[test]
fn wsfleet_sends_only_standard_awsjson_requests() {
    let sb = TestEnv::start();
    workspaces(&sb, &[]);
    json(&sb, &["applications", "list"], 0);
    json(&sb, &["images", "list"], 0);
    let requests = sb.requests();
    assert!(!requests.is_empty());
    for request in requests {
        assert_eq!(request.service, "workspaces");
        assert_eq!(request.method, "POST");
        assert_eq!(request.path, "/");
        assert_eq!(request.status, 200, "{request:?}");
    }
}

#[test]
fn a_failed_deployment_shows_its_state_reason_and_exits_1() {
    let sb = TestEnv::with(Config {
        workspaces: 150,
        ..quick()
    });
    let applications = items(&json(&sb, &["applications", "list"], 0)).clone();
    let supports = |app: &Value, key: &str, value: &str| {
        app[key]
            .as_array()
            .is_some_and(|values| values.iter().any(|v| v == value))
    };
    const COMPUTE: [&str; 5] = ["VALUE", "STANDARD", "PERFORMANCE", "POWER", "POWERPRO"];
    // An application the WorkSpace takes now but would not after a change
    // of compute type: the deployment after that change fails.
    let mut chosen = None;
    'search: for workspace in workspaces(&sb, &["--state", "available"]) {
        let id = text(&workspace, "/WorkspaceId").to_owned();
        let os = text(&workspace, "/WorkspaceProperties/OperatingSystemName");
        let compute = text(&workspace, "/WorkspaceProperties/ComputeTypeName");
        for app in &applications {
            let Some(other) = COMPUTE
                .iter()
                .find(|c| !supports(app, "SupportedComputeTypeNames", c))
            else {
                continue;
            };
            if !supports(app, "SupportedOperatingSystemNames", os)
                || !supports(app, "SupportedComputeTypeNames", compute)
            {
                continue;
            }
            let application = text(app, "/ApplicationId").to_owned();
            let associated = sb
                .wsfleet()
                .args(["applications", "associate", "--workspace", &id])
                .args(["--application", &application])
                .output()
                .unwrap();
            if associated.status.success() {
                chosen = Some((id, application, other.to_lowercase()));
                break 'search;
            }
        }
    }
    let (id, application, other_compute) = chosen.expect("a WorkSpace and an application");
    json(
        &sb,
        &[
            "workspaces",
            "modify",
            &id,
            "--set-compute-type",
            &other_compute,
        ],
        0,
    );

    let output = sb
        .wsfleet()
        .args(["applications", "deploy", "--workspace", &id])
        // By their API names, the columns show the application's ID.
        .args(["--columns", "AssociatedResourceId,State,StateReason"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stderr_of(&output));
    let table = stdout_of(&output);
    let row = table
        .lines()
        .find(|line| line.contains(&application))
        .unwrap_or_else(|| panic!("no row for {application} in\n{table}"));
    assert!(row.contains("ERROR"), "{row}");
    assert!(row.contains("ValidationError.InsufficientMemory"), "{row}");
    assert!(stderr_of(&output).contains("StateReason"));
}
