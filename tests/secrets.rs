//! Nothing secret leaks: not the secret key, the session token or the
//! request signature, whether in output, in `-vv` traces, or in files wsfleet
//! writes.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on what they did not expect

mod common;

use common::{SECRET_KEY, TestEnv, stderr_of, stdout_of};

const SESSION_TOKEN: &str = "FwoGZXIvYXdzEXAMPLESESSIONTOKENdonotprint0000";

fn assert_clean(text: &str, what: &str) {
    for secret in [
        SECRET_KEY,
        SESSION_TOKEN,
        "Signature=",
        "Authorization",
        "X-Amz-Security-Token",
    ] {
        assert!(
            !text
                .to_ascii_lowercase()
                .contains(&secret.to_ascii_lowercase()),
            "{what} contains {secret}:\n{text}"
        );
    }
}

#[test]
fn verbose_traces_carry_no_credentials_or_signatures() {
    let sandbox = TestEnv::start();
    let id = {
        let output = sandbox
            .wsfleet()
            .args(["devices", "list", "-o", "ndjson"])
            .output()
            .unwrap();
        let first = stdout_of(&output).lines().next().unwrap().to_owned();
        let device: serde_json::Value = serde_json::from_str(&first).unwrap();
        device["id"].as_str().unwrap().to_owned()
    };
    for args in [
        vec!["-vv", "devices", "list"],
        vec!["-vv", "devices", "get", id.as_str(), "-o", "json"],
        vec!["-vv", "devices", "get", "000000000000000000000000"],
    ] {
        let output = sandbox
            .wsfleet()
            .env("AWS_SESSION_TOKEN", SESSION_TOKEN)
            .args(&args)
            .output()
            .unwrap();
        let stderr = stderr_of(&output);
        // The trace is really on: it names the requests it made.
        assert!(stderr.contains("request"), "{args:?}: {stderr}");
        assert_clean(&stdout_of(&output), "stdout");
        assert_clean(&stderr, "stderr");
    }
}

#[test]
fn no_file_wsfleet_writes_holds_a_credential() {
    let home = tempfile::tempdir().unwrap();
    let output = common::isolated_wsfleet(&home)
        .env("AWS_SESSION_TOKEN", SESSION_TOKEN)
        .args(["--sandbox", "-vv", "devices", "list"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));
    let mut files = 0;
    let mut stack = vec![home.path().to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files += 1;
                let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
                assert_clean(&text, &path.display().to_string());
            }
        }
    }
    // At least the sandbox state was written and read.
    assert!(files >= 2, "{files} files");
}
