//! The SDK layer: every AWS call wsfleet makes, returning our types and
//! errors. Nothing here prints; nothing outside here calls the SDK; nothing
//! here knows the layers above (scope, bulk, output, commands, resources).
//!
//! Each service's SDK client is wrapped in a [`Client`] that knows where its
//! calls go, so an SDK error is turned into an [`AppError`] saying which
//! endpoint did not answer within which timeout, or which IAM action the
//! credentials lack, the moment it is converted.

pub mod account;
pub mod account_links;
pub mod branding;
pub mod bundles;
pub mod cloudwatch;
pub mod connect_add_ins;
pub mod connection_aliases;
pub mod custom_image_import;
pub mod directories;
pub mod directory_settings;
pub mod http_client;
pub mod image_path;
pub mod ip_groups;
pub mod organizations;
pub mod pace;
pub mod pages;
pub mod pools;
pub mod retry;
pub mod standby;
pub mod sts;
pub mod thin_client;
pub mod workspace_operations;
pub mod workspace_snapshots;
pub mod workspace_tags;
pub mod workspaces;

use std::ops::Deref;
use std::sync::Arc;
use std::time::Duration;

use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;

use crate::error::{AppError, AwsError, AwsErrorKind};

pub use pages::Pages;

/// What a call on many IDs answers: each ID with its own result.
pub type IdResults = Vec<(String, crate::error::Result<()>)>;

/// Where a client's calls go and how long each may take: what an error
/// needs to say for the person to act on it.
#[derive(Debug, Clone, Default)]
pub struct Endpoint {
    /// `--endpoint-url` or an `AWS_ENDPOINT_URL*` variable; `None` is AWS's own.
    pub url: Option<String>,
    pub region: Option<String>,
    /// `--timeout`: the longest one call may take, retries included.
    pub timeout: Duration,
    /// `--connect-timeout`.
    pub connect_timeout: Duration,
}

impl Endpoint {
    /// Where requests go, in words: the configured endpoint, or AWS's own.
    pub fn describe(&self) -> String {
        match (&self.url, &self.region) {
            (Some(url), _) => url.clone(),
            (None, Some(region)) => format!("the AWS endpoint in {region}"),
            (None, None) => "the AWS endpoint".to_owned(),
        }
    }
}

/// What wsfleet needs to know of each SDK client.
pub trait SdkClient: Clone {
    /// The service's prefix in IAM actions (`workspaces:DescribeWorkspaces`).
    const IAM_PREFIX: &'static str;
    /// The environment variable that sends only this service elsewhere.
    const ENDPOINT_VARIABLE: &'static str;
}

impl SdkClient for aws_sdk_workspaces::Client {
    const IAM_PREFIX: &'static str = "workspaces";
    const ENDPOINT_VARIABLE: &'static str = "AWS_ENDPOINT_URL_WORKSPACES";
}

impl SdkClient for aws_sdk_workspacesthinclient::Client {
    const IAM_PREFIX: &'static str = "thinclient";
    const ENDPOINT_VARIABLE: &'static str = "AWS_ENDPOINT_URL_WORKSPACES_THIN_CLIENT";
}

impl SdkClient for aws_sdk_sts::Client {
    const IAM_PREFIX: &'static str = "sts";
    const ENDPOINT_VARIABLE: &'static str = "AWS_ENDPOINT_URL_STS";
}

impl SdkClient for aws_sdk_organizations::Client {
    const IAM_PREFIX: &'static str = "organizations";
    const ENDPOINT_VARIABLE: &'static str = "AWS_ENDPOINT_URL_ORGANIZATIONS";
}

/// An SDK client and where it sends its calls. Derefs to the SDK client so
/// the functions of this module build requests as the SDK documents them.
#[derive(Clone)]
pub struct Client<C> {
    sdk: C,
    endpoint: Arc<Endpoint>,
}

pub type ThinClient = Client<aws_sdk_workspacesthinclient::Client>;
pub type WorkspacesClient = Client<aws_sdk_workspaces::Client>;
pub type StsClient = Client<aws_sdk_sts::Client>;
pub type OrganizationsClient = Client<aws_sdk_organizations::Client>;

impl<C: SdkClient> Client<C> {
    pub fn new(sdk: C, endpoint: Arc<Endpoint>) -> Self {
        Client { sdk, endpoint }
    }

    /// An SDK error of `operation`, in the words a person can act on.
    pub fn error<E>(&self, operation: &'static str, err: SdkError<E, HttpResponse>) -> AppError
    where
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    {
        AppError::Aws(Box::new(explained(
            AwsError::from_sdk(operation, err),
            &self.endpoint,
            C::IAM_PREFIX,
        )))
    }
}

impl<C> Deref for Client<C> {
    type Target = C;

    fn deref(&self) -> &C {
        &self.sdk
    }
}

/// Timeouts and unreachable endpoints say where and how long, so the one
/// line is enough to act on; refused credentials and access say what to do.
fn explained(mut error: AwsError, endpoint: &Endpoint, iam_prefix: &str) -> AwsError {
    let place = endpoint.describe();
    match error.kind {
        AwsErrorKind::Timeout if error.message.contains("connect") => {
            error.message = format!(
                "could not connect to {place} within {} (--connect-timeout)",
                crate::duration::compact(endpoint.connect_timeout)
            );
        }
        AwsErrorKind::Timeout => {
            error.message = format!(
                "no answer from {place} within {} (--timeout)",
                crate::duration::compact(endpoint.timeout)
            );
        }
        AwsErrorKind::Unreachable => {
            error.message = format!("could not reach {place}: {}", error.message);
        }
        AwsErrorKind::Credentials => {
            // The SDK's account of each provider it tried is for -v; a first
            // run needs one line saying what to do.
            tracing::info!("credential chain: {}", error.message);
            error.message = NO_CREDENTIALS.to_owned();
        }
        AwsErrorKind::Service | AwsErrorKind::Other => {}
    }
    match error.code.as_deref() {
        Some("AccessDeniedException" | "AccessDenied") => error.hints.push(format!(
            "these credentials need the IAM permission {iam_prefix}:{}",
            error.operation
        )),
        Some(
            "UnrecognizedClientException"
            | "InvalidClientTokenId"
            | "InvalidSignatureException"
            | "SignatureDoesNotMatch"
            | "ExpiredTokenException",
        ) => error.hints.push(
            "the credentials were refused: check them with `aws sts get-caller-identity`, \
             or pick others with --profile"
                .to_owned(),
        ),
        _ => {}
    }
    error
}

/// What to do when no credentials were found, in one line.
pub const NO_CREDENTIALS: &str = "no AWS credentials found: run `aws configure`, \
     pick a profile with --profile NAME, or try wsfleet without an account with --sandbox";

/// A request the SDK refused to build (a required member missing).
fn build_error(err: aws_smithy_types::error::operation::BuildError) -> AppError {
    anyhow::anyhow!("could not build the request: {err}").into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn access_denied_hints_at_the_iam_action() {
        let denied = AwsError::service("DescribeWorkspaces", "AccessDeniedException", "no");
        let explained = explained(denied, &Endpoint::default(), "workspaces");
        assert_eq!(
            explained.hints,
            ["these credentials need the IAM permission workspaces:DescribeWorkspaces"]
        );
    }

    #[test]
    fn a_timeout_names_the_endpoint_and_the_option() {
        let timeout = AwsError {
            kind: AwsErrorKind::Timeout,
            ..AwsError::service("ListDevices", "x", "timed out")
        };
        let endpoint = Endpoint {
            url: Some("http://127.0.0.1:9".to_owned()),
            timeout: Duration::from_secs(3),
            ..Endpoint::default()
        };
        let explained = explained(timeout, &endpoint, "thinclient");
        assert_eq!(
            explained.message,
            "no answer from http://127.0.0.1:9 within 3s (--timeout)"
        );
        assert!(explained.hints.is_empty());
    }
}
