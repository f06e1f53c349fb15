//! Tables as a person sees them in a real pseudo-terminal: at 80 columns no
//! line is wider than the terminal (so it never wraps an ID, a state or a
//! timestamp onto the next line) and every row keeps its ID, state and
//! timestamp whole on one line; off a terminal nothing is cut.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on what they did not expect

mod common;

use common::TestEnv;
use common::pty::{exit_code, spawn_sized};
use serde_json::Value;

/// What the binary drew in a terminal `columns` wide, lines without `\r`.
fn drawn(sb: &TestEnv, args: &[&str], columns: u16) -> String {
    let mut session = spawn_sized(sb, args, columns);
    let text = session.exp_eof().expect("the end");
    assert_eq!(exit_code(&session), 0, "{args:?}:\n{text}");
    utf8(&text)
}

/// rexpect hands back each byte as a char: the UTF-8 text it was, without `\r`.
fn utf8(bytes_as_chars: &str) -> String {
    let bytes: Vec<u8> = bytes_as_chars
        .chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
        .collect();
    String::from_utf8_lossy(&bytes).replace('\r', "")
}

fn assert_fits(text: &str, columns: usize) {
    for line in text.lines() {
        assert!(
            line.chars().count() <= columns,
            "wider than {columns} columns ({}):\n{line}\n\n{text}",
            line.chars().count()
        );
    }
}

/// Each listed item has one line holding its ID and its state whole, and a
/// timestamp read whole ("… ago") where the item has one.
fn assert_rows_whole(text: &str, items: &[Value], id: &str, state: &str, time: Option<&str>) {
    for item in items {
        let (id, state) = (item[id].as_str().unwrap(), item[state].as_str().unwrap());
        let line = text
            .lines()
            .find(|line| line.split_whitespace().next() == Some(id))
            .unwrap_or_else(|| panic!("no line starts with {id} whole:\n{text}"));
        assert!(
            line.split_whitespace().any(|word| word == state),
            "{state} not whole beside {id}:\n{line}"
        );
        if let Some(time) = time.filter(|key| item[*key].is_string()) {
            assert!(
                line.contains(" ago"),
                "{time} not whole beside {id}:\n{line}"
            );
        }
    }
}

fn listed(sb: &TestEnv, group: &str) -> Vec<Value> {
    sb.run(&[group, "list", "-o", "json"])
        .success()
        .json()
        .as_array()
        .unwrap()
        .clone()
}

/// The README's table "in a terminal 80 columns wide" is the first lines of
/// what `devices list` draws there, how long ago aside.
fn assert_readme_shows(drawn_at_80: &str) {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let (_, after) = readme
        .split_once("80 columns wide, `wsfleet --sandbox devices list` reads:\n\n```text\n")
        .expect("the README's table at 80 columns");
    let (shown, _) = after.split_once("```").unwrap();
    let when = regex_lite::Regex::new(
        r"(\d+ (year|month|day|hour|minute)s? ago|in \d+ (year|month|day|hour|minute)s?|just now)",
    )
    .unwrap();
    let masked = |line: &str| when.replace_all(line, "[when]").trim_end().to_owned();
    let shown: Vec<String> = shown.lines().map(masked).collect();
    let drawn: Vec<String> = drawn_at_80.lines().take(shown.len()).map(masked).collect();
    assert!(shown.len() >= 3, "{shown:?}");
    assert_eq!(
        shown, drawn,
        "the README's table is not what a person sees at 80 columns"
    );
}

#[test]
fn lists_plans_and_the_report_fit_80_columns_whole() {
    // Seeded times move with the hour of the day: the snapshots keep the layout.
    let mut settings = insta::Settings::clone_current();
    settings.add_filter(
        r"(\d+ (year|month|day|hour|minute)s? ago|in \d+ (year|month|day|hour|minute)s?|just now) *",
        "[when] ",
    );
    let _bound = settings.bind_to_scope();
    let sb = TestEnv::start();
    let devices = listed(&sb, "devices");
    let workspaces = listed(&sb, "workspaces");

    for columns in [80_u16, 200] {
        let width = usize::from(columns);
        let text = drawn(&sb, &["devices", "list"], columns);
        assert_fits(&text, width);
        assert_rows_whole(&text, &devices, "id", "status", Some("lastPostureAt"));
        insta::assert_snapshot!(format!("devices_list_{columns}"), text);
        if columns == 80 {
            assert_readme_shows(&text);
        }

        let text = drawn(&sb, &["workspaces", "list"], columns);
        assert_fits(&text, width);
        assert_rows_whole(&text, &workspaces, "WorkspaceId", "State", None);
        insta::assert_snapshot!(format!("workspaces_list_{columns}"), text);

        let report = drawn(&sb, &["--quiet", "report"], columns);
        assert_fits(&report, width);
        insta::assert_snapshot!(format!("report_{columns}"), report);
    }
    // Wider than 80, with names: the fitting had work to do.
    let wide = drawn(&sb, &["devices", "list"], 200);
    assert!(wide.contains("LAST USER"), "{wide}");
    let narrow = drawn(&sb, &["devices", "list"], 80);
    assert!(!narrow.contains("LAST USER"), "{narrow}");

    // The plan before a question is drawn on stderr, fitted the same way.
    let targets: Vec<&str> = workspaces
        .iter()
        .take(3)
        .map(|w| w["WorkspaceId"].as_str().unwrap())
        .collect();
    let mut args = vec!["workspaces", "reboot"];
    args.extend(&targets);
    let mut session = spawn_sized(&sb, &args, 80);
    let (plan, _) = session
        .exp_regex(r"reboot 3 targets\?")
        .expect("the question");
    session.send("n").expect("answer");
    session.flush().expect("flush");
    session.exp_eof().expect("the end");
    assert_eq!(exit_code(&session), 3);
    let plan = utf8(&plan);
    assert_fits(&plan, 80);
    let planned: Vec<Value> = workspaces.iter().take(3).cloned().collect();
    assert_rows_whole(&plan, &planned, "WorkspaceId", "State", None);
    insta::assert_snapshot!("reboot_plan_80", plan);
}

#[test]
fn off_a_terminal_nothing_is_cut() {
    let sb = TestEnv::start();
    let piped = sb.run(&["devices", "list"]).success();
    assert!(piped.stdout.lines().any(|line| line.chars().count() > 80));
    assert!(piped.stdout.contains("LAST USER"));
    assert!(!piped.stdout.contains('…'));
    // A table keeps a timestamp as a person reads it; JSON and CSV keep RFC 3339.
    assert!(piped.stdout.contains(" ago"), "{}", piped.stdout);
    let csv = sb
        .run(&[
            "devices",
            "list",
            "-o",
            "csv",
            "--columns",
            "id,lastPostureAt",
        ])
        .success();
    assert!(!csv.stdout.contains("ago"));
    assert!(csv.stdout.contains('T') && csv.stdout.contains('Z'));
}

#[test]
fn color_always_is_honoured_in_a_pipe() {
    let sb = TestEnv::start();
    let coloured = sb.run(&["--color", "always", "devices", "list"]).success();
    assert!(coloured.stdout.contains("\u{1b}["), "{}", coloured.stdout);
    let plain = sb.run(&["devices", "list"]).success();
    assert!(!plain.stdout.contains('\u{1b}'));
}
