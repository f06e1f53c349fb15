//! Bulk changes of 500 devices against a sandbox that throttles (with
//! `Retry-After`), injects 500s and answers slowly: every target is done
//! exactly once (request log and final state agree), a target's retries
//! carry its one client token, and targets that fail for good are listed
//! with their error while the rest are still done.
//!
//! Each test prints its figures (targets, throttled, injected failures,
//! retries) for the README's "Reliability" section: run with --nocapture.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use common::process::all_device_ids;
use common::{TestEnv, stderr_of};
use serde_json::Value;
use wsfleet_sandbox::{Config, RequestRecord};

const TARGETS: usize = 500;
/// A well-formed device ID no sandbox device has: one "deleted in the meantime".
const GONE_DEVICE: &str = "zzzzzzzzzzzzzzzzzzzzzzzz";

/// The fault knobs every test here runs under.
fn set_faults(sb: &TestEnv) {
    let sandbox = sb.sandbox();
    sandbox.set_rate_limit(Some(100.0));
    sandbox.set_fail_rate(0.05);
    sandbox.set_latency(Duration::from_millis(5));
}

/// A fault-free sandbox of `devices` devices whose transitions are quick,
/// so the set-up runs at full speed; the faults come on before the run.
fn fleet(devices: usize) -> TestEnv {
    fleet_with_transitions(devices, Duration::from_millis(50))
}

fn fleet_with_transitions(devices: usize, transition: Duration) -> TestEnv {
    TestEnv::with(Config {
        devices,
        transition,
        ..Config::default()
    })
}

fn device_ids_with_status(sb: &TestEnv, status: &str) -> Vec<String> {
    all_device_ids(sb)
        .into_iter()
        .filter(|id| sb.sandbox().device(id).unwrap()["status"] == status)
        .collect()
}

/// Runs a bulk verb on `ids` (on stdin) and returns its exit code and the
/// per-target outcomes by ID.
fn run_bulk(sb: &TestEnv, args: &[&str], ids: &[String]) -> (i32, HashMap<String, Value>) {
    let out = sb
        .wsfleet()
        .args(args)
        .args(["--ids-from", "-", "--concurrency", "16", "-o", "json"])
        .write_stdin(ids.join("\n"))
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    let results: Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stderr_of(&out)));
    let by_id = results
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["id"].as_str().unwrap().to_owned(), r.clone()))
        .collect();
    (out.status.code().unwrap_or(-1), by_id)
}

/// What the request log says of one operation.
#[derive(Debug)]
struct Tally {
    requests: usize,
    throttled: usize,
    injected: usize,
    /// 2xx answers by target.
    applied: HashMap<String, usize>,
}

fn tally(sb: &TestEnv, operation: &str) -> Tally {
    let requests: Vec<RequestRecord> = sb.requests_for(operation);
    let mut applied: HashMap<String, usize> = HashMap::new();
    for request in &requests {
        if (200..300).contains(&request.status) {
            *applied
                .entry(request.resource.clone().unwrap())
                .or_default() += 1;
        }
    }
    Tally {
        requests: requests.len(),
        throttled: requests.iter().filter(|r| r.status == 429).count(),
        injected: requests.iter().filter(|r| r.status == 500).count(),
        applied,
    }
}

/// Each of `done` applied exactly once, nothing else applied, the faults
/// really happened, and the figures printed.
fn assert_exactly_once(sb: &TestEnv, operation: &str, done: &[String]) -> Tally {
    let tally = tally(sb, operation);
    let expected: HashSet<&String> = done.iter().collect();
    let applied: HashSet<&String> = tally.applied.keys().collect();
    assert_eq!(applied, expected, "{operation}: applied != done");
    assert!(
        tally.applied.values().all(|&n| n == 1),
        "{operation}: a target applied twice"
    );
    // The throttling may fall on the plan's lookups before the change: the
    // pacer has then learnt the limit, and the change itself goes under it.
    assert!(
        sb.requests().iter().any(|r| r.status == 429),
        "{operation}: the run was never throttled"
    );
    assert!(tally.injected > 0, "{operation}: no injected 500");
    println!(
        "{operation}: {} targets, {} requests: {} throttled (429), {} injected failures (500), {} retries",
        done.len(),
        tally.requests,
        tally.throttled,
        tally.injected,
        // Every refused request was sent again.
        tally.throttled + tally.injected
    );
    tally
}

/// Every request for a target carried the same token, and no two targets
/// shared one.
fn assert_one_token_per_target(sb: &TestEnv, operation: &str) {
    let mut tokens: HashMap<String, HashSet<String>> = HashMap::new();
    for request in sb.requests_for(operation) {
        tokens
            .entry(request.resource.unwrap())
            .or_default()
            .insert(request.client_token.expect("a client token"));
    }
    assert!(tokens.values().all(|t| t.len() == 1), "{operation}");
    let distinct: HashSet<&String> = tokens.values().flatten().collect();
    assert_eq!(distinct.len(), tokens.len(), "{operation}: tokens shared");
}

fn assert_all_done(results: &HashMap<String, Value>, ids: &[String]) {
    for id in ids {
        assert_eq!(results[id]["outcome"], "done", "{id}: {}", results[id]);
    }
}

#[test]
fn deregistering_500_devices_through_faults_does_each_once() {
    let sb = fleet(800);
    let mut ids = device_ids_with_status(&sb, "REGISTERED");
    assert!(ids.len() >= TARGETS, "only {} registered", ids.len());
    ids.truncate(TARGETS);
    sb.clear_requests();
    set_faults(&sb);

    let (code, results) = run_bulk(&sb, &["devices", "deregister", "--yes"], &ids);
    assert_eq!(code, 0);
    assert_eq!(results.len(), ids.len());
    assert_all_done(&results, &ids);
    assert_exactly_once(&sb, "DeregisterDevice", &ids);
    assert_one_token_per_target(&sb, "DeregisterDevice");
    for id in &ids {
        let status = sb.sandbox().device(id).unwrap()["status"].clone();
        assert!(
            status == "DEREGISTERING" || status == "DEREGISTERED",
            "{id}: {status}"
        );
    }
}

#[test]
fn deleting_500_devices_through_faults_lists_the_two_that_cannot_be() {
    // Transitions that end as they start: a deregistered device is
    // DEREGISTERED at the next call, with no real time to wait.
    let sb = fleet_with_transitions(800, Duration::ZERO);
    let registered = device_ids_with_status(&sb, "REGISTERED");
    let (code, _) = run_bulk(
        &sb,
        &["devices", "deregister", "--yes"],
        &registered[..TARGETS],
    );
    assert_eq!(code, 0);
    let mut ids = device_ids_with_status(&sb, "DEREGISTERED");
    let deregistered: HashSet<&String> = ids.iter().collect();
    assert!(
        registered[..TARGETS]
            .iter()
            .all(|id| deregistered.contains(id)),
        "a deregistration was still under way"
    );
    ids.truncate(TARGETS);
    // One device deleted in the meantime, one still registered (ConflictException).
    let still_registered = registered[TARGETS].clone();
    let mut targets = ids.clone();
    targets.insert(100, GONE_DEVICE.to_owned());
    targets.insert(300, still_registered.clone());
    sb.clear_requests();
    set_faults(&sb);

    let (code, results) = run_bulk(&sb, &["devices", "delete", "--yes"], &targets);
    assert_eq!(code, 1, "a target failed for good");
    assert_eq!(results.len(), targets.len());
    assert_all_done(&results, &ids);
    // The gone one fails as not found; the registered one is left out by
    // the plan (the service would refuse it), unsent and not a failure.
    assert_eq!(results[GONE_DEVICE]["outcome"], "failed");
    assert_eq!(results[GONE_DEVICE]["code"], "ResourceNotFoundException");
    let registered = &results[still_registered.as_str()];
    assert_eq!(registered["outcome"], "skipped", "{registered}");
    assert!(
        registered["error"]
            .as_str()
            .unwrap()
            .starts_with("REGISTERED (delete needs DEREGISTERED or ARCHIVED)"),
        "{registered}"
    );
    assert_exactly_once(&sb, "DeleteDevice", &ids);
    assert_one_token_per_target(&sb, "DeleteDevice");
    for id in &ids {
        assert!(sb.sandbox().device(id).is_none(), "{id} still exists");
    }
    assert!(sb.sandbox().device(&still_registered).is_some());
}

#[test]
fn updating_500_devices_through_faults_does_each_once() {
    let sb = fleet(TARGETS);
    let ids = all_device_ids(&sb);
    assert_eq!(ids.len(), TARGETS);
    // A device already on the schedule is left out of the plan, unchanged.
    let (already, to_change): (Vec<String>, Vec<String>) = ids.iter().cloned().partition(|id| {
        sb.sandbox().device(id).unwrap()["softwareSetUpdateSchedule"] == "APPLY_IMMEDIATELY"
    });
    assert!(!to_change.is_empty());
    sb.clear_requests();
    set_faults(&sb);

    let (code, results) = run_bulk(
        &sb,
        &[
            "devices",
            "update",
            "--update-schedule",
            "apply-immediately",
        ],
        &ids,
    );
    assert_eq!(code, 0);
    assert_eq!(results.len(), ids.len());
    assert_all_done(&results, &to_change);
    for id in &already {
        assert_eq!(results[id]["outcome"], "skipped", "{id}");
        assert_eq!(results[id]["error"], "unchanged", "{id}");
    }
    assert_exactly_once(&sb, "UpdateDevice", &to_change);
    for id in &ids {
        assert_eq!(
            sb.sandbox().device(id).unwrap()["softwareSetUpdateSchedule"],
            "APPLY_IMMEDIATELY",
            "{id}"
        );
    }
}

/// Tagging 500 devices by ARN in one bulk run (`devices tag --ids-from -`):
/// TagResource takes no client token, so "each once" rests on the request
/// log alone.
#[test]
fn tagging_500_devices_through_faults_does_each_once() {
    let sb = fleet(TARGETS);
    let arns: Vec<String> = all_device_ids(&sb)
        .iter()
        .map(|id| {
            sb.sandbox().device(id).unwrap()["arn"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    sb.clear_requests();
    set_faults(&sb);

    let (code, results) = run_bulk(&sb, &["devices", "tag", "fleet=faults", "wave=1"], &arns);
    assert_eq!(code, 0, "{results:?}");
    assert_all_done(&results, &arns);
    assert_exactly_once(&sb, "TagResource", &arns);
    for id in all_device_ids(&sb).iter().step_by(25) {
        let out = sb
            .wsfleet()
            .args(["devices", "tags", id, "-o", "json"])
            .output()
            .unwrap();
        let tags: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(tags["tags"]["fleet"], "faults", "{id}");
        assert_eq!(tags["tags"]["wave"], "1", "{id}");
    }
}

#[test]
fn an_endpoint_that_repeats_its_next_token_is_stopped_with_an_error() {
    use std::io::Write;
    let endpoint = common::hostile::HostileEndpoint::start(|_, stream| {
        let body =
            r#"{"devices":[{"id":"0123456789abcdefghijklmn","name":"loop"}],"nextToken":"again"}"#;
        let _ = write!(
            stream,
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
    });
    let run = endpoint.run(&["devices", "list", "-o", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("nextToken"), "{}", run.stderr);
    assert!(run.stderr.contains("already given"), "{}", run.stderr);
    assert!(endpoint.requests() <= 3, "{} requests", endpoint.requests());
}

#[test]
fn an_endless_response_body_is_cut_off_at_the_cap() {
    use std::io::Write;
    let endpoint = common::hostile::HostileEndpoint::start(|_, stream| {
        let _ = write!(
            stream,
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        );
        let chunk = vec![b' '; 1 << 20];
        // Until the client hangs up: 1 GiB at most.
        for _ in 0..1024 {
            if write!(stream, "{:x}\r\n", chunk.len()).is_err()
                || stream.write_all(&chunk).is_err()
                || stream.write_all(b"\r\n").is_err()
            {
                return;
            }
        }
    });
    let started = std::time::Instant::now();
    let run = endpoint.run(&["--timeout", "10m", "devices", "list", "-o", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("MiB"), "{}", run.stderr);
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "{:?}",
        started.elapsed()
    );
}
