//! The retry policy over the SDK's own: when the service throttles or fails
//! on its side, a target of a bulk verb, a single-resource call and a plan's
//! per-item look-up each get more rounds, honouring `Retry-After`. It lives
//! here, below the executor, so the API layer's own fan-outs use it too.

use std::future::Future;
use std::time::Duration;

use aws_smithy_runtime_api::http::Headers;

use crate::error::{AppError, Result};

/// AWS's retry hint in milliseconds, which the SDK's retries read too. A
/// service may send it; the pacer ([`super::pace`]) adds it to a throttled
/// response it hands on, naming its next free slot.
pub const PRECISE_RETRY_AFTER: &str = "x-amz-retry-after";

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
    // A little jitter, so targets throttled together don't return together:
    // up to a quarter of the wait, at most 250 ms (a wait of a slot stays
    // about a slot).
    let spread = (delay.as_millis() / 4).clamp(1, 250) as u64;
    let jitter = Duration::from_millis(u64::from(rand_u16()) % spread);
    Some(delay + jitter)
}

/// How long a throttled or failed call's response asks to wait, if it says:
/// `Retry-After` counts whole seconds, so one second may be any wait under
/// it, rounded up; [`PRECISE_RETRY_AFTER`] (the service's own, or the
/// pacer's next slot) then says better. A larger `Retry-After` is the
/// service asking for more, and honoured.
pub fn retry_after(headers: &Headers) -> Option<Duration> {
    let whole = headers
        .get("retry-after")
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map(Duration::from_secs);
    let precise = headers
        .get(PRECISE_RETRY_AFTER)
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map(Duration::from_millis);
    match (whole, precise) {
        (Some(whole), Some(precise)) if whole > Duration::from_secs(1) => Some(whole.max(precise)),
        (_, Some(precise)) => Some(precise),
        (whole, None) => whole,
    }
}

fn rand_u16() -> u16 {
    let bytes = uuid::Uuid::new_v4().into_bytes();
    u16::from_le_bytes([bytes[0], bytes[1]])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::AwsError;
    use std::sync::atomic::{AtomicU32, Ordering};

    fn headers(pairs: &[(&'static str, &'static str)]) -> Headers {
        let mut headers = Headers::new();
        for (name, value) in pairs {
            headers.insert(*name, *value);
        }
        headers
    }

    #[test]
    fn a_precise_hint_supersedes_one_whole_second_but_not_more() {
        let wait = |pairs| retry_after(&headers(pairs));
        assert_eq!(wait(&[]), None);
        assert_eq!(wait(&[("retry-after", "1")]), Some(Duration::from_secs(1)));
        assert_eq!(
            wait(&[("retry-after", "1"), (PRECISE_RETRY_AFTER, "40")]),
            Some(Duration::from_millis(40))
        );
        assert_eq!(
            wait(&[(PRECISE_RETRY_AFTER, "40")]),
            Some(Duration::from_millis(40))
        );
        // The service asked for more than any rounding explains.
        assert_eq!(
            wait(&[("retry-after", "3"), (PRECISE_RETRY_AFTER, "40")]),
            Some(Duration::from_secs(3))
        );
    }

    fn throttled(retry_after: Duration) -> AppError {
        AppError::Aws(Box::new(AwsError {
            retry_after: Some(retry_after),
            ..AwsError::service("DeregisterDevice", "ThrottlingException", "slow down")
        }))
    }

    /// A call throttled with the pacer's hint of 40 ms (and the service's
    /// `Retry-After: 1`) goes again after about 40 ms, not a second.
    #[tokio::test(start_paused = true)]
    async fn a_throttled_call_waits_the_hinted_slot_not_a_whole_second() {
        let hint = retry_after(&headers(&[
            ("retry-after", "1"),
            (PRECISE_RETRY_AFTER, "40"),
        ]))
        .unwrap();
        let calls = AtomicU32::new(0);
        let started = tokio::time::Instant::now();
        let done = retrying(|| async {
            match calls.fetch_add(1, Ordering::SeqCst) {
                0 => Err(throttled(hint)),
                _ => Ok(()),
            }
        })
        .await;
        assert!(done.is_ok());
        assert_eq!(calls.load(Ordering::SeqCst), 2);
        let waited = started.elapsed();
        assert!(
            waited >= Duration::from_millis(40) && waited <= Duration::from_millis(50),
            "{waited:?}"
        );
    }

    #[test]
    fn a_larger_retry_after_is_honoured() {
        let delay = retry_delay(&throttled(Duration::from_secs(3)), 1).unwrap();
        assert!(delay >= Duration::from_secs(3), "{delay:?}");
    }
}
