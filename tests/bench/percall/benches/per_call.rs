//! Cost per call, ours against `aws-sdk-datazone`, both on an in-memory HTTP client with static
//! credentials: a whole `send()` (build, sign, transport, read) of GetDataSourceRun and of a
//! ListDataSourceRuns page of 50 summaries; then ours alone without the client (the sans-IO
//! encode and decode, which the official SDK does not expose); then decoding throughput on a
//! page of 1,000 summaries.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use datazone::operation::{get_data_source_run, list_data_source_runs};
use percall::{get_body, list_body, official, ours, runtime};

fn send(c: &mut Criterion) {
    let rt = runtime();
    let mut group = c.benchmark_group("send");
    let (o, a) = (ours::client(get_body()), official::client(get_body()));
    group.bench_function(BenchmarkId::new("GetDataSourceRun", "ours"), |b| {
        b.iter(|| rt.block_on(ours::get(&o)))
    });
    group.bench_function(BenchmarkId::new("GetDataSourceRun", "official"), |b| {
        b.iter(|| rt.block_on(official::get(&a)))
    });
    let (o, a) = (ours::client(list_body(50)), official::client(list_body(50)));
    group.bench_function(BenchmarkId::new("ListDataSourceRuns50", "ours"), |b| {
        b.iter(|| rt.block_on(ours::list(&o)))
    });
    group.bench_function(BenchmarkId::new("ListDataSourceRuns50", "official"), |b| {
        b.iter(|| rt.block_on(official::list(&a)))
    });
    group.finish();
}

fn wire(c: &mut Criterion) {
    let mut group = c.benchmark_group("wire");
    let input = get_data_source_run::GetDataSourceRunInput::new("dzd_4p9n6sw4qt9xgn", "run00000001");
    let endpoint = "https://datazone.us-east-1.api.aws";
    group.bench_function("encode/GetDataSourceRun", |b| {
        b.iter(|| get_data_source_run::Operation::request(&input, endpoint).expect("valid"))
    });
    let response = http::Response::builder().status(200).body(get_body()).expect("valid");
    group.bench_function("decode/GetDataSourceRun", |b| {
        b.iter(|| get_data_source_run::Operation::response(&response).expect("valid"))
    });
    let response = http::Response::builder()
        .status(200)
        .body(list_body(50))
        .expect("valid");
    group.bench_function("decode/ListDataSourceRuns50", |b| {
        b.iter(|| list_data_source_runs::Operation::response(&response).expect("valid"))
    });
    group.finish();
}

fn throughput(c: &mut Criterion) {
    let rt = runtime();
    let body = list_body(1000);
    let mut group = c.benchmark_group("throughput");
    group.throughput(Throughput::Bytes(body.len() as u64));
    let response = http::Response::builder().status(200).body(body.clone()).expect("valid");
    group.bench_function("decode/ours", |b| {
        b.iter(|| list_data_source_runs::Operation::response(&response).expect("valid"))
    });
    let (o, a) = (ours::client(body.clone()), official::client(body));
    group.bench_function("send/ours", |b| b.iter(|| rt.block_on(ours::list(&o))));
    group.bench_function("send/official", |b| b.iter(|| rt.block_on(official::list(&a))));
    group.finish();
}

criterion_group!(benches, send, wire, throughput);
criterion_main!(benches);
