//! The retry policy over the SDK's own: when the service throttles or fails
//! on its side, a target of a bulk verb, a single-resource call and a plan's
//! per-item look-up each get more rounds, honouring `Retry-After`. It lives
//! here, below the executor, so the API layer's own fan-outs use it too.

use std::future::Future;
use std::time::Duration;

use crate::error::{AppError, Result};

/// After the SDK's own attempts, how many more rounds a call gets when the
/// service throttles or fails on its side.
const OUTER_ATTEMPTS: u32 = 6;
/// The longest we wait between rounds, whatever `Retry-After` says.
const MAX_RETRY_DELAY: Duration = Duration::from_secs(20);

/// One call of a single-resource verb with the executor's retry policy: a
/// throttled or server-side failure is tried again, honouring `Retry-After`,
/// up to the same number of rounds a bulk target gets.
pub async fn retrying<F, Fut, T>(call: F) -> Result<T>
where
    F: Fn() -> Fut,
    Fut: Future<Output = Result<T>>,
{
    let mut attempts = 1;
    loop {
        match call().await {
            Err(err) => match retry_delay(&err, attempts) {
                Some(delay) => {
                    tracing::info!(?delay, "retrying after {err}");
                    tokio::time::sleep(delay).await;
                    attempts += 1;
                }
                None => return Err(err),
            },
            done => return done,
        }
    }
}

/// How long to wait before another round for a target whose call failed, or
/// `None` when the failure is final.
pub fn retry_delay(err: &AppError, attempts: u32) -> Option<Duration> {
    let aws = err.aws()?;
    if !aws.is_retryable() || attempts >= OUTER_ATTEMPTS {
        return None;
    }
    let backoff = Duration::from_millis(250 * 2u64.pow(attempts.min(6)));
    let delay = aws.retry_after.unwrap_or(backoff).min(MAX_RETRY_DELAY);
    // A little jitter, so targets throttled together don't return together.
    let jitter = Duration::from_millis(u64::from(rand_u16() % 250));
    Some(delay + jitter)
}

fn rand_u16() -> u16 {
    let bytes = uuid::Uuid::new_v4().into_bytes();
    u16::from_le_bytes([bytes[0], bytes[1]])
}
