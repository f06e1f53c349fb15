//! Error kinds and the one place that maps them to exit codes.

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
}

pub type Result<T, E = AppError> = std::result::Result<T, E>;

impl AppError {
    pub fn usage(message: impl Into<String>) -> Self {
        AppError::Usage(message.into())
    }

    pub fn exit_code(&self) -> u8 {
        match self {
            AppError::Usage(_) => exit::USAGE,
            AppError::Access(_) => exit::ACCESS,
            AppError::Declined => exit::DECLINED,
            AppError::Interrupted => exit::INTERRUPTED,
            AppError::Aws(e) if e.is_access_problem() => exit::ACCESS,
            AppError::Io(e) if e.kind() == std::io::ErrorKind::BrokenPipe => exit::SUCCESS,
            AppError::Aws(_) | AppError::Failed(_) | AppError::Io(_) | AppError::Other(_) => {
                exit::FAILED
            }
        }
    }

    /// The service said the resource does not exist.
    pub fn is_not_found(&self) -> bool {
        matches!(self, AppError::Aws(e) if e.code.as_deref() == Some("ResourceNotFoundException"))
    }

    /// A closed stdout (`| head`) is how a reader says it has enough: not an error.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, AppError::Io(e) if e.kind() == std::io::ErrorKind::BrokenPipe)
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

/// Turns any SDK error into an [`AwsError`] naming `operation`.
pub fn from_sdk<E>(operation: &'static str, err: SdkError<E, HttpResponse>) -> AppError
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
{
    let request_id = err.request_id().map(str::to_owned);
    let error = match &err {
        SdkError::ServiceError(context) => {
            let meta = context.err().meta();
            let raw = context.raw();
            let body = raw.body().bytes().unwrap_or_default();
            AwsError {
                operation,
                kind: AwsErrorKind::Service,
                code: meta.code().map(str::to_owned),
                message: meta
                    .message()
                    .map(str::to_owned)
                    .unwrap_or_else(|| format!("HTTP {}", raw.status().as_u16())),
                request_id,
                fields: validation_fields(body),
                retry_after: raw
                    .headers()
                    .get("retry-after")
                    .and_then(|v| v.trim().parse::<u64>().ok())
                    .map(Duration::from_secs),
            }
        }
        SdkError::TimeoutError(_) => AwsError {
            operation,
            kind: AwsErrorKind::Timeout,
            code: None,
            message: format!("no answer in time: {}", error_chain(&err)),
            request_id,
            fields: Vec::new(),
            retry_after: None,
        },
        SdkError::DispatchFailure(failure) => {
            let chain = error_chain(&err);
            let kind = if failure.is_timeout() {
                AwsErrorKind::Timeout
            } else if chain.contains("credentials") || chain.contains("identity") {
                AwsErrorKind::Credentials
            } else {
                AwsErrorKind::Unreachable
            };
            AwsError {
                operation,
                kind,
                code: None,
                message: chain,
                request_id,
                fields: Vec::new(),
                retry_after: None,
            }
        }
        _ => {
            let chain = error_chain(&err);
            let kind = if chain.contains("credentials") || chain.contains("identity") {
                AwsErrorKind::Credentials
            } else {
                AwsErrorKind::Other
            };
            AwsError {
                operation,
                kind,
                code: None,
                message: chain,
                request_id,
                fields: Vec::new(),
                retry_after: None,
            }
        }
    };
    AppError::Aws(Box::new(error))
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
    fn access_denied_exits_4_and_throttling_is_retryable() {
        let mut error = AwsError {
            operation: "ListDevices",
            kind: AwsErrorKind::Service,
            code: Some("AccessDeniedException".into()),
            message: "no".into(),
            request_id: None,
            fields: vec![],
            retry_after: None,
        };
        assert!(error.is_access_problem());
        assert!(!error.is_retryable());
        error.code = Some("ThrottlingException".into());
        assert!(error.is_retryable());
        assert_eq!(AppError::Aws(Box::new(error)).exit_code(), exit::FAILED);
    }
}
