//! Waiters (`smithy.waiters#waitable`): call an operation until one of the model's acceptors says
//! it is done, with the Smithy waiter specification's backoff between calls.
//!
//! [`Wait`] is made by a `wait_until_*` method of the client (or of an operation's request);
//! [`Wait::wait`] takes the most time the whole wait may take and returns the response that
//! ended it, or a [`WaitError`] that says which way it did not succeed.

use super::client::{Call, Client};
use std::fmt;
use std::time::{Duration, Instant};

/// What an acceptor's match means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    /// The wait is over: what was waited for happened.
    Success,
    /// The wait is over: it cannot happen any more.
    Failure,
    /// Call again.
    Retry,
}

/// A waiter's acceptors: the state and place (from 0, in the model's order) of the first that
/// matches a response (to this input, for `inputOutput` matchers), if one does.
pub(crate) type Acceptors<Op> =
    fn(&<Op as Call>::Input, &Result<<Op as Call>::Output, <Op as Call>::Error>) -> Option<(State, usize)>;

/// A waiter being prepared: set the delays if the model's do not suit, then [`wait`](Self::wait).
pub struct Wait<Op: Call> {
    client: Client,
    input: Op::Input,
    name: &'static str,
    acceptors: Acceptors<Op>,
    min_delay: Duration,
    max_delay: Duration,
}

impl<Op: Call> fmt::Debug for Wait<Op> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Wait")
            .field("waiter", &self.name)
            .field("operation", &Op::NAME)
            .field("min_delay", &self.min_delay)
            .field("max_delay", &self.max_delay)
            .finish_non_exhaustive()
    }
}

impl<Op: Call> Wait<Op> {
    /// The waiter `name` of `Op`, with the model's delays in seconds.
    pub(crate) fn new(
        client: Client,
        input: Op::Input,
        name: &'static str,
        acceptors: Acceptors<Op>,
        min_delay: u64,
        max_delay: u64,
    ) -> Self {
        Self {
            client,
            input,
            name,
            acceptors,
            min_delay: Duration::from_secs(min_delay),
            max_delay: Duration::from_secs(max_delay),
        }
    }

    /// The shortest delay between calls (the model's `minDelay` by default).
    #[must_use]
    pub fn min_delay(mut self, delay: Duration) -> Self {
        self.min_delay = delay;
        self
    }

    /// The longest delay between calls (the model's `maxDelay` by default).
    #[must_use]
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// Calls the operation until an acceptor matches, for at most `max_wait` in all.
    ///
    /// The response that a `success` acceptor matched is returned; a `failure` acceptor, an
    /// error no acceptor matches, or the time running out is a [`WaitError`].
    pub async fn wait(
        self,
        max_wait: Duration,
    ) -> Result<Finished<Op::Output, Op::Error>, WaitError<Op::Output, Op::Error>> {
        let min_delay = self.min_delay.max(Duration::from_millis(1));
        let max_delay = self.max_delay.max(min_delay);
        let started = Instant::now();
        let mut attempt = 1u32;
        loop {
            let response = self.client.call::<Op>(self.input.clone()).await;
            match (self.acceptors)(&self.input, &response) {
                Some((State::Success, _)) => {
                    return Ok(match response {
                        Ok(output) => Finished::Output(output),
                        Err(error) => Finished::Error(error),
                    })
                }
                Some((State::Failure, acceptor)) => {
                    return Err(WaitError::Failure {
                        waiter: self.name,
                        acceptor,
                        response,
                    })
                }
                Some((State::Retry, _)) => {}
                None => {
                    if let Err(error) = response {
                        return Err(WaitError::Error {
                            waiter: self.name,
                            error,
                        });
                    }
                }
            }
            let remaining = max_wait.saturating_sub(started.elapsed());
            if remaining <= min_delay {
                return Err(WaitError::TimedOut {
                    waiter: self.name,
                    attempts: attempt,
                    max_wait,
                    last: response,
                });
            }
            let delay = delay(attempt, min_delay, max_delay, remaining, fastrand::f64());
            ::tracing::debug!(waiter = self.name, attempt, ?delay, "waiting");
            ::tokio::time::sleep(delay).await;
            attempt += 1;
        }
    }
}

/// The delay before attempt `attempt + 1`, by the Smithy waiter specification: exponential from
/// `min_delay`, capped at `max_delay` past the attempt ceiling, a random point between `min_delay`
/// and that (`random` in `0..1`), and never so long that less than `min_delay` would be left.
fn delay(attempt: u32, min_delay: Duration, max_delay: Duration, remaining: Duration, random: f64) -> Duration {
    let ceiling = ((max_delay.as_secs_f64() / min_delay.as_secs_f64()).ln() / 2f64.ln()) + 1.0;
    let top = if f64::from(attempt) > ceiling {
        max_delay
    } else {
        min_delay
            .saturating_mul(2u32.saturating_pow(attempt - 1))
            .min(max_delay)
    };
    let delay = min_delay + (top - min_delay).mul_f64(random);
    if remaining.saturating_sub(delay) <= min_delay {
        remaining.saturating_sub(min_delay)
    } else {
        delay
    }
}

/// The response that ended a wait by a `success` acceptor: the output, or the error the
/// acceptor waited for (a `ResourceNotFoundException` once a resource is deleted).
#[derive(Debug)]
pub enum Finished<O, E> {
    /// The operation's output.
    Output(O),
    /// The operation's error.
    Error(E),
}

impl<O, E> Finished<O, E> {
    /// The output, if the wait ended with one.
    pub fn into_output(self) -> Option<O> {
        match self {
            Self::Output(output) => Some(output),
            Self::Error(_) => None,
        }
    }
}

/// Why a wait did not succeed.
#[derive(Debug)]
pub enum WaitError<O, E> {
    /// A `failure` acceptor matched: what was waited for cannot happen any more.
    Failure {
        /// The waiter.
        waiter: &'static str,
        /// Which acceptor, from 0 in the model's order.
        acceptor: usize,
        /// The response it matched.
        response: Result<O, E>,
    },
    /// The operation failed in a way no acceptor expects.
    Error {
        /// The waiter.
        waiter: &'static str,
        /// The error.
        error: E,
    },
    /// The time ran out before an acceptor said the wait was over.
    TimedOut {
        /// The waiter.
        waiter: &'static str,
        /// How many calls it made.
        attempts: u32,
        /// The time it was given.
        max_wait: Duration,
        /// The last response.
        last: Result<O, E>,
    },
}

impl<O, E: fmt::Display> fmt::Display for WaitError<O, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Failure {
                waiter,
                acceptor,
                response: Ok(_),
            } => write!(f, "waiter `{waiter}`: failure acceptor {acceptor} matched the output"),
            Self::Failure {
                waiter,
                acceptor,
                response: Err(e),
            } => write!(
                f,
                "waiter `{waiter}`: failure acceptor {acceptor} matched the error: {e}"
            ),
            Self::Error { waiter, error } => write!(f, "waiter `{waiter}`: {error}"),
            Self::TimedOut {
                waiter,
                attempts,
                max_wait,
                ..
            } => {
                write!(
                    f,
                    "waiter `{waiter}`: still not done after {attempts} calls in {max_wait:?}"
                )
            }
        }
    }
}

impl<O: fmt::Debug, E: std::error::Error + 'static> std::error::Error for WaitError<O, E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Failure { response: Err(e), .. } | Self::Error { error: e, .. } => Some(e),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: Duration = Duration::from_secs(1);

    #[test]
    fn delays_follow_the_specification() {
        let (min, max, long) = (2 * S, 120 * S, 10_000 * S);
        // At the top of the random range: 2, 4, 8, ... s, then 120 s past the ceiling (log2 60 + 1 = 6.9).
        assert_eq!(delay(1, min, max, long, 1.0), 2 * S);
        assert_eq!(delay(2, min, max, long, 1.0), 4 * S);
        assert_eq!(delay(6, min, max, long, 1.0), 64 * S);
        assert_eq!(delay(7, min, max, long, 1.0), 120 * S);
        assert_eq!(delay(30, min, max, long, 1.0), 120 * S);
        // At the bottom, always the minimum.
        assert_eq!(delay(5, min, max, long, 0.0), 2 * S);
        assert_eq!(delay(3, min, max, long, 0.5), 5 * S);
        // Never past the point where less than `min` would be left.
        assert_eq!(delay(7, min, max, 30 * S, 1.0), 28 * S);
    }
}
