//! What every command runs with: the resolved output settings, the AWS
//! session (loaded on first use), and the run-wide switches.

use std::io::{BufWriter, IsTerminal, StdoutLock, Write};

use tokio::sync::OnceCell;

use crate::api::{ThinClient, WorkspacesClient};
use crate::cli::{ColorChoice, GlobalArgs};
use crate::error::{AppError, Result};
use crate::output::OutputSettings;
use crate::scope::{Session, SessionOptions};

pub struct Context {
    /// `--profile` as given (several: one account each).
    pub profiles: Vec<String>,
    /// `--region` as given (several, or `all`).
    pub regions: Vec<String>,
    pub output: OutputSettings,
    pub session_options: SessionOptions,
    session: OnceCell<Session>,
    pub yes: bool,
    pub dry_run: bool,
    pub concurrency: usize,
    pub quiet: bool,
    pub stderr_is_terminal: bool,
    /// `--journal`: where bulk verbs record outcomes.
    pub journal: Option<std::path::PathBuf>,
}

impl Context {
    pub fn new(global: &GlobalArgs) -> Context {
        let stdout_terminal = std::io::stdout().is_terminal();
        let stderr_is_terminal = std::io::stderr().is_terminal();
        let color = match global.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => stdout_terminal && std::env::var_os("NO_COLOR").is_none(),
        };
        let mut session_options = SessionOptions::new();
        session_options.profile = global.profile.first().cloned();
        session_options.region = global.region.first().cloned();
        session_options.endpoint_url = global.endpoint_url.clone();
        session_options.timeout = std::time::Duration::from_secs(global.timeout);
        session_options.connect_timeout = std::time::Duration::from_secs(global.connect_timeout);
        Context {
            profiles: global.profile.clone(),
            regions: global.region.clone(),
            output: OutputSettings {
                format: global.output,
                columns: global.columns.clone(),
                headers: !global.no_headers,
                csv_raw: global.csv_raw,
                color,
                terminal: stdout_terminal,
            },
            session_options,
            session: OnceCell::new(),
            yes: global.yes,
            dry_run: global.dry_run,
            concurrency: usize::from(global.concurrency),
            quiet: global.quiet,
            stderr_is_terminal,
            journal: global.journal.clone(),
        }
    }

    /// The one session of a command that works in one region of one
    /// account (everything but `list` verbs).
    pub async fn session(&self) -> Result<&Session> {
        if !crate::scope::is_single(self) {
            return Err(
                AppError::usage("this command works in one region of one account")
                    .with_hint("give --region and --profile once; several, or `--region all`, are for list verbs"),
            );
        }
        self.session
            .get_or_try_init(|| Session::load(&self.session_options))
            .await
    }

    pub async fn thin_client(&self) -> Result<ThinClient> {
        Ok(self.session().await?.thin_client().clone())
    }

    pub async fn workspaces(&self) -> Result<WorkspacesClient> {
        Ok(self.session().await?.workspaces().clone())
    }

    /// Buffered stdout: data only, flushed by the writers page by page.
    pub fn stdout(&self) -> BufWriter<StdoutLock<'static>> {
        BufWriter::with_capacity(64 * 1024, std::io::stdout().lock())
    }

    /// A note for the person on stderr (never stdout), unless `--quiet`.
    pub fn note(&self, message: impl AsRef<str>) {
        if !self.quiet {
            let mut err = std::io::stderr().lock();
            let _ = writeln!(err, "{}", message.as_ref());
        }
    }
}
