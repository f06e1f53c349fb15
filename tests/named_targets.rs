//! A bulk verb given device IDs (and no filter) reads no listing of the
//! whole fleet first. A verb whose plan judges each target by its state
//! (delete) reads each with GetDevice; one that judges none (deregister)
//! reads only the rows its plan shows before its question, and none with
//! `--yes`. A dry run still shows every target as the listing knows it.
// Helpers outside #[test] functions panic on purpose: a failed setup is a
// failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{TestEnv, stderr_of, stdout_of};
use wsfleet_sandbox::Config;

/// More targets than the plan shows (20), in a fleet of several pages.
const TARGETS: usize = 30;

fn registered_ids(sb: &TestEnv) -> Vec<String> {
    let out = sb
        .wsfleet()
        .args(["devices", "list", "--status", "registered"])
        .args(["-o", "csv", "--columns", "id", "--no-headers"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    stdout_of(&out)
        .lines()
        .take(TARGETS)
        .map(str::to_owned)
        .collect()
}

fn sandbox_with_ids() -> (TestEnv, std::path::PathBuf, Vec<String>) {
    let sb = TestEnv::with(Config {
        devices: 200,
        ..Config::default()
    });
    let ids = registered_ids(&sb);
    assert_eq!(ids.len(), TARGETS);
    let file = sb.path("ids.txt");
    std::fs::write(&file, ids.join("\n")).unwrap();
    sb.clear_requests();
    (sb, file, ids)
}

/// `devices VERB --ids-from FILE --yes`, which must succeed without listing
/// the fleet.
fn run_by_ids(sb: &TestEnv, verb: &str, file: &std::path::Path) -> std::process::Output {
    let out = sb
        .wsfleet()
        .args(["devices", verb, "--ids-from"])
        .arg(file)
        .args(["--yes", "-o", "ndjson"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(sb.requests_for("ListDevices").is_empty());
    out
}

#[test]
fn deregister_by_id_with_yes_lists_nothing_and_looks_nothing_up() {
    let (sb, file, ids) = sandbox_with_ids();
    let out = run_by_ids(&sb, "deregister", &file);
    // Deregister judges no target, and `--yes` answers before anyone reads
    // the plan: no device is read, only deregistered.
    assert!(sb.requests_for("GetDevice").is_empty());
    assert_eq!(sb.requests_for("DeregisterDevice").len(), TARGETS);
    let done = stdout_of(&out)
        .lines()
        .filter(|l| l.contains(r#""outcome":"done""#))
        .count();
    assert_eq!(done, TARGETS);
    // The plan still names the devices it shows, as given.
    let plan = stderr_of(&out);
    assert!(plan.contains(&ids[0]), "{plan}");
    assert!(plan.contains("... and 10 more"), "{plan}");
}

#[test]
fn delete_by_id_looks_up_each_target_to_judge_it() {
    let (sb, file, _ids) = sandbox_with_ids();
    run_by_ids(&sb, "delete", &file);
    assert_eq!(sb.requests_for("GetDevice").len(), TARGETS);
    // Every target is REGISTERED: each is left out, none is sent.
    assert!(sb.requests_for("DeleteDevice").is_empty());
}

#[test]
fn dry_run_by_id_still_shows_every_target_from_the_listing() {
    let (sb, file, ids) = sandbox_with_ids();
    let out = sb
        .wsfleet()
        .args(["devices", "deregister", "--ids-from"])
        .arg(&file)
        .args(["--dry-run", "-o", "ndjson"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));

    assert!(!sb.requests_for("ListDevices").is_empty());
    assert!(sb.requests_for("DeregisterDevice").is_empty());
    let rows: Vec<serde_json::Value> = stdout_of(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), TARGETS);
    assert_eq!(rows[TARGETS - 1]["id"], ids[TARGETS - 1].as_str());
    assert_eq!(rows[TARGETS - 1]["status"], "REGISTERED");
}
