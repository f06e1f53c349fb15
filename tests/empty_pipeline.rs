//! The tool's own empty output piped to `--ids-from` means nothing to do
//! (exit 0 with a note, no request), and `--ids-from` reads the tool's own CSV.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on what they did not expect

mod common;

use common::{Run, TestEnv};

fn piped(sb: &TestEnv, input: &str, args: &[&str]) -> Run {
    Run::of(
        sb.wsfleet()
            .args(args)
            .write_stdin(input.to_owned())
            .output()
            .expect("wsfleet runs"),
    )
}

#[test]
fn an_empty_list_piped_to_a_change_is_nothing_to_do() {
    let sb = TestEnv::start();
    // A filter that matches nothing gives the documented pipeline `[]`.
    let listed = sb
        .run(&["workspaces", "list", "--state", "error", "-o", "json"])
        .success();
    let empty_csv = sb
        .run(&["devices", "list", "--name", "NO-SUCH-*", "-o", "csv"])
        .success();
    assert_eq!(empty_csv.stdout.lines().count(), 1, "{}", empty_csv.stdout);
    sb.clear_requests();
    for (input, args) in [
        (
            listed.stdout.as_str(),
            &["workspaces", "reboot", "--ids-from", "-", "--yes"][..],
        ),
        (
            "",
            &["workspaces", "reboot", "--ids-from", "-", "--yes"][..],
        ),
        (
            empty_csv.stdout.as_str(),
            &["devices", "deregister", "--ids-from", "-", "--yes"][..],
        ),
    ] {
        let run = piped(&sb, input, args);
        assert_eq!(run.code, 0, "{input:?}: {}", run.stderr);
        assert!(run.stderr.contains("nothing to do"), "{}", run.stderr);
        assert!(!run.stderr.contains("error"), "{}", run.stderr);
    }
    assert!(sb.requests().is_empty(), "{:?}", sb.requests());
}

#[test]
fn the_tools_own_csv_names_targets_by_its_id_column() {
    let sb = TestEnv::start();
    let csv = sb
        .run(&["devices", "list", "--status", "registered", "-o", "csv"])
        .success();
    let first_two: String = csv.stdout.lines().take(3).collect::<Vec<_>>().join("\n");
    let ids: Vec<String> = first_two
        .lines()
        .skip(1)
        .map(|line| line.split(',').next().unwrap().to_owned())
        .collect();
    let run = piped(
        &sb,
        &first_two,
        &[
            "devices",
            "deregister",
            "--ids-from",
            "-",
            "--dry-run",
            "-o",
            "json",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let planned: Vec<String> = run
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(planned, ids);
}
