//! The measuring instruments: a heap-counting allocator for in-process peaks, `wait4` for the
//! wall time and peak memory of a child process tree, and the statistics of repeated runs.

use anyhow::{bail, Context, Result};
use std::alloc::{GlobalAlloc, Layout, System};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::{Duration, Instant};

/// Counts the bytes live on the heap and their peak.
pub struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every method forwards to `System` unchanged; the counters are plain atomics.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = CURRENT.fetch_add(layout.size(), Relaxed) + layout.size();
        PEAK.fetch_max(now, Relaxed);
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        CURRENT.fetch_sub(layout.size(), Relaxed);
        System.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size >= layout.size() {
            let now = CURRENT.fetch_add(new_size - layout.size(), Relaxed) + new_size - layout.size();
            PEAK.fetch_max(now, Relaxed);
        } else {
            CURRENT.fetch_sub(layout.size() - new_size, Relaxed);
        }
        System.realloc(ptr, layout, new_size)
    }
}

/// Runs `f` and returns its result, its wall time and the peak of heap bytes it added.
pub fn in_process<T>(f: impl FnOnce() -> T) -> (T, Duration, usize) {
    let base = CURRENT.load(Relaxed);
    PEAK.store(base, Relaxed);
    let start = Instant::now();
    let value = f();
    let elapsed = start.elapsed();
    (value, elapsed, PEAK.load(Relaxed).saturating_sub(base))
}

/// The wall time and the peak resident memory (bytes) of a command and every process it waited
/// for, which for `cargo build` is the largest `rustc`.
pub fn child(command: &mut Command) -> Result<(Duration, u64)> {
    let start = Instant::now();
    let child = command.spawn().with_context(|| format!("cannot start {command:?}"))?;
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: `rusage` is plain data that wait4 fills; the pid is our own child's, which std does
    // not wait for (the `Child` is dropped without `wait`).
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let elapsed = start.elapsed();
    drop(child);
    if waited != pid {
        bail!("wait4 failed for {command:?}: {}", std::io::Error::last_os_error());
    }
    if !(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0) {
        bail!("{command:?} failed (status {status})");
    }
    // Linux reports ru_maxrss in KiB.
    Ok((elapsed, usage.ru_maxrss as u64 * 1024))
}

/// Repeated measurements of one quantity.
#[derive(Clone, Debug, Default)]
pub struct Stats(pub Vec<f64>);

impl Stats {
    pub fn push(&mut self, value: f64) {
        self.0.push(value);
    }

    fn sorted(&self) -> Vec<f64> {
        let mut v = self.0.clone();
        v.sort_by(f64::total_cmp);
        v
    }

    pub fn median(&self) -> f64 {
        let v = self.sorted();
        match v.len() {
            0 => f64::NAN,
            n if n % 2 == 1 => v[n / 2],
            n => (v[n / 2 - 1] + v[n / 2]) / 2.0,
        }
    }

    /// `median (min–max, n runs)` with `digits` decimals.
    pub fn show(&self, digits: usize) -> String {
        let v = self.sorted();
        if v.len() < 2 {
            return format!("{:.digits$} (1 run)", self.median());
        }
        format!(
            "{:.digits$} ({:.digits$}–{:.digits$}, {} runs)",
            self.median(),
            v[0],
            v[v.len() - 1],
            v.len()
        )
    }
}
