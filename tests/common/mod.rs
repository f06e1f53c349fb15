//! Shared by the end-to-end tests: an in-process sandbox on 127.0.0.1 that
//! the test owns (and stops when dropped), and the real wsfleet binary
//! pointed at it with fake credentials and no AWS configuration.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on what they did not expect
#![allow(dead_code)]

pub mod hostile;
pub mod process;
pub mod pty;

use std::path::PathBuf;

use assert_cmd::Command;
use tempfile::TempDir;
use wsfleet_sandbox::{Config, RequestRecord, Sandbox};

pub const ACCESS_KEY: &str = "AKIDWSFLEETTEST0000";
pub const SECRET_KEY: &str = "wsfleet/test/secret/key/do/not/print/0000";

pub struct TestEnv {
    sandbox: Option<Sandbox>,
    runtime: tokio::runtime::Runtime,
    pub endpoint: String,
    /// HOME, config files and scratch space for this test.
    pub home: TempDir,
}

impl TestEnv {
    /// The default seeded fleet.
    pub fn start() -> TestEnv {
        Self::with(Config::default())
    }

    pub fn with(config: Config) -> TestEnv {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("test runtime");
        let sandbox = runtime
            .block_on(Sandbox::start(Config { port: 0, ..config }))
            .expect("sandbox starts");
        let endpoint = sandbox.endpoint();
        let home = tempfile::tempdir().expect("temp home");
        std::fs::write(home.path().join("aws-config"), "").expect("empty AWS config");
        TestEnv {
            sandbox: Some(sandbox),
            runtime,
            endpoint,
            home,
        }
    }

    /// The real binary, talking only to this sandbox.
    pub fn wsfleet(&self) -> Command {
        let mut cmd = isolated_wsfleet(&self.home);
        cmd.arg("--endpoint-url").arg(&self.endpoint);
        cmd.env("AWS_REGION", "us-east-1");
        cmd
    }

    /// Every request the sandbox has answered so far.
    pub fn requests(&self) -> Vec<RequestRecord> {
        self.sandbox
            .as_ref()
            .map(Sandbox::requests)
            .unwrap_or_default()
    }

    /// The requests for one API operation (e.g. "DeregisterDevice").
    pub fn requests_for(&self, operation: &str) -> Vec<RequestRecord> {
        self.requests()
            .into_iter()
            .filter(|r| r.operation == operation)
            .collect()
    }

    /// The sandbox itself, to turn its knobs or read its state mid-test.
    pub fn sandbox(&self) -> &Sandbox {
        self.sandbox
            .as_ref()
            .expect("the sandbox runs until the test ends")
    }

    pub fn clear_requests(&self) {
        if let Some(sandbox) = &self.sandbox {
            sandbox.clear_requests();
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.home.path().join(name)
    }
}

impl Drop for TestEnv {
    fn drop(&mut self) {
        if let Some(sandbox) = self.sandbox.take() {
            let _ = self.runtime.block_on(sandbox.shutdown());
        }
    }
}

/// The binary with fake credentials, no region, no profile files and no
/// instance metadata: nothing it does can reach beyond 127.0.0.1.
pub fn isolated_wsfleet(home: &TempDir) -> Command {
    let mut cmd = Command::from_std(isolated_std(home.path()));
    cmd.timeout(std::time::Duration::from_secs(60));
    cmd
}

/// [`isolated_wsfleet`] as a `std::process::Command`, for tests that run
/// the binary under a pseudo-terminal or in the background.
pub fn isolated_std(home: &std::path::Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("wsfleet"));
    for (key, _) in std::env::vars_os() {
        let key = key.to_string_lossy().into_owned();
        if key.starts_with("AWS_") || key.starts_with("WSFLEET_") {
            cmd.env_remove(&key);
        }
    }
    let config = home.join("aws-config");
    if !config.exists() {
        let _ = std::fs::write(&config, "");
    }
    cmd.env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("AWS_CONFIG_FILE", &config)
        .env("AWS_SHARED_CREDENTIALS_FILE", &config)
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_ACCESS_KEY_ID", ACCESS_KEY)
        .env("AWS_SECRET_ACCESS_KEY", SECRET_KEY)
        .env("NO_COLOR", "1");
    cmd
}

/// stdout as text.
pub fn stdout_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

impl TestEnv {
    /// The real binary as a `std::process::Command`, for tests that run it
    /// under a pseudo-terminal; isolated like [`TestEnv::wsfleet`].
    pub fn wsfleet_std(&self) -> std::process::Command {
        let mut cmd = isolated_std(self.home.path());
        cmd.env("AWS_REGION", "us-east-1")
            .arg("--endpoint-url")
            .arg(&self.endpoint);
        cmd
    }

    /// Runs the real binary with `args` against this sandbox, in this
    /// test's own HOME, and returns what a script would see.
    pub fn run(&self, args: &[&str]) -> Run {
        Run::of(self.wsfleet().args(args).output().expect("wsfleet runs"))
    }
}

/// What one run of the binary gave: its exit code and its two streams.
#[derive(Debug)]
pub struct Run {
    /// The exit code; -1 when a signal ended the process.
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn of(output: std::process::Output) -> Run {
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: stdout_of(&output),
            stderr: stderr_of(&output),
        }
    }

    /// The JSON on stdout.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not JSON ({e}):\n{}\n{}",
                self.stdout, self.stderr
            )
        })
    }

    /// Panics with stderr unless the run exited 0.
    pub fn success(self) -> Run {
        assert_eq!(self.code, 0, "exit {}: {}", self.code, self.stderr);
        self
    }
}

/// The subcommands a help page lists under "Commands:", without `help`.
pub fn subcommands(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|line| line.trim() != "Commands:")
        .skip(1)
        .take_while(|line| !line.trim().is_empty())
        // A description clap wrapped continues on a line indented further.
        .filter(|line| !line.starts_with("   "))
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_owned)
        .collect()
}

/// An endpoint on 127.0.0.1 nothing listens on (the port was free a moment
/// ago): a region or account that cannot be reached.
pub fn unreachable_endpoint() -> String {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("a free port")
        .local_addr()
        .expect("its address")
        .port();
    format!("http://127.0.0.1:{port}")
}
