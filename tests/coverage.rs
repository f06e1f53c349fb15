//! `wsfleet coverage` through the real binary: the map in every format, its
//! figures on stderr, and the README and docs/COVERAGE.md saying the same.
//! (The map is checked against the SDK crates and the source by the unit
//! tests in `src/coverage/tests.rs`.)
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on what they did not expect

mod common;

use std::path::PathBuf;

use common::{Run, isolated_wsfleet};
use serde_json::Value;

fn coverage(args: &[&str]) -> Run {
    let home = tempfile::tempdir().unwrap();
    Run::of(
        isolated_wsfleet(&home)
            .arg("coverage")
            .args(args)
            .output()
            .unwrap(),
    )
    .success()
}

fn rows() -> Vec<Value> {
    coverage(&["-o", "json"]).json().as_array().unwrap().clone()
}

/// (covered, total) of a service, from the JSON rows.
fn figures(rows: &[Value], service: &str) -> (usize, usize) {
    let of_service: Vec<&Value> = rows.iter().filter(|r| r["service"] == service).collect();
    let covered = of_service
        .iter()
        .filter(|r| r["status"] == "covered")
        .count();
    (covered, of_service.len())
}

fn repository_file(name: &str) -> String {
    std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(name)).unwrap()
}

#[test]
fn json_has_one_row_per_operation_with_a_verb_or_a_reason() {
    let rows = rows();
    assert_eq!(figures(&rows, "WorkSpaces").1, 91);
    assert_eq!(figures(&rows, "Thin Client"), (16, 16));
    for row in &rows {
        match row["status"].as_str() {
            Some("covered") => {
                assert!(row["verb"].is_string(), "{row}");
                assert!(row.get("reason").is_none(), "{row}");
            }
            Some("not-covered") => {
                assert!(
                    row["reason"].as_str().is_some_and(|r| !r.is_empty()),
                    "{row}"
                );
                assert!(row.get("verb").is_none(), "{row}");
            }
            other => panic!("status {other:?} in {row}"),
        }
    }
    let describe = rows
        .iter()
        .find(|r| r["operation"] == "DescribeWorkspaces")
        .unwrap();
    assert_eq!(describe["verb"], "workspaces list");
}

#[test]
fn the_summary_goes_to_stderr_and_the_table_to_stdout() {
    let rows = rows();
    let (workspaces, workspaces_total) = figures(&rows, "WorkSpaces");
    let run = coverage(&[]);
    assert_eq!(
        run.stderr.trim(),
        format!("WorkSpaces {workspaces} of {workspaces_total}, Thin Client 16 of 16")
    );
    let table = run.stdout;
    let header = table.lines().next().unwrap();
    for column in ["SERVICE", "OPERATION", "STATUS", "VERB", "REASON"] {
        assert!(header.contains(column), "{header}");
    }
    assert!(
        table
            .lines()
            .any(|l| l.contains("CreateIpGroup") && l.contains("issue 15")),
        "{table}"
    );
    assert_eq!(table.lines().count(), 1 + rows.len());
}

#[test]
fn csv_has_the_same_rows_and_quiet_drops_the_summary() {
    let run = coverage(&["-o", "csv", "--quiet"]);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    let csv = run.stdout;
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("service,operation,status,verb,reason"));
    assert_eq!(lines.count(), rows().len());
    assert!(csv.contains("Thin Client,ListDevices,covered,devices list,\n"));
}

#[test]
fn the_command_is_hidden_from_help() {
    let home = tempfile::tempdir().unwrap();
    let help = Run::of(isolated_wsfleet(&home).arg("--help").output().unwrap()).success();
    assert!(!help.stdout.contains("coverage"), "{}", help.stdout);
}

#[test]
fn readme_and_coverage_doc_say_the_binarys_figures() {
    let rows = rows();
    let (workspaces, workspaces_total) = figures(&rows, "WorkSpaces");
    let (thin_client, thin_client_total) = figures(&rows, "Thin Client");
    let claim = format!(
        "{workspaces} of {workspaces_total} Amazon WorkSpaces operations and \
{thin_client} of {thin_client_total} WorkSpaces Thin Client operations"
    );
    for file in ["README.md", "docs/COVERAGE.md"] {
        // Line breaks are the file's business, not the claim's.
        let text = repository_file(file);
        let words: Vec<&str> = text.split_whitespace().collect();
        assert!(
            words.join(" ").contains(&claim),
            "{file} should say \"{claim}\""
        );
    }
    let doc = repository_file("docs/COVERAGE.md");
    for row in &rows {
        let operation = row["operation"].as_str().unwrap();
        assert!(doc.contains(&format!("| {operation} |")), "{operation}");
    }
}
