//! `cargo bench -p strings` (in `tests/bench`): the cost of each way of holding a response's
//! text, to the decoder and to users' code, in time (criterion) and allocations (counted once
//! before the timings and printed).

use bytes::Bytes;
use compact_str::CompactString;
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use strings::{copy, decode, keep, list_body, read, text_values, Shared, Text};

struct Counting;
static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    f();
    ALLOCATIONS.load(Ordering::Relaxed) - before
}

fn one<T: Text>(c: &mut Criterion, name: &str, body: &Bytes, values: &[&str]) {
    let page: Vec<T> = decode(body, values);
    println!(
        "{name}: allocations: decode {}, keep {}, read {}, copy {}",
        allocations(|| drop(black_box(decode::<T>(body, values)))),
        allocations(|| drop(black_box(keep(page.clone())))) - allocations(|| drop(black_box(page.clone()))),
        allocations(|| {
            black_box(read(&page));
        }),
        allocations(|| drop(black_box(copy(&page)))),
    );
    let mut group = c.benchmark_group(name);
    group.bench_function("decode", |b| b.iter(|| decode::<T>(body, black_box(values))));
    group.bench_function("keep", |b| {
        b.iter_batched(|| page.clone(), keep, criterion::BatchSize::SmallInput)
    });
    group.bench_function("read", |b| b.iter(|| read(black_box(&page))));
    group.bench_function("copy", |b| b.iter(|| copy(black_box(&page))));
    group.finish();
}

fn strings(c: &mut Criterion) {
    let body = Bytes::from(list_body(50));
    let values = text_values(&body);
    assert_eq!(values.len(), 151);
    one::<String>(c, "String", &body, &values);
    one::<CompactString>(c, "CompactString", &body, &values);
    one::<Arc<str>>(c, "Arc<str>", &body, &values);
    one::<Shared>(c, "Shared (Bytes)", &body, &values);
}

criterion_group!(benches, strings);
criterion_main!(benches);
