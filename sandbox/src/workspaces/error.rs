//! Errors shaped as the WorkSpaces service shapes them.

/// An error shaped as the WorkSpaces service shapes it: the HTTP status,
/// `__type` (the exception name) and `message`.
#[derive(Debug, Clone, PartialEq)]
pub struct WsError {
    pub status: u16,
    pub code: &'static str,
    pub message: String,
}

impl WsError {
    /// Every WorkSpaces exception is a client error answered with 400.
    fn bad_request(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            status: 400,
            code,
            message: message.into(),
        }
    }

    /// A request that breaks the model's constraints (pattern, length, range,
    /// enum, required member), rejected by the service front end before the
    /// operation runs.
    pub fn validation(message: impl Into<String>) -> Self {
        Self::bad_request("ValidationException", message)
    }

    /// A member of the wrong JSON type.
    pub fn serialization(message: impl Into<String>) -> Self {
        Self::bad_request("SerializationException", message)
    }

    pub fn invalid_parameter(message: impl Into<String>) -> Self {
        Self::bad_request("InvalidParameterValuesException", message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::bad_request("ResourceNotFoundException", message)
    }

    pub fn invalid_state(message: impl Into<String>) -> Self {
        Self::bad_request("InvalidResourceStateException", message)
    }

    pub fn not_supported(message: impl Into<String>) -> Self {
        Self::bad_request("OperationNotSupportedException", message)
    }

    pub fn unknown_operation(op: &str) -> Self {
        Self::bad_request(
            "UnknownOperationException",
            format!("operation {op} is not supported by the sandbox"),
        )
    }

    pub fn of(code: &'static str, message: impl Into<String>) -> Self {
        Self::bad_request(code, message)
    }
}
