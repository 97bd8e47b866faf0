//! Throughput of the full analysis on a ~1 MB article (the seed articles repeated, as paragraphs).
//! Run with `cargo bench -p annotator-core`; criterion prints MiB/s from `Throughput::Bytes`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

const SEEDS: [&str; 3] = [
    include_str!("../tests/gold/seed-000.txt"),
    include_str!("../tests/gold/seed-001.txt"),
    include_str!("../tests/gold/seed-002.txt"),
];

fn one_megabyte() -> String {
    let mut s = String::with_capacity(1 << 20);
    while s.len() < 1_000_000 {
        for seed in SEEDS {
            s.push_str(seed);
            s.push_str("\n\n");
        }
    }
    s
}

fn bench(c: &mut Criterion) {
    let text = one_megabyte();
    let mut g = c.benchmark_group("analyze");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(20);
    g.bench_function("seeds_1MB", |b| {
        b.iter(|| annotator_core::analyze(std::hint::black_box(&text)))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
