//! Paginators: every page, or every item, of a paginated operation as a `futures` [`Stream`].
//!
//! A paginator asks for the next page with the token of the last one, and stops when the
//! token is absent, empty, or the same as the one it just sent.
//!
//! [`Pages`] and [`PageItems`] are read with their own `next()` and `try_next()`, with no other
//! crate (`while let Some(run) = items.try_next().await? { .. }`), or as the `futures`
//! [`Stream`]s they are, with `futures-util`'s `StreamExt` and `TryStreamExt`.

use super::client::{Call, Client};
use super::transport::BoxFuture;
use futures_core::Stream;
use std::collections::VecDeque;
use std::pin::Pin;
use std::task::{ready, Context, Poll};

/// A paginated operation: implemented by the `Operation` of each one.
pub trait Paginate: Call {
    /// The input's pagination token, if set.
    fn token(input: &Self::Input) -> Option<&str>;
    /// Sets the input's pagination token.
    fn set_token(input: &mut Self::Input, token: String);
    /// The output's next token, if any.
    fn next_token(output: &Self::Output) -> Option<&str>;
}

/// A paginated operation with a page size member.
pub trait PageSize: Paginate {
    /// Sets the input's page size.
    fn set_page_size(input: &mut Self::Input, size: i32);
}

/// A paginated operation whose pages hold a list of items.
pub trait Items: Paginate {
    /// One item.
    type Item: Send + Unpin + 'static;
    /// Takes the items of a page.
    fn items(output: Self::Output) -> Vec<Self::Item>;
}

/// The pages of a call, before the first request: set the page size, then take
/// [`pages`](Self::pages) or [`items`](Self::items).
pub struct Paginator<Op: Paginate> {
    client: Client,
    input: Op::Input,
}

impl<Op: Paginate> Paginator<Op> {
    pub(crate) fn new(client: Client, input: Op::Input) -> Self {
        Self { client, input }
    }

    /// Every page, as a stream of results; it ends after the first error.
    pub fn pages(self) -> Pages<Op> {
        Pages {
            client: self.client,
            next: Some(self.input),
            pending: None,
        }
    }
}

impl<Op: Paginate> super::client::Request<Op> {
    /// Every page (or, with `.items()`, every item) of the call, as a `futures::Stream`.
    pub fn into_paginator(self) -> Paginator<Op> {
        Paginator::new(self.client, self.input)
    }
}

impl<Op: PageSize> Paginator<Op> {
    /// The most items per page.
    #[must_use]
    pub fn page_size(mut self, size: i32) -> Self {
        Op::set_page_size(&mut self.input, size);
        self
    }
}

impl<Op: Items> Paginator<Op> {
    /// Every item of every page, as a stream of results; it ends after the first error.
    pub fn items(self) -> PageItems<Op> {
        PageItems {
            pages: self.pages(),
            buffered: VecDeque::new(),
        }
    }
}

/// The stream of pages of a [`Paginator`].
pub struct Pages<Op: Paginate> {
    client: Client,
    /// The input of the next request; `None` when there is none.
    next: Option<Op::Input>,
    /// The request under way, and the token it sent.
    pending: Option<(Page<Op>, Op::Input)>,
}

/// A request for one page, under way.
type Page<Op> = BoxFuture<'static, Result<<Op as Call>::Output, <Op as Call>::Error>>;

impl<Op: Paginate> Stream for Pages<Op> {
    type Item = Result<Op::Output, Op::Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        if this.pending.is_none() {
            let Some(input) = this.next.take() else {
                return Poll::Ready(None);
            };
            let client = this.client.clone();
            let sent = input.clone();
            this.pending = Some((Box::pin(async move { client.call::<Op>(sent).await }), input));
        }
        let Some((future, _)) = this.pending.as_mut() else {
            return Poll::Ready(None);
        };
        let result = ready!(future.as_mut().poll(cx));
        let Some((_, mut input)) = this.pending.take() else {
            return Poll::Ready(None);
        };
        if let Ok(output) = &result {
            if let Some(token) = Op::next_token(output) {
                if !token.is_empty() && Op::token(&input) != Some(token) {
                    Op::set_token(&mut input, token.to_owned());
                    this.next = Some(input);
                }
            }
        }
        Poll::Ready(Some(result))
    }
}

/// The stream of items of a [`Paginator`].
pub struct PageItems<Op: Items> {
    pages: Pages<Op>,
    buffered: VecDeque<Op::Item>,
}

impl<Op: Items> Stream for PageItems<Op> {
    type Item = Result<Op::Item, Op::Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.buffered.pop_front() {
                return Poll::Ready(Some(Ok(item)));
            }
            match ready!(Pin::new(&mut this.pages).poll_next(cx)) {
                Some(Ok(page)) => this.buffered.extend(Op::items(page)),
                Some(Err(e)) => return Poll::Ready(Some(Err(e))),
                None => return Poll::Ready(None),
            }
        }
    }
}

impl<Op: Paginate> Pages<Op> {
    /// The next page or error; `None` at the end (also after an error).
    pub async fn next(&mut self) -> Option<Result<Op::Output, Op::Error>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    /// The next page (`Ok(None)` at the end), or the error:
    /// `while let Some(page) = pages.try_next().await? { .. }`.
    pub async fn try_next(&mut self) -> Result<Option<Op::Output>, Op::Error> {
        self.next().await.transpose()
    }
}

impl<Op: Items> PageItems<Op> {
    /// The next item or error; `None` at the end (also after an error).
    pub async fn next(&mut self) -> Option<Result<Op::Item, Op::Error>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    /// The next item (`Ok(None)` at the end), or the error:
    /// `while let Some(item) = items.try_next().await? { .. }`.
    pub async fn try_next(&mut self) -> Result<Option<Op::Item>, Op::Error> {
        self.next().await.transpose()
    }
}

impl<Op: Paginate> std::fmt::Debug for Paginator<Op> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Paginator").field("operation", &Op::NAME).finish()
    }
}

impl<Op: Paginate> std::fmt::Debug for Pages<Op> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pages")
            .field("done", &(self.next.is_none() && self.pending.is_none()))
            .finish()
    }
}

impl<Op: Items> std::fmt::Debug for PageItems<Op> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageItems")
            .field("pages", &self.pages)
            .field("buffered", &self.buffered.len())
            .finish()
    }
}
