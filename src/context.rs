//! What every command runs with: the printer, the AWS session (loaded on
//! first use, or handed in by a test) and where it reaches. What a verb's
//! own options say (`--yes`, `--dry-run`, `--resume`, ...) stays with the
//! verb. Nothing here is global: a test builds a context of its own and runs
//! a command in-process.

use tokio::sync::OnceCell;

use crate::api::{ThinClient, WorkspacesClient};
use crate::cli::GlobalArgs;
use crate::error::{AppError, Result};
use crate::output::Printer;
use crate::scope::{Session, SessionOptions};

pub struct Context {
    /// `--profile` as given (several: one account each).
    pub profiles: Vec<String>,
    /// `--region` as given (several, or `all`).
    pub regions: Vec<String>,
    /// `--assume-role` and the accounts it reaches.
    pub assume_role: Option<crate::scope::assume::AssumeRole>,
    /// Every write of the command goes through it.
    pub printer: Printer,
    pub session_options: SessionOptions,
    session: OnceCell<Session>,
    /// A bulk verb's journal, created before any request; its executor
    /// takes it.
    journal: std::sync::Mutex<Option<crate::bulk::journal::JournalWriter>>,
}

impl Context {
    /// The context of a run.
    pub fn new(global: &GlobalArgs, printer: Printer) -> Context {
        let mut session_options = SessionOptions::new();
        session_options.profile = global.profile.first().cloned();
        session_options.region = global.region.first().cloned();
        session_options.endpoint_url = global.endpoint_url.clone();
        session_options.timeout = global.timeout;
        session_options.connect_timeout = global.connect_timeout;
        Context {
            profiles: global.profile.clone(),
            regions: global.region.clone(),
            assume_role: crate::scope::assume::AssumeRole::from_args(global),
            printer,
            session_options,
            session: OnceCell::new(),
            journal: std::sync::Mutex::new(None),
        }
    }

    pub fn set_journal(&mut self, journal: Option<crate::bulk::journal::JournalWriter>) {
        self.journal = std::sync::Mutex::new(journal);
    }

    /// The run's journal, for the executor (once).
    pub fn take_journal(&self) -> Option<crate::bulk::journal::JournalWriter> {
        self.journal
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .take()
    }

    /// A context whose session is handed in, not loaded: a test's session
    /// of mocked clients ([`Session::from_config`]).
    #[cfg(test)]
    pub fn with_session(global: &GlobalArgs, printer: Printer, session: Session) -> Context {
        Context {
            session: OnceCell::new_with(Some(session)),
            ..Context::new(global, printer)
        }
    }

    /// The one session of a command that works in one region of one
    /// account (everything but `list` verbs).
    pub async fn session(&self) -> Result<&Session> {
        if self.assume_role.is_some() {
            return Err(AppError::usage(
                "--assume-role reaches many accounts: it is for list verbs, report, export, \
                 workspaces usage and bulk verbs",
            ));
        }
        if !crate::scope::is_single(self) {
            return Err(
                AppError::usage("this command works in one region of one account").with_hint(
                    "give --region and --profile once; several, or `--region all`, are for list verbs",
                ),
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
}

/// Commands run in-process: the context is built with a session whose
/// clients answer from aws-smithy-mocks rules, and the printer writes into
/// buffers, so a test sees both the requests a command made and what it wrote.
#[cfg(test)]
mod tests {
    use aws_config::BehaviorVersion;
    use aws_credential_types::Credentials;
    use aws_credential_types::provider::SharedCredentialsProvider;
    use aws_smithy_mocks::{MockResponseInterceptor, Rule, RuleMode, mock};
    use aws_types::SdkConfig;
    use aws_types::region::Region;
    use clap::Parser;
    use serde_json::{Value, json};

    use super::*;
    use crate::cli::Cli;
    use crate::output::Captured;

    /// What a command did, in-process.
    struct Ran {
        result: Result<()>,
        stdout: String,
        stderr: String,
    }

    /// Runs `wsfleet ARGS` against clients that answer only from `rules`,
    /// in order; a request no rule expects fails the test.
    async fn run(args: &[&str], rules: &[&Rule]) -> Ran {
        let cli =
            Cli::try_parse_from(std::iter::once("wsfleet").chain(args.iter().copied())).unwrap();
        let config = SdkConfig::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new("eu-west-1"))
            .credentials_provider(SharedCredentialsProvider::new(Credentials::new(
                "AKIDTEST", "secret", None, None, "test",
            )))
            .http_client(aws_smithy_mocks::create_mock_http_client())
            .build();
        let mocks = rules.iter().fold(
            MockResponseInterceptor::new().rule_mode(RuleMode::Sequential),
            |mocks, rule| mocks.with_rule(rule),
        );
        let session = Session::from_config(config, "123456789012").with_interceptor(mocks);
        let (printer, captured): (Printer, Captured) = Printer::capture(&cli.global);
        let ctx = Context::with_session(&cli.global, printer, session);
        let result = crate::commands::run(cli.command, &ctx).await;
        Ran {
            result,
            stdout: captured.stdout(),
            stderr: captured.stderr(),
        }
    }

    #[tokio::test]
    async fn devices_list_pages_through_list_devices_and_writes_one_json_array() {
        use aws_sdk_workspacesthinclient::Client;
        use aws_sdk_workspacesthinclient::operation::list_devices::ListDevicesOutput;
        use aws_sdk_workspacesthinclient::types::{DeviceStatus, DeviceSummary};

        let device = |n: u8, status| {
            DeviceSummary::builder()
                .id(format!("{n:024}"))
                .name(format!("lobby-{n}"))
                .serial_number(format!("SN{n}"))
                .status(status)
                .build()
        };
        let first = mock!(Client::list_devices)
            .match_requests(|r| r.next_token().is_none())
            .then_output(move || {
                ListDevicesOutput::builder()
                    .devices(device(1, DeviceStatus::Registered))
                    .devices(device(2, DeviceStatus::Archived))
                    .next_token("page-2")
                    .build()
            });
        let second = mock!(Client::list_devices)
            .match_requests(|r| r.next_token() == Some("page-2"))
            .then_output(move || {
                ListDevicesOutput::builder()
                    .devices(device(3, DeviceStatus::Deregistered))
                    .build()
            });

        let ran = run(
            &[
                "-o",
                "json",
                "devices",
                "list",
                "--columns",
                "id,name,status",
            ],
            &[&first, &second],
        )
        .await;

        ran.result.unwrap();
        assert_eq!((first.num_calls(), second.num_calls()), (1, 1));
        let rows: Value = serde_json::from_str(&ran.stdout).unwrap();
        assert_eq!(
            rows,
            json!([
                {"id": "000000000000000000000001", "name": "lobby-1", "status": "REGISTERED"},
                {"id": "000000000000000000000002", "name": "lobby-2", "status": "ARCHIVED"},
                {"id": "000000000000000000000003", "name": "lobby-3", "status": "DEREGISTERED"},
            ])
        );
        assert_eq!(ran.stderr, "");
    }

    #[tokio::test]
    async fn workspaces_reboot_reports_a_failed_request_per_target() {
        use aws_sdk_workspaces::Client;
        use aws_sdk_workspaces::operation::describe_workspaces::DescribeWorkspacesOutput;
        use aws_sdk_workspaces::operation::reboot_workspaces::RebootWorkspacesOutput;
        use aws_sdk_workspaces::types::{FailedWorkspaceChangeRequest, Workspace, WorkspaceState};

        let journal = tempfile::tempdir().unwrap();
        let journal = journal.path().join("reboot.ndjson");
        let workspace = |id: &str| {
            Workspace::builder()
                .workspace_id(id)
                .user_name("alice")
                .state(WorkspaceState::Available)
                .build()
        };
        let described = mock!(Client::describe_workspaces)
            .match_requests(|r| r.workspace_ids() == ["ws-aaaaaaaa", "ws-bbbbbbbb"])
            .then_output(move || {
                DescribeWorkspacesOutput::builder()
                    .workspaces(workspace("ws-aaaaaaaa"))
                    .workspaces(workspace("ws-bbbbbbbb"))
                    .build()
            });
        let rebooted = mock!(Client::reboot_workspaces)
            .match_requests(|r| {
                let ids: Vec<&str> = r
                    .reboot_workspace_requests()
                    .iter()
                    .map(|request| request.workspace_id())
                    .collect();
                ids == ["ws-aaaaaaaa", "ws-bbbbbbbb"]
            })
            .then_output(|| {
                RebootWorkspacesOutput::builder()
                    .failed_requests(
                        FailedWorkspaceChangeRequest::builder()
                            .workspace_id("ws-bbbbbbbb")
                            .error_code("InvalidResourceState")
                            .error_message("The WorkSpace is being maintained")
                            .build(),
                    )
                    .build()
            });

        let ran = run(
            &[
                "-o",
                "json",
                "workspaces",
                "reboot",
                "ws-aaaaaaaa",
                "ws-bbbbbbbb",
                "--yes",
                "--journal",
                journal.to_str().unwrap(),
            ],
            &[&described, &rebooted],
        )
        .await;

        assert_eq!((described.num_calls(), rebooted.num_calls()), (1, 1));
        let err = ran.result.unwrap_err();
        assert_eq!(err.exit_code(), crate::error::exit::FAILED);
        assert_eq!(err.to_string(), "1 of 2 targets failed to reboot");
        let results: Value = serde_json::from_str(&ran.stdout).unwrap();
        assert_eq!(
            results,
            json!([
                {"id": "ws-aaaaaaaa", "outcome": "done", "attempts": 1},
                {
                    "id": "ws-bbbbbbbb",
                    "outcome": "failed",
                    "code": "InvalidResourceState",
                    "error": "The WorkSpace is being maintained",
                    "attempts": 1
                },
            ])
        );
        // The plan and the counts are for the person: stderr.
        assert!(
            ran.stderr.contains("About to reboot 2 WorkSpaces:"),
            "{}",
            ran.stderr
        );
        assert!(
            ran.stderr
                .contains("reboot: 1 done, 1 failed, 0 not started"),
            "{}",
            ran.stderr
        );
    }

    #[tokio::test]
    async fn a_failed_name_lookup_leaves_the_id_in_the_table_with_one_warning() {
        use aws_sdk_workspacesthinclient::Client;
        use aws_sdk_workspacesthinclient::operation::list_devices::ListDevicesOutput;
        use aws_sdk_workspacesthinclient::operation::list_environments::ListEnvironmentsError;
        use aws_sdk_workspacesthinclient::types::DeviceSummary;
        use aws_sdk_workspacesthinclient::types::error::AccessDeniedException;

        let listed = || {
            mock!(Client::list_devices).then_output(|| {
                ListDevicesOutput::builder()
                    .devices(
                        DeviceSummary::builder()
                            .id("000000000000000000000001")
                            .name("lobby-1")
                            .environment_id("abc123xyz")
                            .build(),
                    )
                    .build()
            })
        };
        let refused = mock!(Client::list_environments).then_error(|| {
            ListEnvironmentsError::AccessDeniedException(
                AccessDeniedException::builder()
                    .message("not allowed to list environments")
                    .build(),
            )
        });

        let ran = run(
            &["devices", "list", "--columns", "id,environmentId"],
            &[&listed(), &refused],
        )
        .await;
        // `--columns` by API name shows the IDs: nothing is looked up.
        ran.result.unwrap();
        assert_eq!(refused.num_calls(), 0);

        let ran = run(&["devices", "list"], &[&listed(), &refused]).await;
        ran.result.unwrap();
        assert_eq!(refused.num_calls(), 1);
        let row = ran.stdout.lines().nth(1).unwrap();
        assert!(row.contains("abc123xyz"), "{}", ran.stdout);
        let warning = "warning: could not look up environment names, showing IDs";
        assert_eq!(ran.stderr.matches(warning).count(), 1, "{}", ran.stderr);
        assert_eq!(ran.stderr.lines().count(), 1, "{}", ran.stderr);
    }
}
