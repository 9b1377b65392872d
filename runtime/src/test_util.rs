//! Testing code that uses the client, without a network (feature `test-util`).
//!
//! Two test doubles, one for each level a test works at:
//!
//! - [`Mock`] answers calls with typed outputs and modeled errors, by operation and input: the
//!   test needs to know nothing of the wire. Give a clone to `Config::builder().mock(..)`, call the
//!   code under test, then check [`Mock::calls`], [`Mock::inputs`] and [`Mock::remaining`]. Each
//!   attempt of a call takes an answer, so a mocked throttling error is retried by the client's
//!   [`RetryConfig`](super::config::RetryConfig) as the service's would be, at once: between a
//!   mock's attempts the client does not wait out its backoff unless
//!   [`Mock::with_backoff`] asks it to. No request is built, signed or sent: a mocked client
//!   needs neither credentials nor a region.
//! - [`InMemory`] is an [`HttpClient`] that answers with canned HTTP responses, in order, and
//!   records every request it was given, signed, as it would have gone out: for tests of the wire
//!   itself. It never opens a socket: once its responses run out, every request fails with a
//!   transport error. Give a clone to `Config::builder().http_client(..)`, then check
//!   [`InMemory::requests`] and [`InMemory::remaining`].
// <mock-example>: a generated crate's copy has an example of its own service here.

use super::client::Call;
use super::transport::{BoxFuture, HttpClient, TransportError, TransportErrorKind};
use std::any::{Any, TypeId};
use std::collections::VecDeque;
use std::fmt;
use std::marker::PhantomData;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

/// Typed answers to a client's calls: clones share the rules and what the calls asked.
///
/// A rule is made with [`on`](Self::on) and ended by what it answers
/// ([`output`](When::output), [`error`](When::error) or [`answer`](When::answer)); it answers
/// once unless [`times`](When::times) or [`always`](When::always) says otherwise. An attempt
/// takes the first rule, in the order they were added, that is for its operation, whose
/// [`matching`](When::matching) test (if any) holds for the input, and that has answers left.
/// An attempt that no rule answers fails with a [`DispatchError`](super::error::DispatchError) of
/// kind `Unanswered`, which names the operation.
#[derive(Clone, Default)]
pub struct Mock {
    state: Arc<Mutex<MockState>>,
}

#[derive(Default)]
struct MockState {
    rules: Vec<Rule>,
    /// Whether the client waits out its backoff between this mock's attempts.
    backoff: bool,
    /// Each attempt's operation and a copy of its input.
    calls: Vec<(TypeId, Box<dyn Any + Send>)>,
}

/// A rule's test of an input.
type Test<I> = Box<dyn Fn(&I) -> bool + Send>;

/// A rule's answer to an input of its operation (`None` for any other input).
type Answer = Arc<dyn Fn(&dyn Any) -> Option<Box<dyn Any>> + Send + Sync>;

struct Rule {
    operation: TypeId,
    name: &'static str,
    matches: Test<dyn Any>,
    answer: Answer,
    /// Answers left; `None`: every matching attempt.
    left: Option<usize>,
}

impl Mock {
    /// A mock with no rules yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Makes the client wait out its retry backoff between this mock's attempts, as it does
    /// between a service's: for a test of the waiting itself. Without it, a mocked throttling
    /// error is retried at once, and a test of retries takes no time.
    #[must_use]
    pub fn with_backoff(self) -> Self {
        self.lock().backoff = true;
        self
    }

    /// Starts a rule for `operation`: the `Operation` of its module
    /// (`operation::<name>::Operation`).
    pub fn on<Op: Call>(self, operation: Op) -> When<Op> {
        let _ = operation;
        When {
            mock: self,
            matches: None,
            times: Some(1),
            operation: PhantomData,
        }
    }

    /// How many attempts of `operation` were made (answered or not).
    pub fn calls<Op: Call>(&self, operation: Op) -> usize {
        let _ = operation;
        let id = TypeId::of::<Op>();
        self.lock().calls.iter().filter(|(op, _)| *op == id).count()
    }

    /// The inputs of `operation`'s attempts, in order.
    pub fn inputs<Op: Call>(&self, operation: Op) -> Vec<Op::Input> {
        let _ = operation;
        let id = TypeId::of::<Op>();
        self.lock()
            .calls
            .iter()
            .filter(|(op, _)| *op == id)
            .filter_map(|(_, input)| input.downcast_ref::<Op::Input>().cloned())
            .collect()
    }

    /// How many answers are left in the rules that answer a number of times (a test that
    /// expects every answer to be used checks that this is 0).
    pub fn remaining(&self) -> usize {
        self.lock().rules.iter().filter_map(|r| r.left).sum()
    }

    fn lock(&self) -> MutexGuard<'_, MockState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A mock answers the client's calls in its place.
impl super::config::Answers for Mock {
    fn answer(&self, operation: TypeId, input: &dyn Any, copy: Box<dyn Any + Send>) -> Option<Box<dyn Any>> {
        let mut state = self.lock();
        state.calls.push((operation, copy));
        let rule = state
            .rules
            .iter_mut()
            .find(|r| r.operation == operation && r.left != Some(0) && (r.matches)(input))?;
        if let Some(left) = &mut rule.left {
            *left -= 1;
        }
        let answer = rule.answer.clone();
        // Unlocked, so that the answer may ask the mock what it has seen.
        drop(state);
        answer(input)
    }

    fn backs_off(&self) -> bool {
        self.lock().backoff
    }
}

impl super::config::Builder {
    /// Answers every call from this [`Mock`] (feature `test-util`): typed outputs and errors,
    /// with nothing built, signed or sent.
    #[must_use]
    pub fn mock(self, mock: Mock) -> Self {
        self.double(Arc::new(mock))
    }
}

impl fmt::Debug for Mock {
    /// The rules: each operation, and how many answers it has left.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = self.lock();
        let mut rules = f.debug_list();
        for rule in &state.rules {
            match rule.left {
                Some(left) => rules.entry(&format_args!("{} ({left} left)", rule.name)),
                None => rules.entry(&format_args!("{} (always)", rule.name)),
            };
        }
        rules.finish()
    }
}

/// A rule of a [`Mock`] being made, for the operation `Op`: end it with what it answers.
#[must_use = "a rule is added to the mock by what it answers: `output`, `error` or `answer`"]
pub struct When<Op: Call> {
    mock: Mock,
    matches: Option<Test<Op::Input>>,
    times: Option<usize>,
    operation: PhantomData<fn() -> Op>,
}

impl<Op: Call> When<Op> {
    /// Answers only the attempts whose input passes `test`.
    pub fn matching(mut self, test: impl Fn(&Op::Input) -> bool + Send + 'static) -> Self {
        self.matches = Some(Box::new(test));
        self
    }

    /// Answers `n` attempts (not 1).
    pub fn times(mut self, n: usize) -> Self {
        self.times = Some(n);
        self
    }

    /// Answers every attempt that reaches it.
    pub fn always(mut self) -> Self {
        self.times = None;
        self
    }

    /// Answers with this output.
    pub fn output(self, output: Op::Output) -> Mock
    where
        Op::Output: Clone + Sync,
    {
        self.answer(move |_| Ok(output.clone()))
    }

    /// Answers with this error: a modeled error of the operation (its `From` says which are), or
    /// any other its error enum takes.
    pub fn error<E>(self, error: E) -> Mock
    where
        E: Clone + Send + Sync + 'static,
        Op::Error: From<E>,
    {
        self.answer(move |_| Err(error.clone().into()))
    }

    /// Answers with what `answer` makes of the input.
    pub fn answer(self, answer: impl Fn(&Op::Input) -> Result<Op::Output, Op::Error> + Send + Sync + 'static) -> Mock {
        let matches = self.matches;
        let rule = Rule {
            operation: TypeId::of::<Op>(),
            name: Op::NAME,
            matches: Box::new(move |input| {
                let input = input.downcast_ref::<Op::Input>();
                input.is_some_and(|input| matches.as_ref().is_none_or(|test| test(input)))
            }),
            answer: Arc::new(move |input| {
                let input = input.downcast_ref::<Op::Input>()?;
                Some(Box::new(answer(input)) as Box<dyn Any>)
            }),
            left: self.times,
        };
        self.mock.lock().rules.push(rule);
        self.mock
    }
}

/// A canned response, or a canned transport failure.
type Canned = Result<http::Response<Vec<u8>>, TransportErrorKind>;

/// An in-memory transport with canned responses; clones share the responses and the requests.
#[derive(Clone, Debug, Default)]
pub struct InMemory {
    state: Arc<Mutex<State>>,
}

#[derive(Debug, Default)]
struct State {
    responses: VecDeque<Canned>,
    requests: Vec<http::Request<Vec<u8>>>,
}

impl InMemory {
    /// A transport with no responses yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a response with this status and body, in the service's format, and no headers (add
    /// them with [`respond_with`](Self::respond_with)).
    #[must_use]
    pub fn respond(self, status: u16, body: impl Into<Vec<u8>>) -> Self {
        let mut response = http::Response::new(body.into());
        *response.status_mut() = http::StatusCode::from_u16(status).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
        self.respond_with(response)
    }

    /// Adds a response, headers and all.
    #[must_use]
    pub fn respond_with(self, response: http::Response<Vec<u8>>) -> Self {
        self.lock().responses.push_back(Ok(response));
        self
    }

    /// Adds a transport failure of this kind (a connection refused, say).
    #[must_use]
    pub fn fail(self, kind: TransportErrorKind) -> Self {
        self.lock().responses.push_back(Err(kind));
        self
    }

    /// The requests sent so far, signed, in order.
    pub fn requests(&self) -> Vec<http::Request<Vec<u8>>> {
        self.lock()
            .requests
            .iter()
            .map(super::transport::copy_request)
            .collect()
    }

    /// How many canned responses are left.
    pub fn remaining(&self) -> usize {
        self.lock().responses.len()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl HttpClient for InMemory {
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
        max_body: usize,
    ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
        let mut state = self.lock();
        state.requests.push(request);
        let result = match state.responses.pop_front() {
            Some(Ok(response)) if response.body().len() > max_body => Err(TransportError::body_too_large(max_body)),
            Some(Ok(response)) => Ok(response),
            Some(Err(kind)) => Err(TransportError::new(kind, "canned transport failure")),
            None => Err(TransportError::new(
                TransportErrorKind::Other,
                "the in-memory transport has no response left",
            )),
        };
        Box::pin(std::future::ready(result))
    }
}
