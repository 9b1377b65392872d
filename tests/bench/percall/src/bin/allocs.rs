//! Allocations per call: a counting global allocator around each client's whole `send()`, the
//! same calls as the criterion benchmark. Prints one JSON object per case.

use percall::{get_body, list_body, official, ours, runtime};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

struct Counting;

static COUNT: AtomicU64 = AtomicU64::new(0);
static BYTES: AtomicU64 = AtomicU64::new(0);

// SAFETY: every method forwards to `System` unchanged; the counters are plain atomics.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        COUNT.fetch_add(1, Relaxed);
        BYTES.fetch_add(layout.size() as u64, Relaxed);
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        COUNT.fetch_add(1, Relaxed);
        BYTES.fetch_add(new_size as u64, Relaxed);
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

const CALLS: u64 = 1_000;

fn measure<F: std::future::Future>(
    case: &str,
    client: &str,
    rt: &tokio::runtime::Runtime,
    mut call: impl FnMut() -> F,
) {
    for _ in 0..10 {
        rt.block_on(call()); // warm: connection-free, but caches and lazy statics settle
    }
    let (count, bytes) = (COUNT.load(Relaxed), BYTES.load(Relaxed));
    for _ in 0..CALLS {
        rt.block_on(call());
    }
    let count = (COUNT.load(Relaxed) - count) as f64 / CALLS as f64;
    let bytes = (BYTES.load(Relaxed) - bytes) as f64 / CALLS as f64;
    println!(r#"{{"case":"{case}","client":"{client}","allocations":{count:.1},"bytes":{bytes:.0}}}"#);
}

fn main() {
    let rt = runtime();
    let (o, a) = (ours::client(get_body()), official::client(get_body()));
    measure("GetDataSourceRun", "ours", &rt, || ours::get(&o));
    measure("GetDataSourceRun", "official", &rt, || official::get(&a));
    let (o, a) = (ours::client(list_body(50)), official::client(list_body(50)));
    measure("ListDataSourceRuns50", "ours", &rt, || ours::list(&o));
    measure("ListDataSourceRuns50", "official", &rt, || official::list(&a));
}
