//! AWS STS: which account the credentials belong to.

use super::StsClient;
use crate::error::Result;

/// The account of the credentials (GetCallerIdentity).
pub async fn caller_account(client: &StsClient) -> Result<String> {
    let output = client
        .get_caller_identity()
        .send()
        .await
        .map_err(|e| client.error("GetCallerIdentity", e))?;
    Ok(output.account.unwrap_or_default())
}
