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
//! bucket, and a throttled request is sent again in the next free slot
//! rather than after a backoff. Nothing is paced before the service first
//! throttles. The rate then:
//!
//! - starts at what the service may have admitted over the last [`WINDOW`]:
//!   the responses it admitted and the requests still in flight. A throttled
//!   answer comes back before admitted ones sent with it: counting only what
//!   had come back started one run at 21 a second of 50, and it took seconds
//!   to grow from there. Starting above the limit costs only throttled
//!   requests; starting below costs wall.
//! - grows by [`PROBE`] with each admitted request the pacer held back.
//!   Under the limit nothing is throttled and the service's bucket fills
//!   unseen: what is still in it when the run ends is wall the run could
//!   have saved, so the rate climbs until throttling says the bucket is
//!   empty again.
//! - is cut by [`CUT`] when a request sent after the last cut is throttled
//!   (those sent before it tell of the old rate). A floor at what the
//!   service admitted over the last [`WINDOW`] held the rate above the limit
//!   for the first second (the window still held the first burst) and
//!   doubled the requests throttled.
//!
//! So a limited run goes a little above the limit: the service's bucket
//! stays empty and none of its refill is lost, and the few requests over the
//! limit are throttled and sent again in the next slot (simulated, 500
//! requests at a limit of 50 a second: about 40 throttled, most of them the
//! first burst's overflow, and the wall within 1 % of the limit's own).
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
use super::retry::PRECISE_RETRY_AFTER;

/// How far back the admitted requests are counted to estimate the rate.
const WINDOW: Duration = Duration::from_secs(1);
/// How much the rate grows with each admitted request the pacer held back:
/// at 50 a second, by a quarter in a second without throttling.
const PROBE: f64 = 0.005;
/// How much a throttling cuts the rate.
const CUT: f64 = 0.1;
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
    /// Until the first throttling, when the admitted responses of the last
    /// WINDOW came: they start the rate.
    admitted: VecDeque<Instant>,
    /// Requests sent and not answered yet.
    in_flight: usize,
    /// When the rate was last set on a throttling: a throttled request sent
    /// before it tells of the rate before.
    cut: Instant,
}

impl Default for Pacer {
    fn default() -> Self {
        let now = Instant::now();
        Pacer {
            state: Mutex::new(PacerState {
                rate: None,
                next_slot: now,
                admitted: VecDeque::new(),
                in_flight: 0,
                cut: now,
            }),
        }
    }
}

impl PacerState {
    /// Forgets the admitted responses older than WINDOW.
    fn forget_old(&mut self, now: Instant) {
        while self
            .admitted
            .front()
            .is_some_and(|t| now.saturating_duration_since(*t) > WINDOW)
        {
            self.admitted.pop_front();
        }
    }
}

impl Pacer {
    fn state(&self) -> std::sync::MutexGuard<'_, PacerState> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Waits for a free slot and takes it: the request may go.
    pub async fn slot(self: &Arc<Self>) -> Flight {
        let mut held = false;
        while let Some(wait) = self.try_take(Instant::now()) {
            held = true;
            tokio::time::sleep(wait).await;
        }
        self.state().in_flight += 1;
        Flight {
            pacer: Arc::clone(self),
            sent: Instant::now(),
            held,
        }
    }

    /// Takes the slot now if it is free (`None`), or says how long until it
    /// is (without taking it: the caller asks again after the wait).
    pub fn try_take(&self, now: Instant) -> Option<Duration> {
        let mut state = self.state();
        let rate = state.rate?;
        if state.next_slot > now {
            return Some(state.next_slot - now);
        }
        let interval = Duration::from_secs_f64(1.0 / rate);
        // Slots stay on their grid when a waiter wakes a little late (the
        // timer counts whole milliseconds), so that lateness is not lost at
        // every slot; at most one slot is caught up.
        let behind = now.checked_sub(interval).unwrap_or(now);
        state.next_slot = state.next_slot.max(behind) + interval;
        None
    }

    /// How long a request throttled now should wait to go again: until the
    /// next free slot, at least one slot; `None` before pacing.
    pub fn retry_wait(&self, now: Instant) -> Option<Duration> {
        let state = self.state();
        let interval = Duration::from_secs_f64(1.0 / state.rate?);
        Some(state.next_slot.saturating_duration_since(now).max(interval))
    }

    /// A response the service admitted; `held`: its request waited for its
    /// slot, so the pace is what limits the run.
    fn admitted(&self, now: Instant, held: bool) {
        let mut state = self.state();
        match state.rate {
            None => {
                state.admitted.push_back(now);
                state.forget_old(now);
            }
            Some(rate) if held => state.rate = Some(rate * (1.0 + PROBE)),
            Some(_) => {}
        }
    }

    /// A response the service throttled, to a request sent at `sent`.
    fn throttled(&self, now: Instant, sent: Instant) {
        let mut state = self.state();
        let paced = match state.rate {
            None => {
                // Those in flight (besides this one) may have been admitted.
                state.forget_old(now);
                let others = state.in_flight.saturating_sub(1);
                (state.admitted.len() + others) as f64 / WINDOW.as_secs_f64()
            }
            Some(_) if sent < state.cut => return,
            Some(rate) => rate * (1.0 - CUT),
        }
        .max(MIN_RATE);
        if state.rate.is_none() {
            tracing::info!("throttled: pacing at {paced:.1} requests a second");
            state.next_slot = now;
        } else {
            tracing::debug!("throttled: pacing at {paced:.1} requests a second");
        }
        state.rate = Some(paced);
        state.cut = now;
    }
}

/// A request on its way: counted in flight until it is answered (or fails).
#[derive(Debug)]
pub struct Flight {
    pacer: Arc<Pacer>,
    sent: Instant,
    held: bool,
}

impl Flight {
    /// The service admitted it.
    pub fn admitted(self, now: Instant) {
        self.pacer.admitted(now, self.held);
    }

    /// The service throttled it.
    pub fn throttled(self, now: Instant) {
        self.pacer.throttled(now, self.sent);
    }
}

impl Drop for Flight {
    fn drop(&mut self) {
        let mut state = self.pacer.state();
        state.in_flight = state.in_flight.saturating_sub(1);
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
                let flight = pacer.slot().await;
                let again = request.try_clone();
                let response = inner.call(request).await?;
                let (throttled, mut response) = throttling(response).await;
                let now = Instant::now();
                if !throttled {
                    flight.admitted(now);
                    return Ok(response);
                }
                flight.throttled(now);
                match again {
                    Some(again) if resends < PACED_RESENDS => {
                        resends += 1;
                        request = again;
                    }
                    _ => {
                        hint_retry_wait(&mut response, pacer.retry_wait(now));
                        return Ok(response);
                    }
                }
            }
        })
    }
}

/// A throttled response handed on says, in milliseconds, when the pacer
/// has a slot for it (unless the service said so itself): the SDK's retry
/// and ours then wait that, not a whole-second `Retry-After` or a backoff
/// of up to a second.
fn hint_retry_wait(response: &mut HttpResponse, wait: Option<Duration>) {
    let headers = response.headers_mut();
    if let Some(wait) = wait.filter(|_| !headers.contains_key(PRECISE_RETRY_AFTER)) {
        headers.insert(PRECISE_RETRY_AFTER, wait.as_millis().to_string());
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
    use aws_smithy_runtime_api::http::StatusCode;
    use std::sync::atomic::{AtomicU32, AtomicUsize, Ordering};

    /// A service admitting `limit` a second with a bucket of one second that
    /// starts full (the sandbox's).
    struct Service {
        limit: f64,
        bucket: Mutex<(f64, Instant)>,
    }

    impl Service {
        fn new(limit: f64) -> Service {
            Service {
                limit,
                bucket: Mutex::new((limit, Instant::now())),
            }
        }

        fn admit(&self, now: Instant) -> bool {
            let mut bucket = self.bucket.lock().unwrap();
            let refill = now.saturating_duration_since(bucket.1).as_secs_f64() * self.limit;
            bucket.0 = (bucket.0 + refill).min(self.limit);
            bucket.1 = now;
            if bucket.0 >= 1.0 {
                bucket.0 -= 1.0;
                true
            } else {
                false
            }
        }
    }

    /// `targets` sent by 32 callers through one pacer, each as soon as it
    /// may, to a service that admits `limit` a second, `trip` ms away each
    /// way. An admitted request takes 1 to 8 ms more (varying with `seed`),
    /// so a throttled answer often overtakes admitted ones, as at the
    /// sandbox. Returns the wall, the throttled requests and the rate learned.
    async fn run_paced(limit: f64, targets: usize, seed: u64, trip: u64) -> (f64, usize, f64) {
        let service = Arc::new(Service::new(limit));
        let pacer = Arc::new(Pacer::default());
        let remaining = Arc::new(AtomicUsize::new(targets));
        let started = Instant::now();
        let mut callers = Vec::new();
        for caller in 0..32u64 {
            let (pacer, remaining, service) = (
                Arc::clone(&pacer),
                Arc::clone(&remaining),
                Arc::clone(&service),
            );
            let mut random = seed.wrapping_mul(6364136223846793005) ^ (caller + 1);
            callers.push(tokio::spawn(async move {
                let mut throttles = 0;
                while remaining
                    .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                    .is_ok()
                {
                    // As PacedConnector: a slot, the round trip, and again
                    // in the next slot while throttled.
                    loop {
                        let flight = pacer.slot().await;
                        tokio::time::sleep(Duration::from_millis(trip)).await;
                        let admitted = service.admit(Instant::now());
                        random ^= random << 13;
                        random ^= random >> 7;
                        random ^= random << 17;
                        let back = if admitted {
                            trip + 1 + random % 8
                        } else {
                            trip
                        };
                        tokio::time::sleep(Duration::from_millis(back)).await;
                        if admitted {
                            flight.admitted(Instant::now());
                            break;
                        }
                        throttles += 1;
                        flight.throttled(Instant::now());
                    }
                }
                throttles
            }));
        }
        let mut throttles = 0;
        for caller in callers {
            throttles += caller.await.unwrap();
        }
        let rate = pacer.state().rate.unwrap();
        (started.elapsed().as_secs_f64(), throttles, rate)
    }

    /// After the first burst the pacer holds the service at its limit: the
    /// run's wall is the burst plus the rest at the limit, whatever the
    /// order the answers come back in.
    #[tokio::test(start_paused = true)]
    async fn paced_callers_keep_a_limited_service_at_its_limit() {
        let (limit, targets) = (50.0, 500);
        // The sandbox's round trip, and a region's.
        for (seed, trip) in (1..=5).flat_map(|seed| [(seed, 1), (seed, 20)]) {
            let (wall, throttles, rate) = run_paced(limit, targets, seed, trip).await;
            // The first second's burst of `limit` goes at once; the rest at the limit.
            let steady = (targets as f64 - limit) / wall;
            assert!(
                steady >= 0.98 * limit && steady <= 1.02 * limit,
                "seed {seed}: {steady:.1}/s after the burst, {throttles} throttled"
            );
            // Paced, not hammering: unpaced, 32 callers would be throttled
            // tens of thousands of times.
            assert!(
                throttles < targets / 5,
                "seed {seed}: {throttles} throttled"
            );
            assert!(
                (0.95 * limit..1.3 * limit).contains(&rate),
                "seed {seed}: learned {rate:.1}/s"
            );
        }
    }

    #[test]
    fn slots_are_a_rate_apart_once_learned() {
        let pacer = Pacer::default();
        let now = Instant::now();
        assert_eq!(pacer.try_take(now), None, "no limit before throttling");
        for _ in 0..10 {
            pacer.admitted(now, false);
        }
        pacer.throttled(now, now);
        assert_eq!(pacer.state().rate, Some(10.0));
        assert_eq!(pacer.try_take(now), None);
        assert_eq!(pacer.try_take(now), Some(Duration::from_millis(100)));
        // A waiter woken 3 ms late keeps the grid: the next slot is 100 ms
        // after the one it took, not after it woke.
        let late = now + Duration::from_millis(103);
        assert_eq!(pacer.try_take(late), None);
        assert_eq!(pacer.try_take(late), Some(Duration::from_millis(97)));
    }

    #[tokio::test(start_paused = true)]
    async fn the_first_rate_counts_the_requests_still_in_flight() {
        let pacer = Arc::new(Pacer::default());
        let now = Instant::now();
        for _ in 0..20 {
            pacer.admitted(now, false);
        }
        // 30 answers not back yet, besides the throttled one.
        let flights: Vec<Flight> = futures::future::join_all((0..31).map(|_| pacer.slot())).await;
        let mut flights = flights.into_iter();
        flights.next().unwrap().throttled(now);
        assert_eq!(pacer.state().rate, Some(50.0));
        drop(flights);
        assert_eq!(pacer.state().in_flight, 0);
    }

    #[test]
    fn held_requests_raise_the_rate_and_a_throttling_cuts_it_once_a_round_trip() {
        let pacer = Pacer::default();
        let start = Instant::now();
        for _ in 0..40 {
            pacer.admitted(start, false);
        }
        pacer.throttled(start, start);
        assert_eq!(pacer.state().rate, Some(40.0));
        let later = start + Duration::from_millis(500);
        // Admitted, not held back: the pace did not limit it.
        pacer.admitted(later, false);
        assert_eq!(pacer.state().rate, Some(40.0));
        // Held back by the pacer, admitted: the rate grows.
        pacer.admitted(later, true);
        let grown = pacer.state().rate.unwrap();
        assert!((grown - 40.0 * (1.0 + PROBE)).abs() < 1e-9, "{grown}");
        // Throttled, but sent before the last cut: old news.
        pacer.throttled(later, start - Duration::from_millis(1));
        assert_eq!(pacer.state().rate, Some(grown));
        // Sent after it: cut.
        pacer.throttled(later, later);
        assert_eq!(pacer.state().rate, Some(grown * (1.0 - CUT)));
        // Sent before that cut: old news again.
        pacer.throttled(later + Duration::from_millis(5), start);
        assert_eq!(pacer.state().rate, Some(grown * (1.0 - CUT)));
    }

    /// A connector that throttles every request (429, no hint of its own),
    /// counting them.
    #[derive(Debug, Default)]
    struct AlwaysThrottles(Arc<AtomicU32>);

    impl HttpConnector for AlwaysThrottles {
        fn call(&self, _request: HttpRequest) -> HttpConnectorFuture {
            self.0.fetch_add(1, Ordering::SeqCst);
            let status = StatusCode::try_from(429).unwrap();
            HttpConnectorFuture::ready(Ok(HttpResponse::new(status, SdkBody::empty())))
        }
    }

    /// Once its paced resends are spent, a throttled response goes to the
    /// retries with the pacer's next slot, in milliseconds, well under the
    /// second a whole-second `Retry-After` would make them wait.
    #[tokio::test(start_paused = true)]
    async fn a_throttled_response_handed_on_says_when_the_next_slot_is() {
        let calls = Arc::new(AtomicU32::new(0));
        let connector = PacedConnector {
            inner: SharedHttpConnector::new(AlwaysThrottles(Arc::clone(&calls))),
            pacer: Arc::new(Pacer::default()),
        };
        for _ in 0..5 {
            connector.pacer.admitted(Instant::now(), false);
        }
        let response = connector
            .call(HttpRequest::new(SdkBody::from("{}")))
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), 429);
        assert_eq!(calls.load(Ordering::SeqCst), 1 + PACED_RESENDS);
        let wait: u64 = response
            .headers()
            .get(PRECISE_RETRY_AFTER)
            .unwrap()
            .parse()
            .unwrap();
        assert!((1..1000).contains(&wait), "{wait} ms");
    }
}
