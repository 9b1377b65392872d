//! Cost per call of awsQuery, ours against `aws-sdk-iam` and `aws-sdk-sts`, both on in-memory HTTP
//! clients with static credentials: a whole `send()` of an IAM ListUsers page of 100 and of an
//! STS AssumeRole; then XML decoding throughput on a ListUsers page of 1,000 users.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use xmlcall::{assume_role_body, list_users_body, official, ours, runtime};

fn send(c: &mut Criterion) {
    let rt = runtime();
    let mut group = c.benchmark_group("xml_send");
    let (o, a) = (
        ours::iam::client(list_users_body(100)),
        official::iam::client(list_users_body(100)),
    );
    group.bench_function(BenchmarkId::new("ListUsers100", "ours"), |b| {
        b.iter(|| rt.block_on(ours::iam::list_users(&o)))
    });
    group.bench_function(BenchmarkId::new("ListUsers100", "official"), |b| {
        b.iter(|| rt.block_on(official::iam::list_users(&a)))
    });
    let (o, a) = (
        ours::sts::client(assume_role_body()),
        official::sts::client(assume_role_body()),
    );
    group.bench_function(BenchmarkId::new("AssumeRole", "ours"), |b| {
        b.iter(|| rt.block_on(ours::sts::assume_role(&o)))
    });
    group.bench_function(BenchmarkId::new("AssumeRole", "official"), |b| {
        b.iter(|| rt.block_on(official::sts::assume_role(&a)))
    });
    group.finish();
}

fn throughput(c: &mut Criterion) {
    let rt = runtime();
    let body = list_users_body(1000);
    let mut group = c.benchmark_group("xml_throughput");
    group.throughput(Throughput::Bytes(body.len() as u64));
    let response = http::Response::builder().status(200).body(body.clone()).expect("valid");
    group.bench_function("decode/ours", |b| {
        b.iter(|| iam::operation::list_users::Operation::response(&response).expect("valid"))
    });
    let (o, a) = (ours::iam::client(body.clone()), official::iam::client(body));
    group.bench_function("send/ours", |b| b.iter(|| rt.block_on(ours::iam::list_users(&o))));
    group.bench_function("send/official", |b| {
        b.iter(|| rt.block_on(official::iam::list_users(&a)))
    });
    group.finish();
}

criterion_group!(benches, send, throughput);
criterion_main!(benches);
