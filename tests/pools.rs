//! End-to-end: the real binary against the sandbox, for every verb of the
//! `pools` group.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on what they did not expect

mod common;

use std::time::Duration;

use common::TestEnv;
use serde_json::Value;
use wsfleet_sandbox::Config;

/// Transitions that are over by the next call: simulated time, no sleeping.
fn instant() -> TestEnv {
    TestEnv::with(Config {
        transition: Duration::ZERO,
        ..Config::default()
    })
}

fn pools(sb: &TestEnv) -> Vec<Value> {
    let listed = sb.run(&["-o", "json", "pools", "list"]).success().json();
    listed.as_array().expect("an array").clone()
}

fn pool_named(sb: &TestEnv, name: &str) -> Value {
    pools(sb)
        .into_iter()
        .find(|p| p["PoolName"] == name)
        .unwrap_or_else(|| panic!("no pool {name}"))
}

fn id_of(pool: &Value) -> String {
    pool["PoolId"].as_str().expect("a PoolId").to_owned()
}

#[test]
fn list_reads_every_page_and_get_shows_every_field() {
    let sb = TestEnv::start();
    let all = pools(&sb);
    // The sandbox answers three pools a page: four need two calls.
    assert_eq!(all.len(), 4, "{all:?}");
    assert_eq!(sb.requests_for("DescribeWorkspacesPools").len(), 2);
    let states: Vec<&str> = all.iter().map(|p| p["State"].as_str().unwrap()).collect();
    assert!(states.contains(&"RUNNING") && states.contains(&"STOPPED"));

    let table = sb.run(&["pools", "list"]).success();
    let header = table.stdout.lines().next().unwrap();
    for column in [
        "ID",
        "NAME",
        "STATE",
        "MODE",
        "DESIRED",
        "ACTIVE",
        "AVAILABLE",
    ] {
        assert!(header.contains(column), "{header}");
    }
    assert!(table.stdout.contains("call-centre"));

    let running = sb
        .run(&["-o", "json", "pools", "list", "--state", "running"])
        .success()
        .json();
    let running = running.as_array().unwrap();
    assert_eq!(running.len(), 2);
    assert!(running.iter().all(|p| p["State"] == "RUNNING"));

    let centre = pool_named(&sb, "call-centre");
    let id = id_of(&centre);
    let one = sb
        .run(&["-o", "json", "pools", "get", &id])
        .success()
        .json();
    assert_eq!(one["PoolId"], id.as_str());
    assert_eq!(one["CapacityStatus"]["ActiveUserSessions"], 14);
    assert_eq!(one["ApplicationSettings"]["Status"], "ENABLED");
    assert_eq!(one["TimeoutSettings"]["MaxUserDurationInSeconds"], 57600);

    let missing = sb.run(&["pools", "get", "wspool-zzzzzzzzz"]);
    assert_eq!(missing.code, 1);
    assert!(
        missing.stderr.contains("ResourceNotFoundException"),
        "{}",
        missing.stderr
    );
}

#[test]
fn bad_input_is_refused_before_any_request() {
    let sb = TestEnv::start();
    for args in [
        vec!["pools", "get", "wspool-short"],
        vec!["pools", "list", "--state", "sleeping"],
        vec![
            "pools",
            "update",
            "wspool-abcdefgh1",
            "--disconnect-timeout",
            "30s",
        ],
        vec![
            "pools",
            "update",
            "wspool-abcdefgh1",
            "--max-user-duration",
            "6d",
        ],
        vec![
            "pools",
            "update",
            "wspool-abcdefgh1",
            "--running-mode",
            "sometimes",
        ],
        vec!["pools", "update", "wspool-abcdefgh1"],
        vec![
            "pools",
            "create",
            "--name",
            "-bad",
            "--description",
            "d",
            "--bundle",
            "wsb-abcdefgh1",
            "--directory",
            "d-90670b1234",
            "--desired-sessions",
            "1",
        ],
        vec!["pools", "create", "--name", "ok", "--description", "d"],
        vec!["pools", "end-session", "NOT-A-UUID", "--yes"],
        vec!["pools", "sessions", "wspool-abcdefgh1", "--user", "x"],
    ] {
        let run = sb.run(&args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
    }
    assert!(sb.requests().is_empty(), "{:?}", sb.requests());
}

#[test]
fn create_and_update_send_typed_settings_and_dry_run_sends_nothing() {
    let sb = instant();
    let centre = pool_named(&sb, "call-centre");
    let (bundle, directory) = (
        centre["BundleId"].as_str().unwrap().to_owned(),
        centre["DirectoryId"].as_str().unwrap().to_owned(),
    );
    let create = [
        "pools",
        "create",
        "--name",
        "night-shift",
        "--description",
        "Night shift (EU)",
        "--bundle",
        &bundle,
        "--directory",
        &directory,
        "--desired-sessions",
        "7",
        "--idle-disconnect-timeout",
        "15m",
        "--max-user-duration",
        "8h",
        "--application-settings",
        "enabled",
        "--settings-group",
        "night",
        "--running-mode",
        "always-on",
        "--tag",
        "team=ops",
    ];
    let mut dry = create.to_vec();
    dry.push("--dry-run");
    let run = sb.run(&dry).success();
    assert!(run.stderr.contains("dry run"), "{}", run.stderr);
    assert!(sb.requests_for("CreateWorkspacesPool").is_empty());

    let created = sb
        .run(
            &["-o", "json"]
                .iter()
                .chain(&create)
                .copied()
                .collect::<Vec<_>>(),
        )
        .success()
        .json();
    assert_eq!(created["State"], "CREATING");
    assert_eq!(created["RunningMode"], "ALWAYS_ON");
    assert_eq!(created["CapacityStatus"]["DesiredUserSessions"], 7);
    assert_eq!(
        created["TimeoutSettings"]["IdleDisconnectTimeoutInSeconds"],
        900
    );
    assert_eq!(
        created["TimeoutSettings"]["MaxUserDurationInSeconds"],
        28800
    );
    assert_eq!(created["ApplicationSettings"]["SettingsGroup"], "night");
    let id = id_of(&created);
    assert_eq!(pool_named(&sb, "night-shift")["State"], "RUNNING");

    // The same name again: the service's own error, exit 1.
    let again = sb.run(&create);
    assert_eq!(again.code, 1);
    assert!(
        again.stderr.contains("ResourceAlreadyExistsException"),
        "{}",
        again.stderr
    );

    let run = sb
        .run(&[
            "pools",
            "update",
            &id,
            "--desired-sessions",
            "12",
            "--dry-run",
        ])
        .success();
    assert!(run.stderr.contains("dry run"));
    assert!(
        run.stdout.contains("desired sessions: 7 → 12"),
        "{}",
        run.stdout
    );
    assert!(sb.requests_for("UpdateWorkspacesPool").is_empty());
    let updated = sb
        .run(&[
            "-o",
            "json",
            "pools",
            "update",
            &id,
            "--desired-sessions",
            "12",
        ])
        .success()
        .json();
    assert_eq!(updated["State"], "UPDATING");
    let settled = sb
        .run(&["-o", "json", "pools", "get", &id])
        .success()
        .json();
    assert_eq!(settled["State"], "RUNNING");
    assert_eq!(settled["CapacityStatus"]["DesiredUserSessions"], 12);
    assert_eq!(settled["CapacityStatus"]["ActualUserSessions"], 12);

    // The service moves only a stopped pool to another directory: the plan
    // leaves a running one out, unsent.
    sb.clear_requests();
    let moved = sb
        .run(&["pools", "update", &id, "--directory", "wsd-abcdefgh1"])
        .success();
    assert!(
        moved
            .stderr
            .contains("left out: RUNNING (changing its directory needs STOPPED)"),
        "{}",
        moved.stderr
    );
    assert!(sb.requests_for("UpdateWorkspacesPool").is_empty());
}

#[test]
fn stop_start_and_terminate_go_through_their_states() {
    let sb = instant();
    let running = id_of(&pool_named(&sb, "contractors"));
    let stopped = id_of(&pool_named(&sb, "training-lab"));

    // Stop and terminate ask: without a terminal and --yes, nothing is sent.
    for verb in ["stop", "terminate"] {
        let refused = sb.run(&["pools", verb, &running]);
        assert_eq!(refused.code, 2, "{}", refused.stderr);
        assert!(refused.stderr.contains("--yes"), "{}", refused.stderr);
    }
    let dry = sb.run(&["pools", "stop", &running, "--dry-run"]).success();
    assert!(dry.stdout.contains(&running) || dry.stderr.contains(&running));
    assert!(sb.requests_for("StopWorkspacesPool").is_empty());
    assert!(sb.requests_for("TerminateWorkspacesPool").is_empty());

    // One stopped and one running pool: start sends the stopped one; the
    // plan leaves the running one out with the reason, unsent, exit 0.
    let both = sb.run(&["-o", "json", "pools", "start", &stopped, &running]);
    assert_eq!(both.code, 0, "{}", both.stderr);
    let results = both.json();
    let outcome = |id: &str| {
        results
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .cloned()
            .unwrap_or_else(|| panic!("no result for {id}: {results}"))
    };
    assert_eq!(outcome(&stopped)["outcome"], "done");
    assert_eq!(outcome(&running)["outcome"], "skipped");
    assert_eq!(outcome(&running)["error"], "RUNNING (start needs STOPPED)");
    assert_eq!(sb.requests_for("StartWorkspacesPool").len(), 1);
    assert_eq!(pool_named(&sb, "training-lab")["State"], "RUNNING");

    sb.run(&["pools", "stop", &running, "--yes"]).success();
    let after = pool_named(&sb, "contractors");
    assert_eq!(after["State"], "STOPPED");
    assert_eq!(after["CapacityStatus"]["ActualUserSessions"], 0);

    sb.run(&["pools", "terminate", &running, "--yes"]).success();
    assert!(pools(&sb).iter().all(|p| p["PoolId"] != running.as_str()));

    // An unknown pool fails unsent, as not found.
    let unknown = sb.run(&["pools", "terminate", "wspool-zzzzzzzzz", "--yes"]);
    assert_eq!(unknown.code, 1);
    assert!(
        unknown.stdout.contains("ResourceNotFoundException")
            || unknown.stderr.contains("ResourceNotFoundException")
    );
}

#[test]
fn sessions_page_fully_and_end_session_asks() {
    let sb = instant();
    let centre = id_of(&pool_named(&sb, "call-centre"));
    let sessions = sb
        .run(&["-o", "json", "pools", "sessions", &centre])
        .success()
        .json();
    let sessions = sessions.as_array().unwrap().clone();
    // Fourteen sessions, ten a page: two calls.
    assert_eq!(sessions.len(), 14);
    assert_eq!(sb.requests_for("DescribeWorkspacesPoolSessions").len(), 2);
    assert!(sessions.iter().all(|s| s["PoolId"] == centre.as_str()));

    let table = sb.run(&["pools", "sessions", &centre]).success();
    assert!(table.stdout.lines().next().unwrap().contains("SESSION"));

    let one = sessions[0]["SessionId"].as_str().unwrap().to_owned();
    let user = sessions[0]["UserId"].as_str().unwrap().to_owned();
    let mine = sb
        .run(&["-o", "json", "pools", "sessions", &centre, "--user", &user])
        .success()
        .json();
    assert_eq!(mine.as_array().unwrap().len(), 1);

    let refused = sb.run(&["pools", "end-session", &one]);
    assert_eq!(refused.code, 2);
    sb.run(&["pools", "end-session", &one, "--dry-run"])
        .success();
    assert!(sb.requests_for("TerminateWorkspacesPoolSession").is_empty());

    sb.run(&["pools", "end-session", &one, "--yes"]).success();
    let after = sb
        .run(&["-o", "json", "pools", "get", &centre])
        .success()
        .json();
    assert_eq!(after["CapacityStatus"]["ActiveUserSessions"], 13);
    let gone = sb.run(&["pools", "end-session", &one, "--yes"]);
    assert_eq!(gone.code, 1);
    assert!(
        gone.stderr.contains("ResourceNotFoundException"),
        "{}",
        gone.stderr
    );
}

#[test]
fn pools_take_the_workspaces_tag_verbs() {
    let sb = TestEnv::start();
    let id = id_of(&pool_named(&sb, "training-lab"));
    sb.run(&["pools", "tag", &id, "team=training", "--dry-run"])
        .success();
    assert!(sb.requests_for("CreateTags").is_empty());
    sb.run(&["pools", "tag", &id, "team=training"]).success();
    let tags = sb
        .run(&["-o", "json", "pools", "tags", &id])
        .success()
        .json();
    assert!(tags.to_string().contains("training"), "{tags}");
    sb.run(&["pools", "untag", &id, "team"]).success();
    let after = sb.run(&["-o", "json", "pools", "tags", &id]).success();
    assert!(!after.stdout.contains("training"), "{}", after.stdout);
    // A pool ID that does not fit the pattern is refused before any request.
    sb.clear_requests();
    assert_eq!(sb.run(&["pools", "tag", "wspool-x", "k=v"]).code, 2);
    assert!(sb.requests().is_empty());
}
