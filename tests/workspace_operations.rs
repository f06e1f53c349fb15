//! End-to-end: the WorkSpace operations of issue 14 and the safety of the
//! state changes, through the real binary against the sandbox.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on what they did not expect

mod common;

use common::TestSandbox;

/// With no IDs, no `--ids-from` and no filter, no state change selects
/// every WorkSpace, `--yes` or not; a filter is how "all of them" is said.
#[test]
fn state_changes_refuse_to_select_every_workspace() {
    let sb = TestSandbox::start();
    for verb in ["start", "stop", "reboot", "rebuild", "terminate"] {
        for extra in [&[][..], &["--yes"][..], &["--dry-run"][..]] {
            if verb == "start" && extra == ["--yes"] {
                continue; // start does not ask, so takes no --yes
            }
            let mut args = vec!["workspaces", verb];
            args.extend_from_slice(extra);
            let out = sb.run(&args);
            assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
            assert!(
                out.stderr
                    .contains(&format!("name the WorkSpaces to {verb}")),
                "{args:?}: {}",
                out.stderr
            );
        }
    }
    assert!(sb.requests().is_empty(), "{:?}", sb.requests());

    // A filter selects what it matches: planned, nothing changed.
    let out = sb
        .run(&["workspaces", "reboot", "--state", "available", "--dry-run"])
        .success();
    assert!(sb.requests_for("RebootWorkspaces").is_empty());
    assert!(!out.stdout.is_empty() || !out.stderr.is_empty());
}
