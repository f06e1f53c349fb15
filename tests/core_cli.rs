//! The core contract through the real binary, against a one-file HTTP
//! responder the test owns on 127.0.0.1: exit codes, the endpoint override,
//! the four output formats, and output safety.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on what they did not expect

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use common::{isolated_wsfleet, stderr_of, stdout_of};

/// Answers every request with `body` (200, JSON) and records each request
/// line, until the test ends.
struct Responder {
    endpoint: String,
    requests: Arc<Mutex<Vec<String>>>,
}

impl Responder {
    fn start(body: &'static str) -> Responder {
        Responder::answering("200 OK", body)
    }

    /// Answers every request with `status` (`"403 Forbidden"`) and `body`.
    fn answering(status: &'static str, body: &'static str) -> Responder {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let endpoint = format!("http://{}", listener.local_addr().unwrap());
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = requests.clone();
        thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { return };
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut request_line = String::new();
                if reader.read_line(&mut request_line).is_err() {
                    continue;
                }
                let mut content_length = 0usize;
                let mut host = String::new();
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).is_err() || line.trim().is_empty() {
                        break;
                    }
                    let lower = line.to_ascii_lowercase();
                    if let Some(v) = lower.strip_prefix("content-length:") {
                        content_length = v.trim().parse().unwrap_or(0);
                    }
                    if let Some(v) = lower.strip_prefix("host:") {
                        host = v.trim().to_owned();
                    }
                }
                let mut body_in = vec![0; content_length];
                let _ = reader.read_exact(&mut body_in);
                seen.lock()
                    .unwrap()
                    .push(format!("{} host={host}", request_line.trim()));
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{}",
                    body.len(),
                    body
                );
            }
        });
        Responder { endpoint, requests }
    }

    fn requests(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }
}

const DEVICES: &str = r#"{"devices":[
 {"id":"aaaaaaaaaaaaaaaaaaaaaaa1","serialNumber":"SN-0001","name":"lobby-01","model":"TC-1","environmentId":"env000001","status":"REGISTERED","currentSoftwareSetId":"17","softwareSetUpdateSchedule":"USE_MAINTENANCE_WINDOW","lastConnectedAt":1700000000,"lastPostureAt":1700000100.5,"createdAt":1690000000,"updatedAt":1700000200,"arn":"arn:aws:thinclient:us-east-1:123456789012:device/aaaaaaaaaaaaaaaaaaaaaaa1","lastUserId":"alice"},
 {"id":"aaaaaaaaaaaaaaaaaaaaaaa2","serialNumber":"SN-0002","name":"=HYPERLINK(\"http://x\")","environmentId":"env000001","status":"ARCHIVED"},
 {"id":"aaaaaaaaaaaaaaaaaaaaaaa3","serialNumber":"SN-0003","name":"\u001b[31mred\u001b[0m\rdesk","environmentId":"env000002","status":"DEREGISTERED"}
]}"#;

const DEVICE: &str = r#"{"device":{"id":"aaaaaaaaaaaaaaaaaaaaaaa1","serialNumber":"SN-0001","name":"lobby-01","model":"TC-1","environmentId":"env000001","status":"REGISTERED","currentSoftwareSetId":"17","currentSoftwareSetVersion":"2024.10.1","desiredSoftwareSetId":"18","pendingSoftwareSetId":"18","pendingSoftwareSetVersion":"2024.11.0","softwareSetUpdateSchedule":"APPLY_IMMEDIATELY","softwareSetComplianceStatus":"NOT_COMPLIANT","softwareSetUpdateStatus":"IN_PROGRESS","lastConnectedAt":1700000000,"lastPostureAt":1700000100,"createdAt":1690000000,"updatedAt":1700000200,"arn":"arn:aws:thinclient:us-east-1:123456789012:device/aaaaaaaaaaaaaaaaaaaaaaa1","kmsKeyArn":"arn:aws:kms:us-east-1:123456789012:key/k1","lastUserId":"alice"}}"#;

fn wsfleet_at(responder: &Responder, home: &tempfile::TempDir) -> assert_cmd::Command {
    let mut cmd = isolated_wsfleet(home);
    cmd.args([
        "--region",
        "us-east-1",
        "--endpoint-url",
        &responder.endpoint,
    ]);
    cmd
}

/// One snapshot mechanism for the whole suite: insta, under the file's
/// old name with the format as suffix (`devices_list_table`).
/// A table reads a fixed timestamp as how long ago it was, which moves with
/// the day the test runs: the count is kept out of the snapshot.
fn snapshot(name: &str, actual: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.add_filter(
        r"\b\d+ (year|month|day|hour|minute)s? ago\b",
        "[n ${1}s ago]",
    );
    settings.bind(|| insta::assert_snapshot!(name.replace('.', "_"), actual));
}

#[test]
fn thin_client_requests_go_exactly_to_the_endpoint_url() {
    let responder = Responder::start(DEVICES);
    let home = tempfile::tempdir().unwrap();
    let output = wsfleet_at(&responder, &home)
        .args(["devices", "list", "-o", "json"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));
    let requests = responder.requests();
    assert_eq!(requests.len(), 1, "{requests:?}");
    let port = responder.endpoint.rsplit(':').next().unwrap();
    assert_eq!(
        requests[0],
        format!("GET /devices?maxResults=50 HTTP/1.1 host=127.0.0.1:{port}")
    );
}

/// Runs `args` once in each `-o` format, snapshots each output as
/// `{stem}_{format}`, and gives back the JSON one.
fn snapshot_every_format(responder: &Responder, args: &[&str], stem: &str) -> serde_json::Value {
    let home = tempfile::tempdir().unwrap();
    let mut json = serde_json::Value::Null;
    for format in ["table", "json", "ndjson", "csv"] {
        let output = wsfleet_at(responder, &home)
            .args(args)
            .args(["-o", format])
            .output()
            .unwrap();
        assert!(output.status.success(), "{format}: {}", stderr_of(&output));
        let stdout = stdout_of(&output);
        if format == "json" {
            json = serde_json::from_str(&stdout).unwrap();
        }
        snapshot(&format!("{stem}.{format}"), &stdout);
    }
    json
}

#[test]
fn devices_list_in_all_four_formats() {
    let responder = Responder::start(DEVICES);
    snapshot_every_format(&responder, &["devices", "list"], "devices_list");
}

#[test]
fn devices_get_shows_every_field_in_all_four_formats() {
    let responder = Responder::start(DEVICE);
    let json = snapshot_every_format(
        &responder,
        &["devices", "get", "aaaaaaaaaaaaaaaaaaaaaaa1"],
        "devices_get",
    );
    assert_eq!(json["lastUserId"], "alice");
    assert_eq!(
        json["kmsKeyArn"],
        "arn:aws:kms:us-east-1:123456789012:key/k1"
    );
    assert_eq!(json["createdAt"], "2023-07-22T04:26:40Z");
}

#[test]
fn csv_neutralises_formulas_unless_raw() {
    let responder = Responder::start(DEVICES);
    let home = tempfile::tempdir().unwrap();
    let safe = stdout_of(
        &wsfleet_at(&responder, &home)
            .args(["devices", "list", "-o", "csv", "--columns", "id,name"])
            .output()
            .unwrap(),
    );
    assert!(
        safe.contains(r#"aaaaaaaaaaaaaaaaaaaaaaa2,"'=HYPERLINK(""http://x"")""#),
        "{safe}"
    );
    let raw = stdout_of(
        &wsfleet_at(&responder, &home)
            .args([
                "devices",
                "list",
                "-o",
                "csv",
                "--columns",
                "id,name",
                "--csv-raw",
            ])
            .output()
            .unwrap(),
    );
    assert!(
        raw.contains(r#"aaaaaaaaaaaaaaaaaaaaaaa2,"=HYPERLINK(""http://x"")""#),
        "{raw}"
    );
}

#[test]
fn control_sequences_never_reach_the_table_but_json_escapes_them() {
    let responder = Responder::start(DEVICES);
    let home = tempfile::tempdir().unwrap();
    let table = wsfleet_at(&responder, &home)
        .args(["devices", "list"])
        .output()
        .unwrap();
    assert!(!table.stdout.contains(&0x1b), "escape reached the table");
    assert!(!table.stdout.contains(&b'\r'), "CR reached the table");
    assert!(stdout_of(&table).contains("reddesk"));
    let json = stdout_of(
        &wsfleet_at(&responder, &home)
            .args(["devices", "list", "-o", "json"])
            .output()
            .unwrap(),
    );
    assert!(json.contains(r"\u001b[31mred\u001b[0m\rdesk"), "{json}");
}

#[test]
fn columns_choose_order_and_nesting() {
    let responder = Responder::start(DEVICES);
    let home = tempfile::tempdir().unwrap();
    let csv = stdout_of(
        &wsfleet_at(&responder, &home)
            .args([
                "devices",
                "list",
                "-o",
                "csv",
                "--columns",
                "SERIALNUMBER,id",
                "--no-headers",
            ])
            .output()
            .unwrap(),
    );
    assert_eq!(csv.lines().next(), Some("SN-0001,aaaaaaaaaaaaaaaaaaaaaaa1"));
    let json: serde_json::Value = serde_json::from_str(&stdout_of(
        &wsfleet_at(&responder, &home)
            .args([
                "devices",
                "list",
                "-o",
                "json",
                "--columns",
                "id,lastUserId",
            ])
            .output()
            .unwrap(),
    ))
    .unwrap();
    assert_eq!(
        json[0],
        serde_json::json!({"id": "aaaaaaaaaaaaaaaaaaaaaaa1", "lastUserId": "alice"})
    );
}

#[test]
fn an_unknown_column_is_exit_2_before_any_request() {
    let responder = Responder::start(DEVICES);
    let home = tempfile::tempdir().unwrap();
    let output = wsfleet_at(&responder, &home)
        .args(["devices", "list", "--columns", "id,colour"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let err = stderr_of(&output);
    assert!(err.contains("unknown column 'colour'"), "{err}");
    assert!(
        err.contains("serialNumber"),
        "valid columns are listed: {err}"
    );
    assert!(responder.requests().is_empty());
}

#[test]
fn usage_errors_exit_2_before_any_request() {
    let responder = Responder::start(DEVICES);
    let home = tempfile::tempdir().unwrap();
    for (args, env, expected) in [
        (
            vec!["devices", "list", "--bogus-flag"],
            None,
            "--bogus-flag",
        ),
        (
            vec!["devices", "list", "--status", "lost"],
            None,
            "registered",
        ),
        (
            vec!["devices", "get", "ws-not-an-id"],
            None,
            "invalid device ID",
        ),
        (vec!["devices", "list", "--name", "[oops"], None, "--name"),
        (
            vec!["devices", "list"],
            Some(("AWS_MAX_ATTEMPTS", "many")),
            "AWS_MAX_ATTEMPTS",
        ),
        (
            vec!["devices", "list"],
            Some(("AWS_MAX_ATTEMPTS", "0")),
            "AWS_MAX_ATTEMPTS",
        ),
        (
            vec!["devices", "list"],
            Some(("AWS_RETRY_MODE", "legacy")),
            "AWS_RETRY_MODE",
        ),
        (vec!["devices", "list", "-o", "yaml"], None, "ndjson"),
    ] {
        let mut cmd = wsfleet_at(&responder, &home);
        cmd.args(&args);
        if let Some((key, value)) = env {
            cmd.env(key, value);
        }
        let output = cmd.output().unwrap();
        let err = stderr_of(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?} {env:?}: {err}");
        assert!(err.contains(expected), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    assert!(responder.requests().is_empty());
}

#[test]
fn a_status_value_is_accepted_in_any_case() {
    let responder = Responder::start(DEVICES);
    let home = tempfile::tempdir().unwrap();
    let output = wsfleet_at(&responder, &home)
        .args(["devices", "list", "--status", "ARCHIVED", "-o", "ndjson"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));
    assert_eq!(stdout_of(&output).lines().count(), 1);
}

#[test]
fn no_region_anywhere_is_exit_4_quickly_naming_both_ways() {
    let home = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let output = isolated_wsfleet(&home)
        .args(["devices", "list"])
        .output()
        .unwrap();
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(output.status.code(), Some(4));
    let err = stderr_of(&output);
    // One line, naming every way out.
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("error: no AWS region: pass --region REGION or set AWS_REGION"),
        "{err}"
    );
    for way in ["aws configure", "--profile", "--sandbox"] {
        assert!(err.contains(way), "{way}: {err}");
    }
}

#[test]
fn access_denied_is_exit_4_with_a_hint_naming_the_iam_action() {
    let responder = Responder::answering(
        "403 Forbidden",
        r#"{"__type":"AccessDeniedException","message":"not allowed"}"#,
    );
    let home = tempfile::tempdir().unwrap();
    let output = wsfleet_at(&responder, &home)
        .args(["devices", "list"])
        .output()
        .unwrap();
    let err = stderr_of(&output);
    assert_eq!(output.status.code(), Some(4), "{err}");
    let lines: Vec<&str> = err.trim().lines().collect();
    assert!(
        lines[0].starts_with("error: ListDevices failed: AccessDeniedException: not allowed"),
        "{err}"
    );
    assert_eq!(
        lines[1..],
        ["hint: these credentials need the IAM permission thinclient:ListDevices"],
        "{err}"
    );
}

#[test]
fn a_closed_pipe_ends_quietly_with_exit_0() {
    let responder = Responder::start(DEVICES);
    let home = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("wsfleet"))
        .args([
            "--region",
            "us-east-1",
            "--endpoint-url",
            &responder.endpoint,
        ])
        .args(["devices", "list", "-o", "ndjson"])
        .env("HOME", home.path())
        .env("AWS_CONFIG_FILE", home.path().join("none"))
        .env("AWS_SHARED_CREDENTIALS_FILE", home.path().join("none"))
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_ACCESS_KEY_ID", common::ACCESS_KEY)
        .env("AWS_SECRET_ACCESS_KEY", common::SECRET_KEY)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Close the read end before anything is written.
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert_eq!(status.code(), Some(0), "{err}");
    assert!(!err.contains("error"), "{err}");
}

#[test]
fn help_reads_well() {
    let home = tempfile::tempdir().unwrap();
    let help = stdout_of(&isolated_wsfleet(&home).arg("--help").output().unwrap());
    assert!(help.contains("devices"), "{help}");
    assert!(help.contains("Exit codes"), "{help}");
    let group = stdout_of(
        &isolated_wsfleet(&home)
            .args(["devices", "--help"])
            .output()
            .unwrap(),
    );
    assert!(group.contains("list") && group.contains("get"), "{group}");
    let verb = stdout_of(
        &isolated_wsfleet(&home)
            .args(["devices", "list", "--help"])
            .output()
            .unwrap(),
    );
    assert!(verb.contains("Examples:"), "{verb}");
}

#[test]
fn a_silent_endpoint_fails_within_the_timeout_naming_endpoint_and_timeout() {
    // Accepts connections and never answers.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let endpoint = format!("http://{}", listener.local_addr().unwrap());
    let held = thread::spawn(move || {
        let mut open = Vec::new();
        for stream in listener.incoming().take(4) {
            open.push(stream);
        }
        thread::sleep(Duration::from_secs(5));
    });
    let home = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let output = isolated_wsfleet(&home)
        .args([
            "--region",
            "us-east-1",
            "--endpoint-url",
            &endpoint,
            "--timeout",
            "1",
        ])
        .args(["devices", "list"])
        .output()
        .unwrap();
    let elapsed = started.elapsed();
    let err = stderr_of(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(elapsed < Duration::from_secs(4), "took {elapsed:?}");
    assert!(
        err.contains(&endpoint) && err.contains("within 1s"),
        "{err}"
    );
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    drop(held);
}

#[test]
fn a_refused_connection_fails_at_once_with_a_clear_message() {
    // Bind and drop: nothing listens on the port any more.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let endpoint = format!("http://127.0.0.1:{port}");
    let home = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let output = isolated_wsfleet(&home)
        .args(["--region", "us-east-1", "--endpoint-url", &endpoint])
        .args(["devices", "list"])
        .output()
        .unwrap();
    let err = stderr_of(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(started.elapsed() < Duration::from_secs(10));
    assert!(
        err.contains(&format!("could not reach {endpoint}")),
        "{err}"
    );
    assert!(err.contains("refused"), "{err}");
    assert!(
        !err.contains("panicked") && !err.contains("backtrace"),
        "{err}"
    );
}
