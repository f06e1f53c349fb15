//! `--wait`: polling until what a verb started has finished. WorkSpaces
//! take minutes to change state, so the interval grows up to a ceiling.

use std::future::Future;
use std::time::{Duration, Instant};

use crate::error::{AppError, Result};

const FIRST_INTERVAL: Duration = Duration::from_millis(250);
const MAX_INTERVAL: Duration = Duration::from_secs(15);

/// Calls `check` until it reports nothing left to wait for (an empty list),
/// or fails when `timeout` passes, naming what is still pending.
pub async fn until_done<F, Fut>(what: &str, timeout: Duration, mut check: F) -> Result<()>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<Vec<String>>>,
{
    let started = Instant::now();
    let mut interval = FIRST_INTERVAL;
    loop {
        let pending = check().await?;
        if pending.is_empty() {
            return Ok(());
        }
        if started.elapsed() >= timeout {
            return Err(AppError::Failed(format!(
                "gave up after {}s waiting for {what}: still pending: {}",
                timeout.as_secs(),
                pending.join(", ")
            )));
        }
        tokio::time::sleep(interval).await;
        interval = (interval * 3 / 2).min(MAX_INTERVAL);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn waits_until_nothing_is_pending_or_times_out() {
        let mut calls = 0;
        until_done("x", Duration::from_secs(10), || {
            calls += 1;
            let pending = if calls < 3 {
                vec!["a".to_owned()]
            } else {
                vec![]
            };
            async move { Ok(pending) }
        })
        .await
        .unwrap();
        assert_eq!(calls, 3);

        let err = until_done("the thing", Duration::ZERO, || async {
            Ok(vec!["ws-abc12345".to_owned()])
        })
        .await
        .unwrap_err();
        assert!(
            err.to_string().contains("still pending: ws-abc12345"),
            "{err}"
        );
    }
}
