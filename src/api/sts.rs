//! AWS STS: which account the credentials belong to, and the credentials of
//! a role assumed in another account.

use aws_credential_types::Credentials;

use super::StsClient;
use crate::error::{AppError, Result};

/// The account of the credentials (GetCallerIdentity).
pub async fn caller_account(client: &StsClient) -> Result<String> {
    let output = client
        .get_caller_identity()
        .send()
        .await
        .map_err(|e| client.error("GetCallerIdentity", e))?;
    Ok(output.account.unwrap_or_default())
}

/// The temporary credentials of `role_arn` (AssumeRole), as fixed
/// credentials: the caller asks once per account and reuses them in every
/// region, so no provider refreshes them behind its back.
pub async fn assume_role(
    client: &StsClient,
    role_arn: &str,
    session_name: &str,
) -> Result<Credentials> {
    let output = client
        .assume_role()
        .role_arn(role_arn)
        .role_session_name(session_name)
        .send()
        .await
        .map_err(|e| refused_role(client.error("AssumeRole", e), role_arn))?;
    let credentials = output.credentials.ok_or_else(|| {
        AppError::Failed(format!("AssumeRole of {role_arn} answered no credentials"))
    })?;
    let expiry = std::time::SystemTime::try_from(credentials.expiration).ok();
    Ok(Credentials::new(
        credentials.access_key_id,
        credentials.secret_access_key,
        Some(credentials.session_token),
        expiry,
        "AssumeRole",
    ))
}

/// A refused AssumeRole is as often the role's trust policy as the caller's
/// permission: the hint names both.
fn refused_role(err: AppError, role_arn: &str) -> AppError {
    match err {
        AppError::Aws(mut aws) if aws.code.as_deref() == Some("AccessDenied") => {
            aws.hints = vec![format!(
                "{role_arn} must exist and trust these credentials, and they need \
                 sts:AssumeRole on it"
            )];
            AppError::Aws(aws)
        }
        other => other,
    }
}
