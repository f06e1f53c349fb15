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
