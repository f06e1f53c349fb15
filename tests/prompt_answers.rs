//! How the confirmation ends, in a real pseudo-terminal: Ctrl-C is a no
//! (the cursor shown again, "declined", exit 3), and a no never reads as a
//! check mark.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on what they did not expect

mod common;

use common::TestEnv;
use common::pty::{exit_code, spawn};

fn workspace_ids(sb: &TestEnv, count: usize) -> Vec<String> {
    sb.run(&["workspaces", "list", "--state", "available", "-o", "json"])
        .success()
        .json()
        .as_array()
        .unwrap()
        .iter()
        .take(count)
        .map(|w| w["WorkspaceId"].as_str().unwrap().to_owned())
        .collect()
}

const HIDE_CURSOR: &str = "\u{1b}[?25l";
const SHOW_CURSOR: &str = "\u{1b}[?25h";

#[test]
fn ctrl_c_at_the_question_declines_and_shows_the_cursor() {
    let sb = TestEnv::start();
    let id = workspace_ids(&sb, 1).remove(0);
    sb.clear_requests();
    let mut session = spawn(&sb, &["workspaces", "reboot", &id]);
    session
        .exp_string("reboot 1 target?")
        .expect("the question");
    session.send_control('c').expect("Ctrl-C");
    let rest = session.exp_eof().expect("the end");
    assert_eq!(exit_code(&session), 3, "{rest}");
    assert!(rest.contains("declined"), "{rest:?}");
    let after_hiding = rest.rsplit(HIDE_CURSOR).next().unwrap();
    assert!(
        after_hiding.contains(SHOW_CURSOR),
        "cursor left hidden: {rest:?}"
    );
    assert!(sb.requests_for("RebootWorkspaces").is_empty());
}

#[test]
fn a_wrong_count_is_declined_without_a_check_mark() {
    let sb = TestEnv::start();
    let ids = workspace_ids(&sb, 11);
    assert_eq!(ids.len(), 11);
    let mut args = vec!["workspaces", "reboot"];
    args.extend(ids.iter().map(String::as_str));
    let mut session = spawn(&sb, &args);
    session
        .exp_string("Type 11 to confirm")
        .expect("the question");
    session.send_line("10").expect("answer");
    let rest = session.exp_eof().expect("the end");
    assert_eq!(exit_code(&session), 3, "{rest}");
    // rexpect gives bytes as chars: look for the marks' UTF-8 bytes.
    let check = "✔".bytes().map(char::from).collect::<String>();
    let cross = "✘".bytes().map(char::from).collect::<String>();
    assert!(!rest.contains(&check), "{rest:?}");
    assert!(
        rest.contains(&cross) && rest.contains("declined"),
        "{rest:?}"
    );
    assert!(sb.requests_for("RebootWorkspaces").is_empty());
}
