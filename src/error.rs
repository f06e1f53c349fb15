//! Error kinds, hints, and the one place that maps them to exit codes.
//!
//! An error is its kind (which decides the exit code), its message, and
//! optional hints: what the person can do about it, printed as `hint: …`
//! lines after the `error:` line. AWS errors get their hints, endpoint and
//! timeouts when the SDK error is converted (see [`crate::api`]), so nothing
//! rewrites them afterwards.

use std::fmt;
use std::time::Duration;

use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use aws_types::request_id::RequestId;

/// Exit codes of DESIGN.md: what scripts rely on.
pub mod exit {
    pub const SUCCESS: u8 = 0;
    pub const FAILED: u8 = 1;
    pub const USAGE: u8 = 2;
    pub const DECLINED: u8 = 3;
    pub const ACCESS: u8 = 4;
    pub const INTERRUPTED: u8 = 130;
    /// SIGTERM, as shells report it (128 + 15).
    pub const TERMINATED: u8 = 143;
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Bad input, found before any request was sent.
    #[error("{0}")]
    Usage(String),
    /// Credentials or region missing or unusable.
    #[error("{0}")]
    Access(String),
    /// The person answered no.
    #[error("declined: nothing was changed")]
    Declined,
    /// Ctrl-C.
    #[error("interrupted")]
    Interrupted,
    /// Nothing to do (an empty `--ids-from`): a note, exit 0, no request.
    #[error("{0}")]
    NothingToDo(String),
    /// SIGTERM.
    #[error("terminated")]
    Terminated,
    /// The service answered with an error, or could not be reached.
    #[error(transparent)]
    Aws(#[from] Box<AwsError>),
    /// Some targets of a bulk verb failed; their results were already printed.
    #[error("{0}")]
    Failed(String),
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Other(#[from] anyhow::Error),
    /// Any of the above with what the person can do about it.
    #[error("{error}")]
    Hinted {
        error: Box<AppError>,
        hints: Vec<String>,
    },
}

/// What kind of failure an error is: the exit code follows from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// Bad input, found before any request was sent (exit 2).
    Usage,
    /// The service answered with an error or could not be reached (exit 1).
    Aws,
    /// Credentials, region or access denied (exit 4).
    Credentials,
    /// The person answered no (exit 3).
    Declined,
    /// Ctrl-C (exit 130).
    Interrupted,
    /// SIGTERM (exit 143).
    Terminated,
    /// Some targets failed, or something of ours went wrong (exit 1).
    Failed,
    /// stdout was closed by its reader: success.
    BrokenPipe,
    /// Nothing to do, said as a note: success.
    NothingToDo,
}

pub type Result<T, E = AppError> = std::result::Result<T, E>;

impl AppError {
    pub fn usage(message: impl Into<String>) -> Self {
        AppError::Usage(message.into())
    }

    /// This error with one more hint for the person.
    pub fn with_hint(self, hint: impl Into<String>) -> Self {
        match self {
            AppError::Aws(mut aws) => {
                aws.hints.push(hint.into());
                AppError::Aws(aws)
            }
            AppError::Hinted { error, mut hints } => {
                hints.push(hint.into());
                AppError::Hinted { error, hints }
            }
            other => AppError::Hinted {
                error: Box::new(other),
                hints: vec![hint.into()],
            },
        }
    }

    /// The same error again, for each target of a batch a failed call
    /// stands for (errors are not `Clone`: I/O and internal ones keep
    /// their message only).
    pub fn clone_for_each(&self) -> AppError {
        match self {
            AppError::Aws(aws) => AppError::Aws(aws.clone()),
            AppError::Hinted { error, hints } => AppError::Hinted {
                error: Box::new(error.clone_for_each()),
                hints: hints.clone(),
            },
            other => AppError::Failed(other.message()),
        }
    }

    /// What the person can do about it, in the order to try.
    pub fn hints(&self) -> &[String] {
        match self {
            AppError::Aws(aws) => &aws.hints,
            AppError::Hinted { hints, .. } => hints,
            _ => &[],
        }
    }

    /// The error without its hints.
    pub fn unhinted(&self) -> &AppError {
        match self {
            AppError::Hinted { error, .. } => error.unhinted(),
            other => other,
        }
    }

    /// The AWS error this is, if it is one.
    pub fn aws(&self) -> Option<&AwsError> {
        match self.unhinted() {
            AppError::Aws(aws) => Some(aws),
            _ => None,
        }
    }

    pub fn kind(&self) -> ErrorKind {
        match self.unhinted() {
            AppError::Usage(_) => ErrorKind::Usage,
            AppError::Access(_) => ErrorKind::Credentials,
            AppError::Declined => ErrorKind::Declined,
            AppError::Interrupted => ErrorKind::Interrupted,
            AppError::NothingToDo(_) => ErrorKind::NothingToDo,
            AppError::Terminated => ErrorKind::Terminated,
            AppError::Aws(e) if e.is_access_problem() => ErrorKind::Credentials,
            AppError::Aws(_) => ErrorKind::Aws,
            AppError::Io(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ErrorKind::BrokenPipe,
            AppError::Failed(_) | AppError::Io(_) | AppError::Other(_) => ErrorKind::Failed,
            AppError::Hinted { error, .. } => error.kind(),
        }
    }

    pub fn exit_code(&self) -> u8 {
        match self.kind() {
            ErrorKind::Usage => exit::USAGE,
            ErrorKind::Credentials => exit::ACCESS,
            ErrorKind::Declined => exit::DECLINED,
            ErrorKind::Interrupted => exit::INTERRUPTED,
            ErrorKind::Terminated => exit::TERMINATED,
            ErrorKind::BrokenPipe | ErrorKind::NothingToDo => exit::SUCCESS,
            ErrorKind::Aws | ErrorKind::Failed => exit::FAILED,
        }
    }

    /// The service said the resource does not exist.
    pub fn is_not_found(&self) -> bool {
        self.aws()
            .is_some_and(|e| e.code.as_deref() == Some("ResourceNotFoundException"))
    }

    /// A closed stdout (`| head`) is how a reader says it has enough: not an error.
    pub fn is_broken_pipe(&self) -> bool {
        self.kind() == ErrorKind::BrokenPipe
    }

    /// The one line after `error: `: the message, with the cause chain of
    /// an internal error so the part a person can act on is in it.
    pub fn message(&self) -> String {
        match self.unhinted() {
            AppError::Other(e) => error_chain(e.as_ref()),
            other => other.to_string(),
        }
    }

    /// This error as the person reads it: `error: …` (after the place it
    /// happened in, when one of several), then a `hint: …` line for each hint.
    pub fn render(&self, place: Option<&str>) -> String {
        let mut text = match place {
            Some(place) => format!("error: {place}: {}", self.message()),
            None => format!("error: {}", self.message()),
        };
        for hint in self.hints() {
            text.push_str("\nhint: ");
            text.push_str(hint);
        }
        text
    }
}

/// What went wrong with one API call, in the words a person needs: the
/// operation, the service's code and message, and the request id to quote to
/// AWS support.
#[derive(Debug, Clone)]
pub struct AwsError {
    pub operation: &'static str,
    pub kind: AwsErrorKind,
    pub code: Option<String>,
    pub message: String,
    pub request_id: Option<String>,
    /// A ValidationException's `fieldList`: (field, message).
    pub fields: Vec<(String, String)>,
    /// The `Retry-After` the service asked for, when it throttled us.
    pub retry_after: Option<Duration>,
    /// What the person can do about it (see [`AppError::hints`]).
    pub hints: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AwsErrorKind {
    /// The service answered with an error.
    Service,
    /// No credentials, or they were refused.
    Credentials,
    /// The endpoint did not answer in time.
    Timeout,
    /// The endpoint could not be reached.
    Unreachable,
    /// Anything else (a response we could not read, a request we could not build).
    Other,
}

const ACCESS_CODES: &[&str] = &[
    "AccessDeniedException",
    "AccessDenied",
    "UnrecognizedClientException",
    "InvalidSignatureException",
    "ExpiredTokenException",
    "InvalidClientTokenId",
    "SignatureDoesNotMatch",
    "MissingAuthenticationTokenException",
];

const RETRYABLE_CODES: &[&str] = &[
    "ThrottlingException",
    "Throttling",
    "TooManyRequestsException",
    "RequestLimitExceeded",
    "InternalServerException",
    "InternalFailure",
    "ServiceUnavailable",
];

impl AwsError {
    pub fn is_access_problem(&self) -> bool {
        self.kind == AwsErrorKind::Credentials
            || self
                .code
                .as_deref()
                .is_some_and(|c| ACCESS_CODES.contains(&c))
    }

    /// Worth another try later: throttling and server-side failures.
    pub fn is_retryable(&self) -> bool {
        match self.kind {
            AwsErrorKind::Timeout | AwsErrorKind::Unreachable => true,
            AwsErrorKind::Service => self
                .code
                .as_deref()
                .is_some_and(|c| RETRYABLE_CODES.contains(&c)),
            AwsErrorKind::Credentials | AwsErrorKind::Other => false,
        }
    }

    /// The error's code, or a word for the kind when the service gave none.
    pub fn code_or_kind(&self) -> &str {
        match (&self.code, self.kind) {
            (Some(code), _) => code,
            (None, AwsErrorKind::Timeout) => "Timeout",
            (None, AwsErrorKind::Unreachable) => "Unreachable",
            (None, AwsErrorKind::Credentials) => "NoCredentials",
            (None, _) => "Error",
        }
    }
}

impl fmt::Display for AwsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} failed", self.operation)?;
        match &self.code {
            Some(code) => write!(f, ": {code}: {}", self.message)?,
            None => write!(f, ": {}", self.message)?,
        }
        if let Some(id) = &self.request_id {
            write!(f, " (request id {id})")?;
        }
        for (field, message) in &self.fields {
            write!(f, "\n  {field}: {message}")?;
        }
        Ok(())
    }
}

impl std::error::Error for AwsError {}

impl AwsError {
    /// An error in the shape the service gives, for what a call answers
    /// with silence (an ID it does not know) or a per-item failure.
    pub fn service(operation: &'static str, code: &str, message: &str) -> AwsError {
        AwsError {
            code: Some(code.to_owned()),
            ..AwsError::new(operation, AwsErrorKind::Service, message.to_owned())
        }
    }

    fn new(operation: &'static str, kind: AwsErrorKind, message: String) -> AwsError {
        AwsError {
            operation,
            kind,
            code: None,
            message,
            request_id: None,
            fields: Vec::new(),
            retry_after: None,
            hints: Vec::new(),
        }
    }

    /// Any SDK error as an [`AwsError`] naming `operation`, with the
    /// service's code, message, request id, field list and `Retry-After`.
    pub fn from_sdk<E>(operation: &'static str, err: SdkError<E, HttpResponse>) -> AwsError
    where
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    {
        let request_id = err.request_id().map(str::to_owned);
        let chain = error_chain(&err);
        let mentions_credentials = chain.contains("credentials") || chain.contains("identity");
        let mut error = match &err {
            SdkError::ServiceError(context) => {
                let meta = context.err().meta();
                let raw = context.raw();
                let body = raw.body().bytes().unwrap_or_default();
                AwsError {
                    code: meta.code().map(str::to_owned),
                    fields: validation_fields(body),
                    retry_after: crate::api::retry::retry_after(raw.headers()),
                    ..AwsError::new(
                        operation,
                        AwsErrorKind::Service,
                        meta.message()
                            .map(str::to_owned)
                            .unwrap_or_else(|| format!("HTTP {}", raw.status().as_u16())),
                    )
                }
            }
            SdkError::TimeoutError(_) => AwsError::new(
                operation,
                AwsErrorKind::Timeout,
                format!("no answer in time: {chain}"),
            ),
            SdkError::DispatchFailure(failure) => {
                let kind = if failure.is_timeout() {
                    AwsErrorKind::Timeout
                } else if mentions_credentials {
                    AwsErrorKind::Credentials
                } else {
                    AwsErrorKind::Unreachable
                };
                AwsError::new(operation, kind, chain)
            }
            _ if mentions_credentials => AwsError::new(operation, AwsErrorKind::Credentials, chain),
            _ => AwsError::new(operation, AwsErrorKind::Other, chain),
        };
        error.request_id = request_id;
        error
    }
}

/// A ValidationException carries `fieldList: [{name, message}]` (Thin Client)
/// and the SDK does not surface it through the generic metadata, so read it
/// from the body the service sent.
fn validation_fields(body: &[u8]) -> Vec<(String, String)> {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(body) else {
        return Vec::new();
    };
    value
        .get("fieldList")
        .and_then(|list| list.as_array())
        .map(|list| {
            list.iter()
                .map(|field| {
                    let text = |key| {
                        field
                            .get(key)
                            .and_then(|v| v.as_str())
                            .unwrap_or_default()
                            .to_owned()
                    };
                    (text("name"), text("message"))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// `a: b: c`, skipping the SDK's generic outer words, so the cause a person can
/// act on (connection refused, timed out after 5s) is in the one line.
pub fn error_chain(err: &(dyn std::error::Error + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = current {
        let text = e.to_string();
        let generic = matches!(
            text.as_str(),
            "dispatch failure" | "io error" | "timeout" | "other" | "service error"
        );
        if !generic && !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        current = e.source();
    }
    if parts.is_empty() {
        err.to_string()
    } else {
        parts.join(": ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_fields_are_read_from_the_body() {
        let body = br#"{"message":"bad","reason":"fieldValidationFailed","fieldList":[{"name":"name","message":"too long"}]}"#;
        assert_eq!(
            validation_fields(body),
            vec![("name".to_owned(), "too long".to_owned())]
        );
        assert!(validation_fields(b"not json").is_empty());
    }

    #[test]
    fn hints_follow_the_error_line_and_keep_the_kind() {
        let usage = AppError::usage("no targets").with_hint("name IDs, or pass --ids-from FILE");
        assert_eq!(usage.exit_code(), exit::USAGE);
        assert_eq!(
            usage.render(None),
            "error: no targets\nhint: name IDs, or pass --ids-from FILE"
        );
        let denied = AppError::Aws(Box::new(AwsError::service(
            "ListDevices",
            "AccessDeniedException",
            "no",
        )))
        .with_hint("ask for thinclient:ListDevices");
        assert_eq!(denied.exit_code(), exit::ACCESS);
        assert!(denied.aws().is_some());
        assert_eq!(
            denied.render(Some("region eu-west-1")),
            "error: region eu-west-1: ListDevices failed: AccessDeniedException: no\n\
             hint: ask for thinclient:ListDevices"
        );
    }

    #[test]
    fn access_denied_exits_4_and_throttling_is_retryable() {
        let mut error = AwsError::service("ListDevices", "AccessDeniedException", "no");
        assert!(error.is_access_problem());
        assert!(!error.is_retryable());
        error.code = Some("ThrottlingException".into());
        assert!(error.is_retryable());
        assert_eq!(AppError::Aws(Box::new(error)).exit_code(), exit::FAILED);
    }
}
