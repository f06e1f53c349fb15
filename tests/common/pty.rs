//! The real binary in a pseudo-terminal, for the tests of the prompts.

use rexpect::process::WaitStatus;
use rexpect::session::{PtySession, spawn_command};

use super::TestEnv;

const TIMEOUT_MS: u64 = 30_000;

/// The binary in a pseudo-terminal. A fresh pty is 0 columns wide, which
/// squeezes tables to one letter a column; `stty` gives it a terminal's size
/// before the binary starts.
pub fn spawn(sb: &TestEnv, args: &[&str]) -> PtySession {
    let wsfleet = sb.wsfleet_std();
    let mut cmd = std::process::Command::new("sh");
    cmd.arg("-c")
        .arg("stty cols 160 rows 40 && exec \"$0\" \"$@\"")
        .arg(wsfleet.get_program())
        .args(wsfleet.get_args())
        .args(args);
    for (key, value) in wsfleet.get_envs() {
        match value {
            Some(value) => cmd.env(key, value),
            None => cmd.env_remove(key),
        };
    }
    spawn_command(cmd, Some(TIMEOUT_MS)).expect("spawn in a pty")
}

pub fn exit_code(session: &PtySession) -> i32 {
    match session.process().wait().expect("the process ends") {
        WaitStatus::Exited(_, code) => code,
        other => panic!("did not exit normally: {other:?}"),
    }
}
