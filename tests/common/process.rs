//! Helpers for tests that drive a bulk change as a background process:
//! the targets, the sandbox's progress, and Ctrl-C as a real SIGINT.

use std::io::Write;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use super::TestEnv;

/// The IDs of every device, from the binary's own listing.
pub fn all_device_ids(sb: &TestEnv) -> Vec<String> {
    let out = sb
        .wsfleet()
        .args(["devices", "list", "-o", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", super::stderr_of(&out));
    let listed: Value = serde_json::from_slice(&out.stdout).unwrap();
    listed
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_owned())
        .collect()
}

/// Waits until the sandbox has answered `count` requests of `operation`.
pub fn wait_for_requests(sb: &TestEnv, operation: &str, count: usize) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while sb.requests_for(operation).len() < count {
        assert!(
            Instant::now() < deadline,
            "{operation} never reached {count}"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

pub fn send_sigint(child: &Child) {
    let status = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
}

/// Starts a bulk verb (`args`) in the background with `ids` on stdin
/// (`--ids-from -`), results as JSON on stdout; a verb that asks first
/// needs `--yes` in `args`.
pub fn start_bulk(sb: &TestEnv, args: &[&str], ids: &[String]) -> Child {
    let mut child = sb
        .wsfleet_std()
        .args(args)
        .args(["--ids-from", "-", "-o", "json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("wsfleet starts");
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(ids.join("\n").as_bytes()).unwrap();
    drop(stdin);
    child
}
