//! Throughput of a whole-document walk: the runtime's reader against quick-xml, on an IAM
//! ListUsers page of 1,000 users.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn walk(c: &mut Criterion) {
    let body = xmlcall::list_users_body(1000);
    let mut group = c.benchmark_group("xml_parse");
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.bench_function("ours", |b| b.iter(|| xmlparse::ours(&body)));
    group.bench_function("quick-xml", |b| b.iter(|| xmlparse::quick(&body)));
    group.finish();
}

criterion_group!(benches, walk);
criterion_main!(benches);
