//! The bulk journal end to end: a deregistration interrupted by Ctrl-C and
//! finished with `--resume` does every target exactly once, and the resumed
//! run carries the tokens the journal recorded.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use common::process::{send_sigint, start_bulk, wait_for_requests};
use common::{TestEnv, stderr_of};
use serde_json::Value;
use wsfleet_sandbox::Config;

fn registered_device_ids(sb: &TestEnv) -> Vec<String> {
    let out = sb
        .wsfleet()
        .args(["devices", "list", "--status", "registered", "-o", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let listed: Value = serde_json::from_slice(&out.stdout).unwrap();
    listed
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_owned())
        .collect()
}

/// The journal's targets line (after the start line): each target's client token.
fn journaled_tokens(path: &std::path::Path) -> HashMap<String, String> {
    let text = std::fs::read_to_string(path).unwrap();
    let start: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert_eq!(start["kind"], "start");
    let targets: Value = serde_json::from_str(text.lines().nth(1).unwrap()).unwrap();
    assert_eq!(targets["kind"], "targets");
    targets["targets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["id"].as_str().unwrap().to_owned(),
                t["client_token"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn an_interrupted_deregistration_resumes_and_every_target_is_done_exactly_once() {
    let sb = TestEnv::with(Config {
        devices: 500,
        latency: Duration::from_millis(20),
        transition: Duration::from_millis(100),
        ..Config::default()
    });
    let ids = registered_device_ids(&sb);
    assert!(ids.len() >= 200, "only {} registered", ids.len());
    let journal = sb.path("deregister.ndjson");
    let journal_arg = journal.to_str().unwrap();
    sb.clear_requests();

    // First run: interrupted once a good part is done.
    let child = start_bulk(
        &sb,
        &[
            "devices",
            "deregister",
            "--yes",
            "--concurrency",
            "4",
            "--journal",
            journal_arg,
        ],
        &ids,
    );
    wait_for_requests(&sb, "DeregisterDevice", 60);
    send_sigint(&child);
    let first = child.wait_with_output().unwrap();
    assert_eq!(first.status.code(), Some(130), "{}", stderr_of(&first));
    assert!(
        stderr_of(&first).contains(&format!("--resume {journal_arg}")),
        "the summary says how to finish: {}",
        stderr_of(&first)
    );
    let first_results: Value = serde_json::from_slice(&first.stdout).unwrap();
    let done_first: HashSet<String> = first_results
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["outcome"] == "done")
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect();
    assert!(!done_first.is_empty() && done_first.len() < ids.len());
    let tokens = journaled_tokens(&journal);
    assert_eq!(tokens.len(), ids.len());
    let sent_in_first = sb.requests().len();

    // Second run: --resume alone names the targets.
    let resumed = sb
        .wsfleet()
        .args(["devices", "deregister", "--yes"])
        .args(["--resume", journal_arg, "--journal"])
        .arg(sb.path("resumed.ndjson"))
        .args(["--concurrency", "8", "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(resumed.status.code(), Some(0), "{}", stderr_of(&resumed));
    let resumed_results: Value = serde_json::from_slice(&resumed.stdout).unwrap();
    let resumed_results = resumed_results.as_array().unwrap();
    assert_eq!(resumed_results.len(), ids.len());
    assert!(resumed_results.iter().all(|r| r["outcome"] == "done"));

    // The request log: each target deregistered exactly once over both
    // runs, always with the journaled token; the resumed run sent nothing
    // for what the first had done.
    let mut successes: HashMap<String, usize> = HashMap::new();
    for (n, request) in sb.requests().iter().enumerate() {
        if request.operation != "DeregisterDevice" {
            continue;
        }
        let id = request.resource.clone().unwrap();
        assert_eq!(
            request.client_token.as_ref(),
            tokens.get(&id),
            "{id} was sent without its journaled token"
        );
        if n >= sent_in_first {
            assert!(!done_first.contains(&id), "{id} was done, then sent again");
        }
        if (200..300).contains(&request.status) {
            *successes.entry(id).or_default() += 1;
        }
    }
    assert_eq!(successes.len(), ids.len());
    assert!(successes.values().all(|&n| n == 1), "{successes:?}");
    for id in &ids {
        let status = sb.sandbox().device(id).unwrap()["status"].clone();
        assert_ne!(status, "REGISTERED", "{id}");
    }
}
