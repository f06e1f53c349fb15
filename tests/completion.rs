//! Shell completion: the checked-in scripts hook bash up, commands and enum
//! values complete, and resource IDs come from the account (the sandbox),
//! cached, and quietly not at all when the account cannot be reached.
// Helpers outside #[test] fns too: a failed expectation is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeSet;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command as Process;
use std::time::{Duration, Instant};

use common::{TestEnv, isolated_wsfleet, stderr_of, stdout_of};

/// Options whose values are an enum, and the values bash must offer: the
/// issue's `devices deregister --target-status`, and a filter of `list`.
const ENUM_OPTION_LINES: &[(&[&str], &[&str])] = &[
    (
        &["wsfleet", "devices", "deregister", "--target-status", ""],
        &["archived", "deregistered"],
    ),
    (
        &["wsfleet", "devices", "list", "--status", ""],
        &["archived", "deregistered", "deregistering", "registered"],
    ),
];

fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn binary_dir() -> PathBuf {
    let binary = assert_cmd::cargo::cargo_bin("wsfleet");
    binary.parent().expect("binary directory").to_path_buf()
}

/// Sources `completions/wsfleet.bash` and calls its completion function the
/// way bash does at TAB, with the cursor at the end of the last word;
/// returns COMPREPLY. The script runs `wsfleet`, found first on PATH.
fn bash_complete(words: &[&str], home: &Path) -> Vec<String> {
    let script = r#"
        source "$SCRIPT" || exit 90
        COMP_WORDS=("$@")
        COMP_CWORD=$(( $# - 1 ))
        COMP_LINE="$*"
        COMP_POINT=${#COMP_LINE}
        COMP_TYPE=9
        _clap_complete_wsfleet wsfleet "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
        printf '%s\n' "${COMPREPLY[@]}"
    "#;
    let path = format!(
        "{}:{}",
        binary_dir().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let output = Process::new("bash")
        .arg("-c")
        .arg(script)
        .arg("bash")
        .args(words)
        .env("SCRIPT", repository().join("completions/wsfleet.bash"))
        .env("PATH", path)
        .env("HOME", home)
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("AWS_CONFIG_FILE", home.join("aws-config"))
        .env("AWS_SHARED_CREDENTIALS_FILE", home.join("aws-config"))
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env_remove("COMPLETE")
        .output()
        .expect("bash runs");
    assert!(
        output.status.success(),
        "bash failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout_of(&output)
        .lines()
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect()
}

#[test]
fn sourcing_the_bash_script_registers_the_completion() {
    let output = Process::new("bash")
        .arg("-c")
        .arg(r#"source "$SCRIPT" && complete -p wsfleet"#)
        .env("SCRIPT", repository().join("completions/wsfleet.bash"))
        .output()
        .expect("bash runs");
    assert!(output.status.success(), "{}", stderr_of(&output));
    assert!(
        stdout_of(&output).contains("-F _clap_complete_wsfleet wsfleet"),
        "{}",
        stdout_of(&output)
    );
}

#[test]
fn bash_completes_a_command_name() {
    let home = tempfile::tempdir().expect("temp home");
    assert_eq!(bash_complete(&["wsfleet", "dev"], home.path()), ["devices"]);
    let verbs = bash_complete(&["wsfleet", "devices", ""], home.path());
    assert!(verbs.contains(&"list".to_owned()), "{verbs:?}");
    assert!(verbs.contains(&"get".to_owned()), "{verbs:?}");
}

#[test]
fn bash_completes_an_enum_option_with_its_values() {
    let home = tempfile::tempdir().expect("temp home");
    for (line, expected) in ENUM_OPTION_LINES {
        let values = bash_complete(line, home.path());
        assert_eq!(values, *expected, "for {line:?}");
    }
}

#[test]
fn the_completions_command_prints_each_checked_in_script() {
    let home = tempfile::tempdir().expect("temp home");
    for (shell, file) in [
        ("bash", "wsfleet.bash"),
        ("zsh", "_wsfleet"),
        ("fish", "wsfleet.fish"),
        ("powershell", "_wsfleet.ps1"),
        ("elvish", "wsfleet.elv"),
    ] {
        let output = isolated_wsfleet(&home)
            .args(["completions", shell])
            .output()
            .expect("wsfleet runs");
        assert!(output.status.success(), "{shell}: {}", stderr_of(&output));
        let checked_in =
            std::fs::read(repository().join("completions").join(file)).expect("checked-in script");
        assert_eq!(
            output.stdout, checked_in,
            "wsfleet completions {shell} vs completions/{file}"
        );
    }
    isolated_wsfleet(&home)
        .args(["completions", "tcsh"])
        .assert()
        .code(2);
}

/// The real binary answering a shell's completion request for `words`
/// (the last is the word under the cursor), as fish asks: one candidate a
/// line, `value<TAB>description`. Options, which clap offers beside the
/// values at an empty word, are left out.
fn fish_complete(home: &tempfile::TempDir, words: &[&str]) -> (Vec<(String, String)>, String) {
    let output = isolated_wsfleet(home)
        .env("COMPLETE", "fish")
        .env("AWS_REGION", "us-east-1")
        .arg("--")
        .args(words)
        .output()
        .expect("wsfleet runs");
    assert!(output.status.success(), "{}", stderr_of(&output));
    let candidates = stdout_of(&output)
        .lines()
        .filter(|line| !line.starts_with('-'))
        .map(|line| match line.split_once('\t') {
            Some((value, help)) => (value.to_owned(), help.to_owned()),
            None => (line.to_owned(), String::new()),
        })
        .collect();
    (candidates, stderr_of(&output))
}

#[test]
fn devices_get_completes_the_accounts_device_ids_with_name_and_serial() {
    let sb = TestEnv::start();
    let listed = sb
        .wsfleet()
        .args(["devices", "list", "-o", "json"])
        .output()
        .expect("wsfleet runs");
    assert!(listed.status.success(), "{}", stderr_of(&listed));
    let devices: Vec<serde_json::Value> =
        serde_json::from_slice(&listed.stdout).expect("JSON array of devices");
    assert!(
        devices.len() > 50,
        "more than one page of devices to complete"
    );
    sb.clear_requests();

    let line = [
        "wsfleet",
        "--endpoint-url",
        &sb.endpoint,
        "devices",
        "get",
        "",
    ];
    let (candidates, stderr) = fish_complete(&sb.home, &line);
    assert_eq!(stderr, "");
    let offered: BTreeSet<&str> = candidates.iter().map(|(id, _)| id.as_str()).collect();
    let expected: BTreeSet<&str> = devices
        .iter()
        .map(|d| d["id"].as_str().expect("device id"))
        .collect();
    assert_eq!(offered, expected);
    for device in &devices {
        let (_, help) = candidates
            .iter()
            .find(|(id, _)| id == device["id"].as_str().expect("id"))
            .expect("offered");
        for field in ["name", "serialNumber"] {
            if let Some(value) = device[field].as_str() {
                assert!(help.contains(value), "{field} {value:?} not in {help:?}");
            }
        }
    }
    let listings = sb.requests_for("ListDevices").len();
    assert!(listings >= 2, "every page was listed: {listings} requests");

    // The next TAB, narrowed by what was typed, is answered from the cache.
    let first_id = devices[0]["id"].as_str().expect("id");
    let prefix = &first_id[..4];
    let line = [
        "wsfleet",
        "--endpoint-url",
        &sb.endpoint,
        "devices",
        "get",
        prefix,
    ];
    let (candidates, _) = fish_complete(&sb.home, &line);
    assert!(candidates.iter().any(|(id, _)| id == first_id));
    assert!(
        candidates.iter().all(|(id, _)| id.starts_with(prefix)),
        "{candidates:?}"
    );
    assert_eq!(
        sb.requests_for("ListDevices").len(),
        listings,
        "a second TAB sent requests"
    );
}

#[test]
fn device_id_completion_is_keyed_by_endpoint() {
    let first = TestEnv::start();
    let second = TestEnv::start();
    for sb in [&first, &second] {
        let line = [
            "wsfleet",
            "--endpoint-url",
            &sb.endpoint,
            "devices",
            "get",
            "",
        ];
        // The same HOME, so the same cache directory, for both sandboxes.
        let (candidates, _) = fish_complete(&first.home, &line);
        assert!(!candidates.is_empty());
        assert!(
            !sb.requests_for("ListDevices").is_empty(),
            "the cache of one endpoint answered for another"
        );
    }
}

#[test]
fn device_id_completion_gives_up_quickly_and_quietly_when_unreachable() {
    // Accepts connections (the kernel does) and never answers.
    let silent = TcpListener::bind("127.0.0.1:0").expect("listener");
    let endpoint = format!("http://{}", silent.local_addr().expect("address"));
    let home = tempfile::tempdir().expect("temp home");
    let started = Instant::now();
    let line = ["wsfleet", "--endpoint-url", &endpoint, "devices", "get", ""];
    let (candidates, stderr) = fish_complete(&home, &line);
    let took = started.elapsed();
    assert!(candidates.is_empty(), "{candidates:?}");
    assert_eq!(stderr, "", "completion printed into the terminal");
    assert!(took < Duration::from_secs(4), "took {took:?}");
    drop(silent);
}

#[test]
fn device_id_completion_without_a_region_offers_nothing_and_says_nothing() {
    let home = tempfile::tempdir().expect("temp home");
    let output = isolated_wsfleet(&home)
        .env("COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", "3")
        .args(["--", "wsfleet", "devices", "get", ""])
        .output()
        .expect("wsfleet runs");
    assert!(output.status.success());
    let offered: Vec<String> = stdout_of(&output)
        .split('\u{b}')
        .filter(|candidate| !candidate.is_empty() && !candidate.starts_with('-'))
        .map(str::to_owned)
        .collect();
    assert!(offered.is_empty(), "{offered:?}");
    assert_eq!(stderr_of(&output), "");
}

#[test]
fn device_ids_complete_from_the_embedded_sandbox() {
    let home = tempfile::tempdir().expect("temp home");
    let listed = isolated_wsfleet(&home)
        .args(["--sandbox", "devices", "list", "-o", "json"])
        .output()
        .expect("wsfleet runs");
    assert!(listed.status.success(), "{}", stderr_of(&listed));
    let devices: Vec<serde_json::Value> =
        serde_json::from_slice(&listed.stdout).expect("JSON array of devices");
    let expected: BTreeSet<&str> = devices
        .iter()
        .map(|d| d["id"].as_str().expect("device id"))
        .collect();

    let (candidates, stderr) =
        fish_complete(&home, &["wsfleet", "--sandbox", "devices", "get", ""]);
    assert_eq!(stderr, "");
    let offered: BTreeSet<&str> = candidates.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(offered, expected);
}

/// Every argument that takes IDs completes them, whatever verb it is on:
/// positional IDs by their group, flags by the kind their value name says.
#[test]
fn id_arguments_of_every_group_complete_their_kind() {
    let sb = TestEnv::start();
    for (words, prefix) in [
        (vec!["workspaces", "get", ""], "ws-"),
        (vec!["workspaces", "reboot", ""], "ws-"),
        (vec!["applications", "associate", "--workspace", ""], "ws-"),
        (
            vec!["applications", "associate", "--application", ""],
            "wsa-",
        ),
        (vec!["images", "delete", ""], "wsi-"),
        // d- (AD) and wsd- directories both: the common part is the d-.
        (vec!["workspaces", "list", "--directory", ""], ""),
        (vec!["ip-groups", "delete", ""], "wsipg-"),
        (
            vec![
                "ip-groups",
                "associate",
                "wsipg-abcdefgh",
                "--directory",
                "",
            ],
            "",
        ),
        (vec!["workspaces", "list", "--bundle", ""], "wsb-"),
    ] {
        let mut line = vec!["wsfleet", "--endpoint-url", &sb.endpoint];
        line.extend(words.iter().copied());
        let (candidates, stderr) = fish_complete(&sb.home, &line);
        assert_eq!(stderr, "", "{words:?}");
        assert!(!candidates.is_empty(), "{words:?} offered nothing");
        assert!(
            candidates.iter().all(|(id, _)| id.starts_with(prefix)),
            "{words:?}: {candidates:?}"
        );
    }
    let environments = fish_complete(
        &sb.home,
        &[
            "wsfleet",
            "--endpoint-url",
            &sb.endpoint,
            "devices",
            "list",
            "--environment",
            "",
        ],
    )
    .0;
    assert_eq!(environments.len(), 5, "{environments:?}");
    assert!(environments.iter().all(|(id, _)| id.len() == 9));
}
