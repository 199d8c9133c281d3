//! The bound on concurrent work: a request takes a permit or is turned
//! away with 503 at once.

use std::sync::Arc;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Permits for searches running or queued.
pub struct Limiter {
    permits: Arc<Semaphore>,
    max: usize,
}

/// Held while a request works; dropping it frees the place.
pub struct Permit(#[allow(dead_code)] OwnedSemaphorePermit);

impl Limiter {
    pub fn new(max: usize) -> Limiter {
        Limiter {
            permits: Arc::new(Semaphore::new(max)),
            max,
        }
    }

    /// A place for one more request, or `None` when all are taken.
    pub fn try_enter(&self) -> Option<Permit> {
        self.permits.clone().try_acquire_owned().ok().map(Permit)
    }

    /// How many requests may work at once.
    pub fn max(&self) -> usize {
        self.max
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn beyond_the_bound_a_request_is_refused_until_one_ends() {
        let l = Limiter::new(2);
        let a = l.try_enter().expect("first");
        let _b = l.try_enter().expect("second");
        assert!(l.try_enter().is_none());
        drop(a);
        assert!(l.try_enter().is_some());
    }
}
