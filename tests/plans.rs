//! End-to-end: plans that tell the truth (issue 19, point 4). Each target is
//! shown as found, with what changes (before → after); a target whose state
//! makes the change fail, or that the change would leave as it is, is marked
//! with the reason and left out of what is sent; the results and the journal
//! record it as skipped, which is not a failure.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on what they did not expect

mod common;

use common::TestEnv;
use serde_json::Value;

fn array(value: Value) -> Vec<Value> {
    value.as_array().cloned().expect("a JSON array")
}

fn text<'a>(item: &'a Value, key: &str) -> &'a str {
    item[key].as_str().unwrap_or_default()
}

/// The IDs of the WorkSpaces in `state`, as `list` finds them.
fn workspaces_in(env: &TestEnv, state: &str) -> Vec<Value> {
    array(
        env.run(&["-o", "json", "workspaces", "list", "--state", state])
            .success()
            .json(),
    )
}

/// `workspaces modify` of `args` (IDs, flags) to running mode `mode`, JSON out.
fn modify(env: &TestEnv, args: &[&str], mode: &str) -> common::Run {
    let mut line = vec![
        "-o",
        "json",
        "workspaces",
        "modify",
        "--set-running-mode",
        mode,
    ];
    line.extend(args);
    env.run(&line)
}

#[test]
fn update_plans_show_each_target_before_and_after_and_mark_what_is_not_found() {
    let env = TestEnv::start();

    let environments = array(
        env.run(&["-o", "json", "environments", "list"])
            .success()
            .json(),
    );
    let environment = &environments[0];
    let (id, name) = (text(environment, "id"), text(environment, "name"));
    let plan = env
        .run(&[
            "environments",
            "update",
            id,
            "--name",
            "Renamed",
            "--dry-run",
        ])
        .success();
    assert!(
        plan.stdout.contains(&format!("name: {name} → Renamed")),
        "{}",
        plan.stdout
    );
    assert!(
        plan.stderr
            .contains("dry run: would update 1 environment; nothing was changed"),
        "{}",
        plan.stderr
    );

    let available = workspaces_in(&env, "available");
    let workspace = &available[0];
    let workspace_id = text(workspace, "WorkspaceId");
    let mode = workspace["WorkspaceProperties"]["RunningMode"]
        .as_str()
        .unwrap();
    let (other, other_flag) = if mode == "ALWAYS_ON" {
        ("AUTO_STOP", "auto-stop")
    } else {
        ("ALWAYS_ON", "always-on")
    };
    let plan = modify(
        &env,
        &[workspace_id, "ws-zzzzzzzzz", "--dry-run"],
        other_flag,
    )
    .success();
    let rows = array(plan.json());
    assert_eq!(rows.len(), 2, "{}", plan.stdout);
    assert_eq!(text(&rows[0], "WorkspaceId"), workspace_id);
    // As found: the listing's own values, not the command line echoed.
    assert_eq!(text(&rows[0], "State"), text(workspace, "State"));
    assert_eq!(
        text(&rows[0], "changes"),
        format!("running mode: {mode} → {other}")
    );
    assert_eq!(text(&rows[0], "plan"), "modify");
    assert_eq!(text(&rows[1], "WorkspaceId"), "ws-zzzzzzzzz");
    assert_eq!(text(&rows[1], "plan"), "not found");
    assert!(
        plan.stderr
            .contains("would modify 1 WorkSpace; 1 left out: 1 not found"),
        "{}",
        plan.stderr
    );

    // The value it already has: unchanged, left out, nothing sent.
    let same = if mode == "ALWAYS_ON" {
        "always-on"
    } else if mode == "AUTO_STOP" {
        "auto-stop"
    } else {
        "manual"
    };
    let run = modify(&env, &[workspace_id], same).success();
    let results = array(run.json());
    assert_eq!(text(&results[0], "outcome"), "skipped");
    assert_eq!(text(&results[0], "error"), "unchanged");
    assert!(env.requests_for("ModifyWorkspaceProperties").is_empty());
    assert!(env.requests_for("UpdateEnvironment").is_empty());
}

#[test]
fn targets_whose_state_makes_the_change_fail_are_left_out_and_journaled_as_skipped() {
    let env = TestEnv::start();
    let stopped = workspaces_in(&env, "stopped");
    assert!(stopped.len() >= 2, "the seed has STOPPED WorkSpaces");
    let available = workspaces_in(&env, "available");

    // The dry run marks each STOPPED one and counts it out.
    let plan = env
        .run(&["workspaces", "reboot", "--state", "stopped", "--dry-run"])
        .success();
    assert!(
        plan.stdout.contains(
            "left out: STOPPED (reboot needs AVAILABLE, IMPAIRED, UNHEALTHY or REBOOTING)"
        ),
        "{}",
        plan.stdout
    );
    assert!(
        plan.stderr.contains(&format!(
            "would reboot 0 WorkSpaces; {n} left out: {n} STOPPED (reboot needs",
            n = stopped.len()
        )),
        "{}",
        plan.stderr
    );

    // Every target left out: nothing sent, exit 0, a note.
    let run = env
        .run(&["workspaces", "reboot", "--state", "stopped", "--yes"])
        .success();
    assert!(run.stderr.contains("nothing was sent"), "{}", run.stderr);
    assert!(env.requests_for("RebootWorkspaces").is_empty());

    // A mix: the AVAILABLE one is sent alone; the STOPPED ones are results
    // and journal lines of their own, skipped with the reason.
    let journal = env.path("reboot.ndjson");
    let ids = [
        text(&available[0], "WorkspaceId"),
        text(&stopped[0], "WorkspaceId"),
        text(&stopped[1], "WorkspaceId"),
    ];
    let run = env
        .run(&[
            "-o",
            "json",
            "workspaces",
            "reboot",
            ids[0],
            ids[1],
            ids[2],
            "--yes",
            "--journal",
            journal.to_str().unwrap(),
        ])
        .success();
    let results = array(run.json());
    let outcomes: Vec<&str> = results.iter().map(|r| text(r, "outcome")).collect();
    assert_eq!(outcomes, ["done", "skipped", "skipped"], "{}", run.stdout);
    assert!(text(&results[1], "error").starts_with("STOPPED (reboot needs"));
    assert!(
        run.stderr
            .contains("1 done, 0 failed, 0 not started, 2 left out")
    );
    let sent = env.requests_for("RebootWorkspaces");
    assert_eq!(sent.len(), 1);
    let journaled = std::fs::read_to_string(&journal).unwrap();
    for id in &ids[1..] {
        let line = journaled
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap())
            .find(|l| l["kind"] == "result" && l["id"] == *id)
            .unwrap_or_else(|| panic!("{id} journaled:\n{journaled}"));
        assert_eq!(line["outcome"], "skipped");
        assert!(text(&line, "error").starts_with("STOPPED"));
    }
}

#[test]
fn a_registered_device_and_an_image_a_bundle_uses_are_left_out_of_deletes() {
    let env = TestEnv::start();
    let registered = array(
        env.run(&["-o", "json", "devices", "list", "--status", "registered"])
            .success()
            .json(),
    );
    let device = text(&registered[0], "id");
    let plan = env
        .run(&["devices", "delete", device, "--dry-run"])
        .success();
    assert!(
        plan.stdout
            .contains("left out: REGISTERED (delete needs DEREGISTERED or ARCHIVED)"),
        "{}",
        plan.stdout
    );
    assert!(plan.stderr.contains("would delete 0 devices; 1 left out"));
    let run = env.run(&["devices", "delete", device, "--yes"]).success();
    assert!(run.stdout.contains("skipped"), "{}", run.stdout);
    assert!(env.requests_for("DeleteDevice").is_empty());

    let bundles = array(env.run(&["-o", "json", "bundles", "list"]).success().json());
    let (image, bundle) = bundles
        .iter()
        .find_map(|b| Some((b["ImageId"].as_str()?, text(b, "BundleId"))))
        .expect("a bundle of the account's own image");
    let plan = env.run(&["images", "delete", image, "--dry-run"]).success();
    assert!(
        plan.stdout
            .contains(&format!("left out: used by bundle {bundle}")),
        "{}",
        plan.stdout
    );
    assert!(plan.stderr.contains("would delete 0 images; 1 left out"));
    assert!(env.requests_for("DeleteWorkspaceImage").is_empty());
}

/// Runs `args` with `--dry-run`: its plan (stdout) shows `wanted`.
fn dry_run_shows(env: &TestEnv, args: &[&str], wanted: &str) -> common::Run {
    let line: Vec<&str> = args.iter().copied().chain(["--dry-run"]).collect();
    let dry = env.run(&line).success();
    assert!(dry.stdout.contains(wanted), "{args:?}: {}", dry.stdout);
    dry
}

/// The first item of `list` of `group` (`-o json`) that `wanted` accepts.
fn first_where(env: &TestEnv, group: &[&str], wanted: impl Fn(&Value) -> bool) -> Value {
    let line: Vec<&str> = ["-o", "json"].iter().chain(group).copied().collect();
    array(env.run(&line).success().json())
        .into_iter()
        .find(|item| wanted(item))
        .unwrap_or_else(|| panic!("none of {group:?} fits"))
}

#[test]
fn the_rest_of_the_verbs_plan_before_and_after_and_leave_out_what_changes_nothing() {
    let env = TestEnv::start();

    // bundles update: the image, before → after; the same image is unchanged.
    let bundle = first_where(&env, &["bundles", "list"], |b| b["ImageId"].is_string());
    let (bundle_id, image) = (text(&bundle, "BundleId"), text(&bundle, "ImageId"));
    let other = first_where(&env, &["images", "list"], |i| i["ImageId"] != image);
    let other = text(&other, "ImageId");
    dry_run_shows(
        &env,
        &["bundles", "update", bundle_id, "--image", other],
        &format!("image: {image} → {other}"),
    );
    let same = env
        .run(&["bundles", "update", bundle_id, "--image", image])
        .success();
    assert!(
        same.stderr.contains("left out: unchanged"),
        "{}",
        same.stderr
    );
    assert!(env.requests_for("UpdateWorkspaceBundle").is_empty());

    // pools: capacity before → after; a stopped pool cannot be stopped.
    let pool = first_where(&env, &["pools", "list"], |p| p["State"] == "RUNNING");
    let desired = pool["CapacityStatus"]["DesiredUserSessions"]
        .as_i64()
        .unwrap();
    let wanted = (desired + 10).to_string();
    dry_run_shows(
        &env,
        &[
            "pools",
            "update",
            text(&pool, "PoolId"),
            "--desired-sessions",
            &wanted,
        ],
        &format!("desired sessions: {desired} → {wanted}"),
    );
    let stopped = first_where(&env, &["pools", "list"], |p| p["State"] == "STOPPED");
    let dry = dry_run_shows(
        &env,
        &["pools", "stop", text(&stopped, "PoolId")],
        "left out: STOPPED (stop needs RUNNING)",
    );
    assert!(dry.stderr.contains("would stop 0 pools; 1 left out"));

    // software-sets update: the validation status before → after.
    let set = first_where(&env, &["software-sets", "list"], |s| {
        s["validationStatus"].is_string()
    });
    let (set_id, status) = (text(&set, "id"), text(&set, "validationStatus"));
    let (other_status, other_flag) = if status == "VALIDATED" {
        ("NOT_VALIDATED", "not-validated")
    } else {
        ("VALIDATED", "validated")
    };
    let same_flag = if status == "VALIDATED" {
        "validated"
    } else {
        "not-validated"
    };
    dry_run_shows(
        &env,
        &[
            "software-sets",
            "update",
            set_id,
            "--validation-status",
            other_flag,
        ],
        &format!("validation status: {status} → {other_status}"),
    );
    let run = env
        .run(&[
            "-o",
            "json",
            "software-sets",
            "update",
            set_id,
            "--validation-status",
            same_flag,
        ])
        .success();
    assert_eq!(text(&array(run.json())[0], "outcome"), "skipped");
    assert!(env.requests_for("UpdateSoftwareSet").is_empty());

    // ip-groups: rules added and removed; revoking a rule that is not
    // there changes nothing and is not sent.
    let group = first_where(&env, &["ip-groups", "list"], |g| {
        g["userRules"].as_array().is_some_and(|r| !r.is_empty())
    });
    let group_id = text(&group, "groupId");
    let held = text(&group["userRules"][0], "ipRule");
    dry_run_shows(
        &env,
        &["ip-groups", "set-rules", group_id, "10.0.0.0/8=office"],
        &format!("rules: +10.0.0.0/8 (office), -{held}"),
    );
    let revoke = env
        .run(&["ip-groups", "revoke", group_id, "10.99.0.0/16", "--yes"])
        .success();
    assert!(
        revoke.stderr.contains("left out: unchanged"),
        "{}",
        revoke.stderr
    );
    assert!(env.requests_for("RevokeIpRules").is_empty());

    // Associating a group twice: the second time it is left out, unsent;
    // disassociating one that is not associated, too.
    let directory = first_where(&env, &["directories", "list"], |d| {
        d["State"] == "REGISTERED"
    });
    let directory_id = text(&directory, "DirectoryId");
    let associate = [
        "ip-groups",
        "associate",
        group_id,
        "--to-directory",
        directory_id,
    ];
    env.run(&associate).success();
    assert_eq!(env.requests_for("AssociateIpGroups").len(), 1);
    let again = env.run(&associate).success();
    assert!(
        again.stderr.contains("nothing was sent"),
        "{}",
        again.stderr
    );
    assert_eq!(env.requests_for("AssociateIpGroups").len(), 1);
    let dry = dry_run_shows(
        &env,
        &[
            "ip-groups",
            "disassociate",
            group_id,
            "wsipg-zzzzzzzzz",
            "--from-directory",
            directory_id,
        ],
        &format!("directories: -{directory_id}"),
    );
    assert!(
        dry.stderr
            .contains("would disassociate 1 IP group; 1 left out: 1 not found"),
        "{}",
        dry.stderr
    );

    // branding import: the platforms branded before and after.
    let dry = dry_run_shows(
        &env,
        &[
            "branding",
            "import",
            directory_id,
            "--platform",
            "web",
            "--support-link",
            "https://help.example.com",
        ],
        "branded platforms:",
    );
    assert!(dry.stdout.contains("DeviceTypeWeb"), "{}", dry.stdout);
    assert!(env.requests_for("ImportClientBranding").is_empty());
}

#[test]
fn plan_tables_show_names_where_lists_do_and_json_keeps_the_ids() {
    let env = TestEnv::start();
    let device = first_where(&env, &["devices", "list"], |d| {
        d["environmentId"].is_string() && d["status"] != "DEREGISTERED"
    });
    let environment = first_where(&env, &["environments", "list"], |e| {
        e["id"] == device["environmentId"]
    });
    let (device_id, environment_id) = (text(&device, "id"), text(&environment, "id"));
    let environment_name = text(&environment, "name");

    // The dry run's table: the environment by its name, not its ID.
    let dry = dry_run_shows(
        &env,
        &["devices", "update", device_id, "--set-name", "Renamed"],
        environment_name,
    );
    let row = dry
        .stdout
        .lines()
        .find(|l| l.contains(device_id))
        .unwrap_or_else(|| panic!("{}", dry.stdout));
    assert!(row.contains(environment_name), "{}", dry.stdout);
    assert!(!row.contains(environment_id), "{}", dry.stdout);

    // JSON keeps the API's IDs, and looks up no names.
    env.clear_requests();
    let json = env
        .run(&[
            "-o",
            "json",
            "devices",
            "update",
            device_id,
            "--set-name",
            "Renamed",
            "--dry-run",
        ])
        .success();
    assert_eq!(
        text(&array(json.json())[0], "environmentId"),
        environment_id
    );
    assert!(env.requests_for("ListEnvironments").is_empty());

    // A WorkSpace's bundle by its name.
    let workspace = first_where(&env, &["workspaces", "list"], |w| w["State"] == "AVAILABLE");
    let bundle = text(&workspace, "BundleId");
    let bundles = array(
        env.run(&["-o", "json", "bundles", "list", "--owner", "amazon"])
            .success()
            .json(),
    );
    let mut all = bundles;
    all.extend(array(
        env.run(&["-o", "json", "bundles", "list"]).success().json(),
    ));
    let name = all
        .iter()
        .find(|b| b["BundleId"] == bundle)
        .map(|b| text(b, "Name").to_owned())
        .expect("the WorkSpace's bundle is listed");
    let workspace_id = text(&workspace, "WorkspaceId");
    let dry = dry_run_shows(&env, &["workspaces", "reboot", workspace_id], &name);
    assert!(!dry.stdout.contains(bundle), "{}", dry.stdout);

    // The plan before the question (on stderr), too.
    let reboot = env
        .run(&["workspaces", "reboot", workspace_id, "--yes"])
        .success();
    let row = reboot
        .stderr
        .lines()
        .find(|l| l.contains(workspace_id))
        .unwrap_or_else(|| panic!("{}", reboot.stderr));
    assert!(row.contains(&name), "{}", reboot.stderr);
    assert!(!row.contains(bundle), "{}", reboot.stderr);
}
