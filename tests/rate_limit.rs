//! Under a service's rate limit a bulk change is paced at the rate the
//! service admits (learned from its throttling), rather than each throttled
//! call waiting out a whole-second `Retry-After` on its own.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on what they did not expect

mod common;

use std::time::Instant;

use common::TestEnv;
use wsfleet_sandbox::Config;

#[test]
fn a_bulk_change_runs_at_the_service_limit_with_few_throttled_calls() {
    let limit = 40.0;
    let env = TestEnv::with(Config {
        devices: 200,
        ..Config::default()
    });
    let listed = env
        .run(&[
            "devices",
            "list",
            "--status",
            "registered",
            "-o",
            "csv",
            "--columns",
            "id",
            "--no-headers",
        ])
        .success();
    let ids: Vec<&str> = listed.stdout.lines().take(120).collect();
    assert_eq!(ids.len(), 120);
    // The limit from here: its bucket starts full, as a fresh sandbox's.
    env.sandbox().set_rate_limit(Some(limit));
    env.clear_requests();

    let started = Instant::now();
    let out = env
        .wsfleet()
        .args([
            "devices",
            "deregister",
            "--ids-from",
            "-",
            "--yes",
            "--concurrency",
            "32",
            "-o",
            "json",
        ])
        .write_stdin(ids.join("\n"))
        .output()
        .unwrap();
    let wall = started.elapsed().as_secs_f64();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // Only the change is sent: under the limit a look-up the run does not
    // need (the plan of a `--yes` deregister reads no device) is a slot of
    // the change's.
    assert!(env.requests_for("GetDevice").is_empty());
    let requests = env.requests();
    let admitted = requests.iter().filter(|r| r.status < 400).count();
    assert_eq!(admitted, ids.len());
    let throttled = requests.iter().filter(|r| r.status == 429).count();
    let ideal = (admitted as f64 - limit) / limit;
    println!("{admitted} admitted, {throttled} throttled, {wall:.2}s (ideal {ideal:.2}s)");
    // Unpaced, every in-flight call is throttled round after round (over
    // a hundred here); paced, only the first burst's overflow and the
    // probes above the learned rate are (7 to 21 in a few runs).
    assert!(
        throttled < 40,
        "{throttled} throttled of {admitted} admitted"
    );
    // The burst (one second of the limit) at once, the rest at the limit
    // (2.08 s for an ideal 2 s): one whole-second wait would add a second.
    assert!(
        wall < ideal + 1.0,
        "{wall:.2}s for {admitted} requests, ideal {ideal:.2}s"
    );
}
