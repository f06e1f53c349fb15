//! Thin Client errors, shaped as restJson1 shapes them: the exception name in
//! the `x-amzn-ErrorType` header, the members in a JSON body, `Retry-After`
//! as a header.

use serde_json::{Value, json};

#[derive(Debug, Clone, PartialEq)]
pub enum TcError {
    ResourceNotFound {
        message: String,
        resource_id: String,
        resource_type: &'static str,
    },
    Validation {
        message: String,
        reason: &'static str,
        fields: Vec<FieldError>,
    },
    Conflict {
        message: String,
        resource_id: String,
        resource_type: &'static str,
    },
    AccessDenied {
        message: String,
    },
    ServiceQuotaExceeded {
        message: String,
        resource_id: String,
        resource_type: &'static str,
    },
    Throttling {
        message: String,
        retry_after_seconds: u64,
    },
    InternalServer {
        message: String,
        retry_after_seconds: u64,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct FieldError {
    pub name: String,
    pub message: String,
}

pub const REASON_FIELD_VALIDATION_FAILED: &str = "fieldValidationFailed";
pub const REASON_CANNOT_PARSE: &str = "cannotParse";
pub const REASON_UNKNOWN_OPERATION: &str = "unknownOperation";

impl TcError {
    pub fn not_found(resource_type: &'static str, resource_id: &str) -> Self {
        TcError::ResourceNotFound {
            message: format!("The {resource_type} {resource_id} was not found."),
            resource_id: resource_id.to_string(),
            resource_type,
        }
    }

    pub fn conflict(resource_type: &'static str, resource_id: &str, message: String) -> Self {
        TcError::Conflict {
            message,
            resource_id: resource_id.to_string(),
            resource_type,
        }
    }

    /// A ValidationException listing every field that failed, with the
    /// message AWS's generated validators write.
    pub fn fields(fields: Vec<FieldError>) -> Self {
        let count = fields.len();
        let details: Vec<String> = fields.iter().map(|field| field.message.clone()).collect();
        TcError::Validation {
            message: format!(
                "{count} validation error{} detected: {}",
                if count == 1 { "" } else { "s" },
                details.join("; ")
            ),
            reason: REASON_FIELD_VALIDATION_FAILED,
            fields,
        }
    }

    pub fn field(name: &str, message: String) -> Self {
        Self::fields(vec![FieldError {
            name: name.to_string(),
            message,
        }])
    }

    pub fn validation(reason: &'static str, message: String) -> Self {
        TcError::Validation {
            message,
            reason,
            fields: Vec::new(),
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            TcError::ResourceNotFound { .. } => "ResourceNotFoundException",
            TcError::Validation { .. } => "ValidationException",
            TcError::Conflict { .. } => "ConflictException",
            TcError::AccessDenied { .. } => "AccessDeniedException",
            TcError::ServiceQuotaExceeded { .. } => "ServiceQuotaExceededException",
            TcError::Throttling { .. } => "ThrottlingException",
            TcError::InternalServer { .. } => "InternalServerException",
        }
    }

    pub fn status(&self) -> u16 {
        match self {
            TcError::ResourceNotFound { .. } => 404,
            TcError::Validation { .. } => 400,
            TcError::Conflict { .. } => 409,
            TcError::AccessDenied { .. } => 403,
            TcError::ServiceQuotaExceeded { .. } => 402,
            TcError::Throttling { .. } => 429,
            TcError::InternalServer { .. } => 500,
        }
    }

    pub fn retry_after_seconds(&self) -> Option<u64> {
        match self {
            TcError::Throttling {
                retry_after_seconds,
                ..
            }
            | TcError::InternalServer {
                retry_after_seconds,
                ..
            } => Some(*retry_after_seconds),
            _ => None,
        }
    }

    pub fn body(&self) -> Value {
        match self {
            TcError::ResourceNotFound {
                message,
                resource_id,
                resource_type,
            }
            | TcError::Conflict {
                message,
                resource_id,
                resource_type,
            } => json!({
                "message": message,
                "resourceId": resource_id,
                "resourceType": resource_type,
            }),
            TcError::ServiceQuotaExceeded {
                message,
                resource_id,
                resource_type,
            } => json!({
                "message": message,
                "resourceId": resource_id,
                "resourceType": resource_type,
                "serviceCode": "thinclient",
            }),
            TcError::Validation {
                message,
                reason,
                fields,
            } => {
                let mut body = json!({ "message": message, "reason": reason });
                if !fields.is_empty() {
                    body["fieldList"] = fields
                        .iter()
                        .map(|field| json!({ "name": field.name, "message": field.message }))
                        .collect();
                }
                body
            }
            TcError::AccessDenied { message } | TcError::InternalServer { message, .. } => {
                json!({ "message": message })
            }
            TcError::Throttling { message, .. } => json!({
                "message": message,
                "serviceCode": "thinclient",
            }),
        }
    }
}
