//! When to try again: exponential backoff with jitter, per channel.

use std::time::Duration;

use rand::RngExt;

/// How many tries a delivery gets, and how far apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Tries in all, the first included.
    pub max_attempts: i32,
    /// The wait after the first failure; it doubles after each further one.
    pub base: Duration,
}

impl RetryPolicy {
    /// Email: the first try and 3 retries at base × 2^n (the seed's 60 s, 120 s, 240 s).
    pub fn email(base: Duration) -> Self {
        Self { max_attempts: 4, base }
    }

    /// Webhooks: 8 tries; with the default base of 12 minutes the waits are 12 min,
    /// 24 min, … 12.8 h: about a day in all.
    pub fn webhook(base: Duration) -> Self {
        Self { max_attempts: 8, base }
    }

    /// SMS and push: 5 tries at base × 2^n.
    pub fn sms(base: Duration) -> Self {
        Self { max_attempts: 5, base }
    }

    /// The wait before try `failed + 1` after `failed` failures, ±10 % so that
    /// deliveries that failed together do not come back together.
    pub fn delay_after(&self, failed: i32) -> Duration {
        let exponent = u32::try_from(failed.saturating_sub(1)).unwrap_or(0).min(20);
        let nominal = self.base.saturating_mul(1 << exponent);
        nominal.mul_f64(rand::rng().random_range(0.9..=1.1))
    }

    pub fn gives_up_after(&self, failed: i32) -> bool {
        failed >= self.max_attempts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_double_with_jitter_and_stop_after_the_last_try() {
        let policy = RetryPolicy::email(Duration::from_secs(60));
        for (failed, nominal) in [(1, 60.0), (2, 120.0), (3, 240.0)] {
            let delay = policy.delay_after(failed).as_secs_f64();
            assert!((nominal * 0.9..=nominal * 1.1).contains(&delay), "{failed}: {delay}");
        }
        assert!(!policy.gives_up_after(3));
        assert!(policy.gives_up_after(4));
    }
}
