//! The measuring instruments: a heap-counting allocator for in-process peaks, `wait4` for the
//! wall time and peak memory of a child process tree, and the statistics of repeated runs.

use anyhow::{bail, Context, Result};
use std::alloc::{GlobalAlloc, Layout, System};
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicIsize, Ordering::Relaxed};
use std::time::{Duration, Instant};

/// Counts the bytes live on the heap and their peak, while [`peak_heap`] runs (the count is off
/// otherwise: contended counters on every allocation would slow the timed runs down).
pub struct Counting;

static COUNTING: AtomicBool = AtomicBool::new(false);
static CURRENT: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);

fn count(delta: isize) {
    if COUNTING.load(Relaxed) {
        let now = CURRENT.fetch_add(delta, Relaxed) + delta;
        PEAK.fetch_max(now, Relaxed);
    }
}

// SAFETY: every method forwards to `System` unchanged; the counters are plain atomics.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size() as isize);
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        count(-(layout.size() as isize));
        System.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(new_size as isize - layout.size() as isize);
        System.realloc(ptr, layout, new_size)
    }
}

/// Runs `f` and returns its result and its wall time.
pub fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let value = f();
    (value, start.elapsed())
}

/// Runs `f` and returns its result and the most heap bytes it had live at once.
pub fn peak_heap<T>(f: impl FnOnce() -> T) -> (T, usize) {
    CURRENT.store(0, Relaxed);
    PEAK.store(0, Relaxed);
    COUNTING.store(true, Relaxed);
    let value = f();
    COUNTING.store(false, Relaxed);
    (value, PEAK.load(Relaxed).max(0) as usize)
}

/// The wall time and the peak resident memory (bytes) of a command and every process it waited
/// for, which for `cargo build` is the largest `rustc`.
///
/// The command runs under a fresh copy of this program (`--wait4`): Linux starts a child's peak
/// at its parent's, and the parent here has generated 3,000 operations in memory; the small
/// copy's children start clean.
pub fn child(command: &Command) -> Result<(Duration, u64)> {
    let result = std::env::temp_dir().join(format!("bench-wait4-{}", std::process::id()));
    let mut wrapper = Command::new(std::env::current_exe()?);
    // Standard output is dropped (`cargo build --quiet` and `xtask codegen` only report there).
    wrapper
        .arg("--wait4")
        .arg(&result)
        .arg(command.get_program())
        .args(command.get_args());
    wrapper.stdout(std::process::Stdio::null());
    for (key, value) in command.get_envs() {
        match value {
            Some(value) => wrapper.env(key, value),
            None => wrapper.env_remove(key),
        };
    }
    if let Some(dir) = command.get_current_dir() {
        wrapper.current_dir(dir);
    }
    let status = wrapper.status().with_context(|| format!("cannot start {command:?}"))?;
    if !status.success() {
        bail!("{command:?} failed ({status})");
    }
    let text = std::fs::read_to_string(&result)?;
    let _ = std::fs::remove_file(&result);
    let (nanos, rss) = text.trim().split_once(' ').context("a wait4 result")?;
    Ok((Duration::from_nanos(nanos.parse()?), rss.parse()?))
}

/// `driver --wait4 RESULT PROGRAM ARGS...`: runs the program, waits for it with `wait4`, and
/// writes `nanoseconds peak-bytes` to RESULT. Exits with the program's status.
pub fn wait4_main(args: &[String]) -> Result<i32> {
    let [result, program, rest @ ..] = args else {
        bail!("usage: --wait4 RESULT PROGRAM ARGS...")
    };
    let start = Instant::now();
    let child = Command::new(program)
        .args(rest)
        .spawn()
        .with_context(|| format!("cannot start {program}"))?;
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: `rusage` is plain data that wait4 fills; the pid is our own child's, which std does
    // not wait for (the `Child` is dropped without `wait`).
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let elapsed = start.elapsed();
    drop(child);
    if waited != pid {
        bail!("wait4 failed for {program}: {}", std::io::Error::last_os_error());
    }
    // Linux reports ru_maxrss in KiB.
    std::fs::write(
        result,
        format!("{} {}", elapsed.as_nanos(), usage.ru_maxrss as u64 * 1024),
    )?;
    Ok(if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        1
    })
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
