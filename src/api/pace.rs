//! Pacing under a service's rate limit, learned from its throttling.
//!
//! Without it, a bulk run at `--concurrency` 32 against a limit of 50
//! requests a second sends its first burst, is throttled, and each throttled
//! call then waits a backoff of its own (the SDK's, then the service's
//! `Retry-After`, in whole seconds): while they all wait, the service's
//! bucket refills past its capacity and that refill is lost, so the run
//! averaged 44 of 50 a second. (The SDK's adaptive retry mode did worse
//! here, 12.5 a second: its rate recovers slowly after each throttling.)
//!
//! Here every request of a client takes a slot in one client-side token
//! bucket whose rate is what the service was seen to admit while it
//! throttled; a throttled request is sent again in the next free slot
//! rather than after a backoff, so the service's bucket never sits full.
//! With no throttling the rate creeps up (5 % a second), so a limit that was
//! under-estimated, or raised, is found again. Before the first throttling
//! nothing is paced.
//!
//! It wraps the HTTP client, the one place every attempt passes that may
//! wait: a throttled request was not processed, so sending the same signed
//! request again is safe (its client token is the same too).

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use aws_smithy_runtime_api::client::http::{
    HttpConnector, HttpConnectorFuture, SharedHttpClient, SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse};
use aws_smithy_types::body::SdkBody;
use http_body_util::BodyExt;
use tokio::time::Instant;

use super::http_client::{WrapConnector, sdk_default, wrapped};

/// How far back the admitted requests are counted to estimate the rate.
const WINDOW: Duration = Duration::from_secs(1);
/// How fast the rate grows each second without throttling.
const PROBE_GROWTH: f64 = 0.05;
/// Never slower than this, whatever was measured.
const MIN_RATE: f64 = 1.0;

/// One client's token bucket: slots `1 / rate` apart, none until the
/// service first throttles.
#[derive(Debug)]
pub struct Pacer {
    state: Mutex<PacerState>,
}

#[derive(Debug)]
struct PacerState {
    /// Requests a second; `None` until the first throttling.
    rate: Option<f64>,
    /// The earliest instant the next request may go.
    next_slot: Instant,
    /// When the admitted (not throttled) responses of the last WINDOW came.
    admitted: VecDeque<Instant>,
    /// When the rate was last changed (set on throttling, or grown).
    adjusted: Instant,
}

impl Default for Pacer {
    fn default() -> Self {
        let now = Instant::now();
        Pacer {
            state: Mutex::new(PacerState {
                rate: None,
                next_slot: now,
                admitted: VecDeque::new(),
                adjusted: now,
            }),
        }
    }
}

impl Pacer {
    fn state(&self) -> std::sync::MutexGuard<'_, PacerState> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Takes the slot now if it is free (`None`), or says how long until it
    /// is (without taking it: the caller asks again after the wait).
    pub fn try_take(&self, now: Instant) -> Option<Duration> {
        let mut state = self.state();
        let rate = state.rate?;
        if state.next_slot > now {
            return Some(state.next_slot - now);
        }
        state.next_slot = now + Duration::from_secs_f64(1.0 / rate);
        None
    }

    /// A response the service admitted.
    pub fn admitted(&self, now: Instant) {
        let mut state = self.state();
        state.admitted.push_back(now);
        while state
            .admitted
            .front()
            .is_some_and(|t| now.saturating_duration_since(*t) > WINDOW)
        {
            state.admitted.pop_front();
        }
        if let Some(rate) = state.rate {
            let quiet = now.saturating_duration_since(state.adjusted);
            if quiet >= WINDOW {
                state.rate = Some(rate * (1.0 + PROBE_GROWTH * quiet.as_secs_f64()));
                state.adjusted = now;
            }
        }
    }

    /// A response the service throttled: the rate becomes what it admitted
    /// over the last WINDOW, its limit while it throttles (at most once a
    /// WINDOW, so a window throttled throughout decides).
    pub fn throttled(&self, now: Instant) {
        let mut state = self.state();
        let admitted = state
            .admitted
            .iter()
            .filter(|t| now.saturating_duration_since(**t) <= WINDOW)
            .count() as f64;
        let measured = (admitted / WINDOW.as_secs_f64()).max(MIN_RATE);
        let paced = match state.rate {
            None => measured,
            Some(_) if now.saturating_duration_since(state.adjusted) >= WINDOW => measured,
            Some(_) => return,
        };
        tracing::info!("throttled: pacing at {paced:.1} requests a second");
        state.rate = Some(paced);
        state.adjusted = now;
    }
}

/// How often one request is sent again, paced, when throttled; after
/// that the SDK's retries and ours take over.
const PACED_RESENDS: u32 = 10;

/// Wraps each connector of a client's HTTP client so its requests are
/// paced by one [`Pacer`].
#[derive(Debug)]
struct PaceEach(Arc<Pacer>);

impl WrapConnector for PaceEach {
    fn wrap(&self, inner: SharedHttpConnector) -> SharedHttpConnector {
        SharedHttpConnector::new(PacedConnector {
            inner,
            pacer: Arc::clone(&self.0),
        })
    }
}

/// The session's HTTP client (or the SDK's default one) with every request
/// paced by a fresh [`Pacer`]: one a client (one service in one place; a
/// service limits each account in each region on its own).
pub fn paced(configured: Option<SharedHttpClient>) -> Option<SharedHttpClient> {
    let inner = configured.or_else(sdk_default)?;
    Some(wrapped(inner, PaceEach(Arc::new(Pacer::default()))))
}

#[derive(Debug)]
struct PacedConnector {
    inner: SharedHttpConnector,
    pacer: Arc<Pacer>,
}

impl HttpConnector for PacedConnector {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        let inner = self.inner.clone();
        let pacer = Arc::clone(&self.pacer);
        HttpConnectorFuture::new(async move {
            let mut request = request;
            let mut resends = 0;
            loop {
                while let Some(wait) = pacer.try_take(Instant::now()) {
                    tokio::time::sleep(wait).await;
                }
                let again = request.try_clone();
                let response = inner.call(request).await?;
                let (throttled, response) = throttling(response).await;
                let now = Instant::now();
                if !throttled {
                    pacer.admitted(now);
                    return Ok(response);
                }
                pacer.throttled(now);
                match again {
                    Some(again) if resends < PACED_RESENDS => {
                        resends += 1;
                        request = again;
                    }
                    _ => return Ok(response),
                }
            }
        })
    }
}

/// Whether the service throttled this request: 429, or a 400 whose error
/// type (JSON protocols: the `x-amzn-ErrorType` header or `__type`) names
/// throttling. A 400's body is small and read here, then handed on.
async fn throttling(mut response: HttpResponse) -> (bool, HttpResponse) {
    let status = response.status().as_u16();
    if status == 429 {
        return (true, response);
    }
    if status != 400 {
        return (false, response);
    }
    let named = |text: &str| text.contains("Throttling") || text.contains("RequestLimitExceeded");
    if response
        .headers()
        .get("x-amzn-ErrorType")
        .is_some_and(named)
    {
        return (true, response);
    }
    let body = response.take_body();
    match body.collect().await {
        Ok(collected) => {
            let bytes = collected.to_bytes();
            let throttled = named(&String::from_utf8_lossy(&bytes));
            *response.body_mut() = SdkBody::from(bytes);
            (throttled, response)
        }
        // The error is the body's: the SDK reports it as it would have.
        Err(_) => (false, response),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A service admitting `limit` a second with a bucket of one second
    /// (the sandbox's), and 32 callers each sending as soon as it may:
    /// after the first throttling the pacer holds the service at its limit.
    #[tokio::test(start_paused = true)]
    async fn paced_callers_keep_a_limited_service_at_its_limit() {
        let limit = 50.0;
        let service = Arc::new(Mutex::new((limit, Instant::now())));
        let admit = {
            let service = Arc::clone(&service);
            move |now: Instant| {
                let mut bucket = service.lock().unwrap();
                let refill = now.saturating_duration_since(bucket.1).as_secs_f64() * limit;
                bucket.0 = (bucket.0 + refill).min(limit);
                bucket.1 = now;
                if bucket.0 >= 1.0 {
                    bucket.0 -= 1.0;
                    true
                } else {
                    false
                }
            }
        };
        let pacer = Arc::new(Pacer::default());
        let targets = 700usize;
        let remaining = Arc::new(std::sync::atomic::AtomicUsize::new(targets));
        let started = Instant::now();
        let mut callers = Vec::new();
        for _ in 0..32 {
            let (pacer, remaining, admit) =
                (Arc::clone(&pacer), Arc::clone(&remaining), admit.clone());
            callers.push(tokio::spawn(async move {
                let mut throttles = 0;
                loop {
                    // Take a target, then send it until admitted.
                    let left = remaining.load(std::sync::atomic::Ordering::SeqCst);
                    if left == 0
                        || remaining
                            .compare_exchange(
                                left,
                                left - 1,
                                std::sync::atomic::Ordering::SeqCst,
                                std::sync::atomic::Ordering::SeqCst,
                            )
                            .is_err()
                    {
                        if left == 0 {
                            return throttles;
                        }
                        continue;
                    }
                    // As PacedConnector: a slot, a round trip of 5 ms, and
                    // again in the next slot while throttled.
                    loop {
                        while let Some(wait) = pacer.try_take(Instant::now()) {
                            tokio::time::sleep(wait).await;
                        }
                        tokio::time::sleep(Duration::from_millis(5)).await;
                        let now = Instant::now();
                        if admit(now) {
                            pacer.admitted(now);
                            break;
                        }
                        throttles += 1;
                        pacer.throttled(now);
                    }
                }
            }));
        }
        let mut throttles = 0;
        for caller in callers {
            throttles += caller.await.unwrap();
        }
        let wall = started.elapsed().as_secs_f64();
        // The first second's burst of `limit` goes at once; the rest at the limit.
        let steady = (targets as f64 - limit) / wall;
        assert!(
            steady >= 0.95 * limit && steady <= 1.05 * limit,
            "{steady:.1}/s after the burst, {throttles} throttled"
        );
        // Paced, not hammering: unpaced, 32 callers would be throttled
        // tens of thousands of times.
        assert!(throttles < targets / 2, "{throttles} throttled");
        let rate = pacer.state().rate.unwrap();
        assert!(
            (0.9 * limit..1.1 * limit).contains(&rate),
            "learned {rate:.1}/s"
        );
    }

    #[test]
    fn slots_are_a_rate_apart_once_learned() {
        let pacer = Pacer::default();
        let now = Instant::now();
        assert_eq!(pacer.try_take(now), None, "no limit before throttling");
        for _ in 0..10 {
            pacer.admitted(now);
        }
        pacer.throttled(now);
        assert_eq!(pacer.state().rate, Some(10.0));
        assert_eq!(pacer.try_take(now), None);
        assert_eq!(pacer.try_take(now), Some(Duration::from_millis(100)));
        let later = now + Duration::from_millis(100);
        assert_eq!(pacer.try_take(later), None);
        assert_eq!(pacer.try_take(later), Some(Duration::from_millis(100)));
    }
}
