//! The `--sandbox` state file under parallel commands: every change lands,
//! a read never writes, and a state error names the file.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on what they did not expect

mod common;

use std::path::PathBuf;
use std::process::Child;

use common::{Run, isolated_std, isolated_wsfleet};
use serde_json::Value;

fn state_file(home: &tempfile::TempDir) -> PathBuf {
    home.path().join("data/wsfleet/sandbox-state.json")
}

fn sandbox_run(home: &tempfile::TempDir, args: &[&str]) -> Run {
    Run::of(
        isolated_wsfleet(home)
            .arg("--sandbox")
            .args(args)
            .output()
            .unwrap(),
    )
}

fn spawn(home: &tempfile::TempDir, args: &[&str]) -> Child {
    isolated_std(home.path())
        .arg("--sandbox")
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

/// Each device's name, as the state file holds it.
fn names_in_state(home: &tempfile::TempDir) -> std::collections::HashMap<String, String> {
    let state: Value = serde_json::from_slice(&std::fs::read(state_file(home)).unwrap()).unwrap();
    let devices = &state["thinclient"]["devices"];
    let devices: Vec<&Value> = match devices {
        Value::Object(map) => map.values().collect(),
        Value::Array(items) => items.iter().collect(),
        other => panic!("devices in the state file: {other}"),
    };
    devices
        .into_iter()
        .map(|d| {
            (
                d["id"].as_str().unwrap().to_owned(),
                d["name"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

#[test]
fn parallel_updates_all_land_and_parallel_lists_never_write() {
    let home = tempfile::tempdir().unwrap();
    let listed = sandbox_run(&home, &["devices", "list", "-o", "json"]).success();
    // A read of a fresh sandbox does not write its seed.
    assert!(!state_file(&home).exists());
    let ids: Vec<String> = listed.json().as_array().unwrap()[..8]
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_owned())
        .collect();

    for round in 0..3 {
        let updates: Vec<Child> = ids
            .iter()
            .enumerate()
            .map(|(i, id)| {
                let name = format!("round{round}-dev{i}");
                spawn(&home, &["devices", "update", id, "--set-name", &name])
            })
            .collect();
        let lists: Vec<Child> = (0..8)
            .map(|_| spawn(&home, &["devices", "list", "-o", "json"]))
            .collect();
        for child in updates.into_iter().chain(lists) {
            let run = Run::of(child.wait_with_output().unwrap());
            assert_eq!(run.code, 0, "round {round}: {}", run.stderr);
        }
        let names = names_in_state(&home);
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(names[id], format!("round{round}-dev{i}"), "round {round}");
        }
    }

    // A read leaves the file exactly as it was.
    let before = std::fs::metadata(state_file(&home)).unwrap();
    let bytes = std::fs::read(state_file(&home)).unwrap();
    sandbox_run(&home, &["devices", "list"]).success();
    sandbox_run(&home, &["workspaces", "list"]).success();
    let after = std::fs::metadata(state_file(&home)).unwrap();
    assert_eq!(before.modified().unwrap(), after.modified().unwrap());
    assert_eq!(std::fs::read(state_file(&home)).unwrap(), bytes);
}

#[test]
fn a_state_file_error_names_the_file() {
    let home = tempfile::tempdir().unwrap();
    let path = state_file(&home);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    // Not a state file, then not a file at all: each error says which path.
    let setups: [fn(&std::path::Path); 2] = [
        |path| std::fs::write(path, "{ not a state").unwrap(),
        |path| {
            std::fs::remove_file(path).unwrap();
            std::fs::create_dir(path).unwrap();
        },
    ];
    for setup in setups {
        setup(&path);
        let run = sandbox_run(&home, &["devices", "list"]);
        assert_ne!(run.code, 0);
        assert!(
            run.stderr.contains(&path.display().to_string()),
            "{}",
            run.stderr
        );
    }
}
