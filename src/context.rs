//! What every command runs with: the resolved output settings, the AWS
//! session (loaded on first use), and the run-wide switches.

use std::io::{BufWriter, IsTerminal, StdoutLock, Write};

use tokio::sync::OnceCell;

use crate::aws::{Session, SessionOptions};
use crate::cli::{ColorChoice, GlobalArgs};
use crate::error::{AppError, AwsErrorKind, Result};
use crate::output::OutputSettings;

pub struct Context {
    /// `--profile` as given (several: one account each).
    pub profiles: Vec<String>,
    /// `--region` as given (several, or `all`).
    pub regions: Vec<String>,
    pub output: OutputSettings,
    pub session_options: SessionOptions,
    session: OnceCell<Session>,
    pub quiet: bool,
    pub stderr_is_terminal: bool,
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
            quiet: global.quiet,
            stderr_is_terminal,
        }
    }

    /// The one session of a command that works in one region of one
    /// account (everything but `list` verbs).
    pub async fn session(&self) -> Result<&Session> {
        if self.profiles.len() > 1
            || self.regions.len() > 1
            || self.regions.iter().any(|r| r == crate::fanout::ALL_REGIONS)
        {
            return Err(AppError::usage(
                "this command works in one region of one account: give --region and --profile once \
                 (several, or `--region all`, are for list verbs)",
            ));
        }
        self.session
            .get_or_try_init(|| Session::load(&self.session_options))
            .await
    }

    pub async fn thin_client(&self) -> Result<aws_sdk_workspacesthinclient::Client> {
        Ok(self.session().await?.thin_client())
    }

    pub async fn workspaces(&self) -> Result<aws_sdk_workspaces::Client> {
        Ok(self.session().await?.workspaces())
    }

    /// Buffered stdout: data only, flushed by the writers page by page.
    pub fn stdout(&self) -> BufWriter<StdoutLock<'static>> {
        BufWriter::with_capacity(64 * 1024, std::io::stdout().lock())
    }

    /// Where requests go, in words: the configured endpoint, or AWS's own.
    pub fn endpoint_description(&self) -> String {
        let configured = self.session_options.endpoint_url.clone().or_else(|| {
            [
                "AWS_ENDPOINT_URL_WORKSPACES_THIN_CLIENT",
                "AWS_ENDPOINT_URL_WORKSPACES",
                "AWS_ENDPOINT_URL",
            ]
            .iter()
            .find_map(|var| std::env::var(var).ok().filter(|v| !v.is_empty()))
        });
        match (configured, &self.session_options.region) {
            (Some(url), _) => url,
            (None, Some(region)) => format!("the AWS endpoint in {region}"),
            (None, None) => "the AWS endpoint".to_owned(),
        }
    }

    /// [`Context::explain`] for an error that is only read.
    pub fn explain_ref(&self, err: &AppError) -> String {
        match err {
            AppError::Aws(aws) => self.explain(AppError::Aws(aws.clone())).to_string(),
            other => other.to_string(),
        }
    }

    /// Timeouts and unreachable endpoints say where and how long, so the
    /// one line is enough to act on.
    pub fn explain(&self, err: AppError) -> AppError {
        let AppError::Aws(mut aws) = err else {
            return err;
        };
        let endpoint = self.endpoint_description();
        match aws.kind {
            AwsErrorKind::Timeout if aws.message.contains("connect") => {
                aws.message = format!(
                    "could not connect to {endpoint} within {}s (--connect-timeout)",
                    self.session_options.connect_timeout.as_secs()
                );
            }
            AwsErrorKind::Timeout => {
                aws.message = format!(
                    "no answer from {endpoint} within {}s (--timeout)",
                    self.session_options.timeout.as_secs()
                );
            }
            AwsErrorKind::Unreachable => {
                aws.message = format!("could not reach {endpoint}: {}", aws.message);
            }
            _ => {}
        }
        AppError::Aws(aws)
    }

    /// A note for the person on stderr (never stdout), unless `--quiet`.
    pub fn note(&self, message: impl AsRef<str>) {
        if !self.quiet {
            let mut err = std::io::stderr().lock();
            let _ = writeln!(err, "{}", message.as_ref());
        }
    }
}
