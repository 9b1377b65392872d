//! Waiters (`smithy.waiters#waitable`): in an operation's module, a function of the acceptors
//! (the state of the first that matches the response), the request's `wait_until_*` method and
//! the client's; the polling is the runtime's (`runtime/src/waiter.rs`).
//!
//! Each acceptor's JMESPath, type-checked by the IR (`ir::waiter_paths`, which refused a model
//! whose paths do not fit), is written here as Rust over the typed output: a path of members
//! becomes `Option<&T>`, a projection `Vec<&T>`, `length()` and numbers `Option<f64>`,
//! comparisons and `&&`, `||`, `!` a `bool`, as JMESPath's `null` is `None`.

use super::protocol::Protocol;
use super::rust::{docs, ident};
use super::shapes::Shapes;
use crate::ir::jmespath::{Comparator, Expr};
use crate::ir::waiter_paths::{self, Render, Scalar, Test, Ty, Val};
use crate::ir::{AcceptorState, Matcher, Member, NamedKind, Operation, PathComparator, Structure, Type, Waiter};
use proc_macro2::TokenStream;
use quote::quote;

/// In the operation's module: each waiter's acceptors and the request's `wait_until_*` method.
pub fn operation(op: &Operation, shapes: &Shapes<'_>, protocol: &dyn Protocol) -> TokenStream {
    if op.waiters.is_empty() {
        return quote! {};
    }
    let request = ident(&op.request);
    let mut functions = Vec::new();
    let mut methods = Vec::new();
    for waiter in &op.waiters {
        functions.push(acceptors_fn(op, waiter, shapes));
        let method = ident(&waiter.method);
        let acceptors = acceptors_ident(waiter);
        let name = &waiter.name;
        let (min, max) = (waiter.min_delay, waiter.max_delay);
        let doc = waiter_docs(waiter);
        let dep = waiter.deprecated.then(|| quote! { #[deprecated] });
        let about = format!(
            " The `{name}` waiter: calls `{}` until an acceptor says it is done, waiting {min} to {max} s between calls; give the total time to [`wait`](crate::waiter::Wait::wait).",
            op.id.name()
        );
        methods.push(quote! {
            #doc
            ///
            #[doc = #about]
            #dep
            pub fn #method(self) -> crate::waiter::Wait<Operation> {
                crate::waiter::Wait::new(self.client, self.input, #name, #acceptors, #min, #max)
            }
        });
    }
    let tests = tests(op, shapes, protocol);
    quote! {
        #(#functions)*

        impl #request {
            #(#methods)*
        }

        #tests
    }
}

/// The waiter's documentation: the model's, or what it waits for.
fn waiter_docs(waiter: &Waiter) -> TokenStream {
    if waiter.docs.is_empty() {
        let line = format!(" Waits until `{}`.", waiter.name);
        return quote! { #[doc = #line] };
    }
    docs(&waiter.docs)
}

/// Tests of each waiter against the in-memory transport: for every acceptor whose response can be
/// written from its matcher (an error type; `stringEquals` on a path of members in the body,
/// `anyStringEquals`/`allStringEquals` on a projection `a.b[].c` of one), and before which only
/// such acceptors come, that response ends the wait as the acceptor says; and where no acceptor
/// can match an empty output, a small total time runs out on a stream of them.
fn tests(op: &Operation, shapes: &Shapes<'_>, protocol: &dyn Protocol) -> TokenStream {
    let request = ident(&op.request);
    let output = ident(&op.output.name);
    let error = ident(&op.error_enum);
    let mut tests = Vec::new();
    for waiter in &op.waiters {
        let method = ident(&waiter.method);
        let snake = crate::ir::names::snake(&waiter.name);
        let mut written = 0;
        for (i, acceptor) in waiter.acceptors.iter().enumerate() {
            // An earlier acceptor that a written response might match too would decide first.
            if !waiter.acceptors[..i].iter().all(writable) {
                break;
            }
            let response = match &acceptor.matcher {
                Matcher::ErrorType(code) => protocol.sample_error(code),
                Matcher::Output { path, expected, .. } if writable(acceptor) => {
                    let Some(params) = params_for(&op.output, path, expected, shapes) else {
                        continue;
                    };
                    let body = protocol.codec().sample(op, &params, shapes);
                    quote! { ::http::Response::builder().status(200).body(#body.as_bytes().to_vec()).unwrap() }
                }
                _ => continue,
            };
            let expect = match acceptor.state {
                AcceptorState::Success => quote! { assert!(result.is_ok(), "{result:?}"); },
                AcceptorState::Failure => quote! {
                    assert!(::std::matches!(result, ::std::result::Result::Err(crate::waiter::WaitError::Failure { acceptor: #i, .. })), "{result:?}");
                },
                // Retried: the waiter calls again, and with nothing queued the next call fails.
                AcceptorState::Retry => quote! {
                    assert!(::std::matches!(result, ::std::result::Result::Err(crate::waiter::WaitError::Error { .. })), "{result:?}");
                    assert!(http.requests().len() >= 2, "{} requests", http.requests().len());
                },
            };
            let name = ident(&format!("{snake}_acceptor_{i}"));
            tests.push(quote! {
                #[test]
                fn #name() {
                    let http = crate::test_util::InMemory::new().respond_with(#response);
                    let result = wait(&http, |client| client.#method());
                    #expect
                }
            });
            written += 1;
        }
        // The empty output matches none of these: no string is `null`, no projection of `null`
        // has an element.
        if waiter.acceptors.iter().all(writable) && written > 0 {
            let name = ident(&format!("{snake}_times_out"));
            let empty = protocol.codec().sample(op, &minimal_params(&op.output, shapes), shapes);
            tests.push(quote! {
                #[test]
                fn #name() {
                    let mut http = crate::test_util::InMemory::new();
                    for _ in 0..200 {
                        http = http.respond(200, #empty);
                    }
                    let result = wait(&http, |client| client.#method());
                    assert!(::std::matches!(result, ::std::result::Result::Err(crate::waiter::WaitError::TimedOut { .. })), "{result:?}");
                }
            });
        }
    }
    if tests.is_empty() {
        return quote! {};
    }
    // Required text (labels among it) must not be empty; the rest may be zero.
    let params: serde_json::Map<String, serde_json::Value> = op
        .input
        .members
        .iter()
        .filter(|m| !m.optional && m.ty == Some(Type::String))
        .map(|m| (m.wire_name.clone(), serde_json::Value::String("waiter-test".into())))
        .collect();
    let (input, _) = super::protocol_tests::structure_value(&op.input, &serde_json::Value::Object(params), shapes);
    quote! {
        #[cfg(all(test, feature = "test-util"))]
        mod waiter_tests {
            use super::*;

            /// Runs a waiter of a client on `http`, with delays of a millisecond or two and 50 ms
            /// in all.
            #[allow(clippy::result_large_err)]
            fn wait(
                http: &crate::test_util::InMemory,
                waiter: impl ::std::ops::FnOnce(#request) -> crate::waiter::Wait<Operation>,
            ) -> ::std::result::Result<crate::waiter::Finished<#output, #error>, crate::waiter::WaitError<#output, #error>> {
                let config = crate::Config::builder()
                    .region("us-east-1")
                    .endpoint_url("https://waiter.test")
                    .credentials(crate::auth::Credentials::new("AKIDWAITER", "waiter-secret", ::std::option::Option::None))
                    .http_client(http.clone())
                    // Each call once: the waiter's polling is what is tested, not the client's retries.
                    .retry(crate::config::RetryConfig::disabled())
                    .build();
                let request = #request::new(crate::Client::new(config), #input);
                let wait = waiter(request)
                    .min_delay(::std::time::Duration::from_millis(1))
                    .max_delay(::std::time::Duration::from_millis(2))
                    .wait(::std::time::Duration::from_millis(50));
                ::tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap().block_on(wait)
            }

            #(#tests)*
        }
    }
}

/// Whether a response matching the acceptor can be written from it: an error type,
/// `stringEquals` on a member path, `anyStringEquals`/`allStringEquals` on a projection of one.
fn writable(acceptor: &crate::ir::Acceptor) -> bool {
    match &acceptor.matcher {
        Matcher::ErrorType(_) => true,
        Matcher::Output { input_output: true, .. } => false,
        Matcher::Output { path, comparator, .. } => matches!(
            (comparator, path_shape(path)),
            (PathComparator::StringEquals, Some((_, None)))
                | (
                    PathComparator::AnyStringEquals | PathComparator::AllStringEquals,
                    Some((_, Some(_)))
                )
        ),
        Matcher::Success(_) => false,
    }
}

/// A path of members (`a.b`), or one with an unfiltered projection of members (`a.b[].c`): the
/// members before, and those of each element.
fn path_shape(path: &Expr) -> Option<(Vec<&str>, Option<Vec<&str>>)> {
    match path {
        Expr::Project {
            list,
            filter: None,
            rest,
        } => Some((member_path(list)?, Some(member_path(rest)?))),
        _ => Some((member_path(path)?, None)),
    }
}

/// The members of a path of member names (`a.b.c`; `@` is none), if it is one.
fn member_path(path: &Expr) -> Option<Vec<&str>> {
    match path {
        Expr::Current => Some(Vec::new()),
        Expr::Field(name) => Some(vec![name.as_str()]),
        Expr::Sub(left, right) => {
            let mut names = member_path(left)?;
            names.extend(member_path(right)?);
            Some(names)
        }
        _ => None,
    }
}

/// The smallest output `s` in its body: its required body members, each at its smallest (as
/// params, keyed by member name).
fn minimal_params(s: &Structure, shapes: &Shapes<'_>) -> serde_json::Value {
    let members = s
        .members
        .iter()
        .filter(|m| !m.optional && m.binding == crate::ir::Binding::Body);
    let object = members
        .filter_map(|m| {
            Some((
                m.wire_name.clone(),
                super::protocol_tests::minimal(m.ty.as_ref()?, shapes, 0)?,
            ))
        })
        .collect();
    serde_json::Value::Object(object)
}

/// An output (as params) whose `path` is the string `expected` (for a projection, a list of one
/// element whose member is), and whose structures on the way have their required members.
fn params_for(output: &Structure, path: &Expr, expected: &str, shapes: &Shapes<'_>) -> Option<serde_json::Value> {
    let (before, each) = path_shape(path)?;
    let first = output
        .members
        .iter()
        .find(|m| Some(&m.wire_name.as_str()) == before.first())?;
    if first.binding != crate::ir::Binding::Body {
        return None;
    }
    let leaf = serde_json::Value::String(expected.to_owned());
    let body = match each {
        None => with_value(output, &before, leaf, shapes)?,
        Some(each) => {
            let (parent, list) = before.split_at(before.len().checked_sub(1)?);
            let list_member = find_member(output, parent, list[0], shapes)?;
            let Some(Type::List { member, .. }) = &list_member.ty else {
                return None;
            };
            // `a[]` of strings or enums, or `a[].b` of structures.
            let element = match &member.ty {
                Type::String if each.is_empty() => leaf,
                Type::Named(n) if each.is_empty() && n.kind == NamedKind::Enum => leaf,
                Type::Named(n) if !each.is_empty() => with_value(shapes.structures.get(&n.id)?, &each, leaf, shapes)?,
                _ => return None,
            };
            with_value(output, &before, serde_json::Value::Array(vec![element]), shapes)?
        }
    };
    Some(body)
}

/// Member `name` of the structure at `path` below `s`.
fn find_member<'a>(s: &'a Structure, path: &[&str], name: &str, shapes: &Shapes<'a>) -> Option<&'a crate::ir::Member> {
    let mut structure = s;
    for step in path {
        let m = structure.members.iter().find(|m| m.wire_name == *step)?;
        let Some(Type::Named(n)) = &m.ty else { return None };
        structure = shapes.structures.get(&n.id)?;
    }
    structure.members.iter().find(|m| m.wire_name == name)
}

/// The smallest `s` (as params) with `value` at `path` (of member names), the structures on the
/// way at their smallest too.
fn with_value(
    s: &Structure,
    path: &[&str],
    value: serde_json::Value,
    shapes: &Shapes<'_>,
) -> Option<serde_json::Value> {
    let mut body = minimal_params(s, shapes);
    let (first, rest) = path.split_first()?;
    let m = s.members.iter().find(|m| m.wire_name == *first)?;
    let inner = if rest.is_empty() {
        value
    } else {
        let Some(Type::Named(n)) = &m.ty else { return None };
        with_value(shapes.structures.get(&n.id)?, rest, value, shapes)?
    };
    body.as_object_mut()?.insert(m.wire_name.clone(), inner);
    Some(body)
}

/// The client's `wait_until_*` methods of `op`: its request's, from the required members.
pub fn client_methods(op: &Operation) -> Vec<TokenStream> {
    op.waiters
        .iter()
        .map(|waiter| {
            let method = ident(&waiter.method);
            let op_method = ident(&op.method);
            let module = ident(&op.module);
            let params = super::structures::constructor_params(&op.input);
            let args = op.input.constructor_args().map(|m| ident(&m.field));
            let doc = waiter_docs(waiter);
            let dep = waiter.deprecated.then(|| quote! { #[deprecated] });
            let allow = (params.len() > 6).then(|| quote! { #[allow(clippy::too_many_arguments)] });
            let see = format!(
                " The `{}` waiter of [`{}`](Self::{}), from its required members; for the others, call it on the request: `client.{}(..).{}()`.",
                waiter.name, op.method, op.method, op.method, waiter.method
            );
            quote! {
                #doc
                ///
                #[doc = #see]
                #dep
                #allow
                pub fn #method(&self, #(#params),*) -> crate::waiter::Wait<crate::operation::#module::Operation> {
                    self.#op_method(#(#args),*).#method()
                }
            }
        })
        .collect()
}

fn acceptors_ident(waiter: &Waiter) -> proc_macro2::Ident {
    ident(&format!("{}_acceptors", crate::ir::names::snake(&waiter.name)))
}

/// `fn <waiter>_acceptors(&Input, &Result<Output, Error>) -> Option<(State, usize)>`.
fn acceptors_fn(op: &Operation, waiter: &Waiter, shapes: &Shapes<'_>) -> TokenStream {
    let input = ident(&op.input.name);
    let output = ident(&op.output.name);
    let error = ident(&op.error_enum);
    let mut checks = Vec::new();
    for acceptor in &waiter.acceptors {
        let state = match acceptor.state {
            AcceptorState::Success => quote! { crate::waiter::State::Success },
            AcceptorState::Failure => quote! { crate::waiter::State::Failure },
            AcceptorState::Retry => quote! { crate::waiter::State::Retry },
        };
        let test = match &acceptor.matcher {
            Matcher::Success(true) => quote! { response.is_ok() },
            Matcher::Success(false) => quote! { response.is_err() },
            Matcher::ErrorType(code) => quote! { response.as_ref().err().is_some_and(|e| e.code() == #code) },
            Matcher::Output {
                path,
                expected,
                comparator,
                input_output,
            } => {
                let test = waiter_paths::matcher(
                    op,
                    path,
                    *comparator,
                    expected,
                    *input_output,
                    &shapes.structures,
                    &mut Rust,
                )
                .unwrap_or_else(|why| panic!("`ir::waiter_paths::problems` refuses a model whose path {why}"));
                quote! { response.as_ref().ok().is_some_and(|output| #test) }
            }
        };
        let place = checks.len();
        checks.push(quote! {
            if #test {
                return ::std::option::Option::Some((#state, #place));
            }
        });
    }
    let name = acceptors_ident(waiter);
    let doc = format!(
        " The acceptors of the `{}` waiter, in order: the state and place of the first that matches.",
        waiter.name
    );
    quote! {
        #[doc = #doc]
        // The compiled JMESPath groups every comparison and `&&`/`||` in parentheses; `input` is
        // read by `inputOutput` matchers only.
        #[allow(unused_parens, unused_variables)]
        fn #name(input: &#input, response: &::std::result::Result<#output, #error>) -> ::std::option::Option<(crate::waiter::State, usize)> {
            #(#checks)*
            ::std::option::Option::None
        }
    }
}

/// The Rust of a checked path, over `output` (and `input`), in the acceptors' function.
struct Rust;

impl Render for Rust {
    type Code = TokenStream;

    fn root(&mut self, input_output: bool) -> TokenStream {
        if input_output {
            quote! { ::std::option::Option::Some(&()) }
        } else {
            quote! { ::std::option::Option::Some(output) }
        }
    }

    fn side(&mut self, input: bool) -> TokenStream {
        if input {
            quote! { ::std::option::Option::Some(input) }
        } else {
            quote! { ::std::option::Option::Some(output) }
        }
    }

    fn member(&mut self, of: TokenStream, m: &Member, many: bool) -> TokenStream {
        let f = ident(&m.field);
        // The member of `v`: `&T`, or for an optional one `Option<&T>`.
        let get = match (m.optional, m.boxed) {
            (true, true) => quote! { v.#f.as_deref() },
            (true, false) => quote! { v.#f.as_ref() },
            (false, true) => quote! { &*v.#f },
            (false, false) => quote! { &v.#f },
        };
        match (many, m.optional) {
            (true, true) => quote! { #of.into_iter().filter_map(|v| #get).collect::<::std::vec::Vec<_>>() },
            (true, false) => quote! { #of.into_iter().map(|v| #get).collect::<::std::vec::Vec<_>>() },
            (false, true) => quote! { #of.and_then(|v| #get) },
            (false, false) => quote! { #of.map(|v| #get) },
        }
    }

    fn elements(&mut self, list: TokenStream, many: bool, sparse: bool) -> TokenStream {
        let iter = if sparse {
            quote! { l.iter().flatten() }
        } else {
            quote! { l.iter() }
        };
        if many {
            quote! { #list.into_iter().flat_map(|l| #iter).collect::<::std::vec::Vec<_>>() }
        } else {
            quote! { #list.map(|l| #iter.collect::<::std::vec::Vec<_>>()).unwrap_or_default() }
        }
    }

    fn element(&mut self) -> TokenStream {
        quote! { ::std::option::Option::Some(*item) }
    }

    fn filter(&mut self, items: TokenStream, keep: TokenStream) -> TokenStream {
        quote! { #items.into_iter().filter(|item| #keep).collect::<::std::vec::Vec<_>>() }
    }

    fn string(&mut self, s: &str) -> TokenStream {
        quote! { ::std::option::Option::Some(#s) }
    }

    fn number(&mut self, n: f64) -> TokenStream {
        quote! { ::std::option::Option::Some(#n) }
    }

    fn boolean(&mut self, b: bool) -> TokenStream {
        quote! { #b }
    }

    fn length(&mut self, of: Val<'_, TokenStream>) -> TokenStream {
        match of {
            Val::One(code, Ty::Str) => quote! { #code.map(|s| s.as_str().chars().count() as f64) },
            Val::One(code, _) => quote! { #code.map(|l| l.len() as f64) },
            Val::Many(code, _) => quote! { ::std::option::Option::Some(#code.len() as f64) },
            Val::Str(code) => quote! { #code.map(|s| s.chars().count() as f64) },
            Val::Bool(_) | Val::Num(_) => unreachable!("`length()` of a list or a string, checked"),
        }
    }

    fn truthy(&mut self, value: Val<'_, TokenStream>) -> TokenStream {
        match value {
            Val::Bool(code) => code,
            Val::One(code, Ty::Bool) => quote! { (#code == ::std::option::Option::Some(&true)) },
            Val::One(code, Ty::List(..)) => quote! { #code.is_some_and(|l| !l.is_empty()) },
            Val::One(code, Ty::Str) => quote! { #code.is_some_and(|s| !s.as_str().is_empty()) },
            Val::One(code, _) | Val::Num(code) => quote! { #code.is_some() },
            Val::Many(code, _) => quote! { !#code.is_empty() },
            Val::Str(code) => quote! { #code.is_some_and(|s| !s.is_empty()) },
        }
    }

    fn compare(
        &mut self,
        op: Comparator,
        scalar: Scalar,
        a: Val<'_, TokenStream>,
        b: Val<'_, TokenStream>,
    ) -> TokenStream {
        let (a, b) = (scalar_of(scalar, a), scalar_of(scalar, b));
        let ordered = |cmp: TokenStream| quote! { ::std::matches!((#a, #b), (::std::option::Option::Some(a), ::std::option::Option::Some(b)) if a #cmp b) };
        match op {
            Comparator::Eq => quote! { (#a == #b) },
            Comparator::Ne => quote! { (#a != #b) },
            Comparator::Lt => ordered(quote! { < }),
            Comparator::Le => ordered(quote! { <= }),
            Comparator::Gt => ordered(quote! { > }),
            Comparator::Ge => ordered(quote! { >= }),
        }
    }

    fn and(&mut self, a: TokenStream, b: TokenStream) -> TokenStream {
        quote! { (#a && #b) }
    }

    fn or(&mut self, a: TokenStream, b: TokenStream) -> TokenStream {
        quote! { (#a || #b) }
    }

    fn not(&mut self, a: TokenStream) -> TokenStream {
        quote! { !#a }
    }

    fn test(&mut self, value: Val<'_, TokenStream>, test: Test<'_>) -> TokenStream {
        match (test, value) {
            (Test::StringEquals(expected), v) => {
                let text = scalar_of(Scalar::Text, v);
                quote! { #text == ::std::option::Option::Some(#expected) }
            }
            (Test::BooleanEquals(true), Val::Bool(code)) => code,
            (Test::BooleanEquals(false), Val::Bool(code)) => quote! { !#code },
            (Test::BooleanEquals(expected), v) => {
                let value = scalar_of(Scalar::Boolean, v);
                quote! { #value == ::std::option::Option::Some(#expected) }
            }
            (Test::AllStringEquals(expected), Val::Many(code, _)) => {
                quote! { { let values = #code; !values.is_empty() && values.iter().all(|s| s.as_str() == #expected) } }
            }
            (Test::AnyStringEquals(expected), Val::Many(code, _)) => {
                quote! { #code.iter().any(|s| s.as_str() == #expected) }
            }
            (Test::AllStringEquals(_) | Test::AnyStringEquals(_), _) => unreachable!("a projection, checked"),
        }
    }
}

/// A value as an `Option` of the kind a comparison compares: `f64`, `&str` or `bool`.
fn scalar_of(scalar: Scalar, v: Val<'_, TokenStream>) -> TokenStream {
    match (scalar, v) {
        (Scalar::Number, Val::One(code, _)) => quote! { #code.map(|n| *n as f64) },
        (Scalar::Text, Val::One(code, _)) => quote! { #code.map(|s| s.as_str()) },
        (Scalar::Boolean, Val::One(code, _)) => quote! { #code.copied() },
        (Scalar::Boolean, Val::Bool(code)) => quote! { ::std::option::Option::Some(#code) },
        (_, Val::Num(code) | Val::Str(code)) => code,
        (_, Val::Bool(_) | Val::Many(..)) => unreachable!("compared as {}: checked", "a scalar"),
    }
}
