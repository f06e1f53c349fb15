//! Latency, throttling and injected failures, adjustable while serving.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// A token bucket holding at most one second of requests.
#[derive(Debug)]
struct TokenBucket {
    rate: f64,
    tokens: f64,
    refilled: Instant,
}

impl TokenBucket {
    fn new(rate: f64) -> Self {
        TokenBucket {
            rate,
            tokens: rate.max(1.0),
            refilled: Instant::now(),
        }
    }

    /// Takes a token, or says in how many whole seconds one will be there.
    fn take(&mut self, now: Instant) -> Result<(), u64> {
        let elapsed = now.saturating_duration_since(self.refilled).as_secs_f64();
        self.tokens = (self.tokens + elapsed * self.rate).min(self.rate.max(1.0));
        self.refilled = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            Ok(())
        } else {
            let wait = (1.0 - self.tokens) / self.rate;
            Err((wait.ceil() as u64).max(1))
        }
    }
}

pub struct Knobs {
    latency_micros: AtomicU64,
    fail_rate_bits: AtomicU64,
    bucket: Mutex<Option<TokenBucket>>,
}

impl Knobs {
    pub fn new(latency: Duration, rate_limit: Option<f64>, fail_rate: f64) -> Self {
        let knobs = Knobs {
            latency_micros: AtomicU64::new(0),
            fail_rate_bits: AtomicU64::new(0),
            bucket: Mutex::new(None),
        };
        knobs.set_latency(latency);
        knobs.set_rate_limit(rate_limit);
        knobs.set_fail_rate(fail_rate);
        knobs
    }

    pub fn set_latency(&self, latency: Duration) {
        let micros = u64::try_from(latency.as_micros()).unwrap_or(u64::MAX);
        self.latency_micros.store(micros, Ordering::Relaxed);
    }

    pub fn latency(&self) -> Duration {
        Duration::from_micros(self.latency_micros.load(Ordering::Relaxed))
    }

    /// `None`, or a rate that is not a positive number, lifts the limit.
    pub fn set_rate_limit(&self, rate_limit: Option<f64>) {
        let bucket = rate_limit
            .filter(|rate| rate.is_finite() && *rate > 0.0)
            .map(TokenBucket::new);
        *self
            .bucket
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = bucket;
    }

    pub fn set_fail_rate(&self, fail_rate: f64) {
        let clamped = if fail_rate.is_nan() {
            0.0
        } else {
            fail_rate.clamp(0.0, 1.0)
        };
        self.fail_rate_bits
            .store(clamped.to_bits(), Ordering::Relaxed);
    }

    /// Admits a request, or answers how many seconds to wait (Retry-After).
    pub fn admit(&self) -> Result<(), u64> {
        match self
            .bucket
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .as_mut()
        {
            Some(bucket) => bucket.take(Instant::now()),
            None => Ok(()),
        }
    }

    /// Whether this request gets an injected 500.
    pub fn should_fail(&self) -> bool {
        let fail_rate = f64::from_bits(self.fail_rate_bits.load(Ordering::Relaxed));
        fail_rate > 0.0 && rand::random::<f64>() < fail_rate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bucket_admits_a_second_of_requests_then_refills() {
        let start = Instant::now();
        let mut bucket = TokenBucket::new(5.0);
        for _ in 0..5 {
            assert!(bucket.take(start).is_ok());
        }
        assert_eq!(bucket.take(start), Err(1));
        assert!(bucket.take(start + Duration::from_millis(250)).is_ok());
    }

    #[test]
    fn fail_rate_extremes() {
        let knobs = Knobs::new(Duration::ZERO, None, 1.0);
        assert!((0..50).all(|_| knobs.should_fail()));
        knobs.set_fail_rate(0.0);
        assert!((0..50).all(|_| !knobs.should_fail()));
    }
}
