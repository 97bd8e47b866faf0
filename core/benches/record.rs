//! Reading and writing a stored annotation record of 5,000 annotations (the size of the browser
//! benchmarks' record, `tests/e2e/bench-data.mjs`): what the app's returning visit reads first.
//! Run with `cargo bench -p annotator-core --bench record`.

use annotator_core::anchor::{TextPositionSelector, TextQuoteSelector};
use annotator_core::formats::record::{read_record, write_record, Annotation, AnnotationRecord};
use annotator_core::Label;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn record() -> AnnotationRecord {
    let labels = [Some(Label::Official), Some(Label::Criticism), Some(Label::Speculation), None];
    let annotations = (0..5_000)
        .map(|i: usize| Annotation {
            id: format!("a{i:05}-{:08x}", i.wrapping_mul(2_654_435_761)),
            quote: TextQuoteSelector {
                exact: format!("The minister said on Tuesday that the plan, number {i}, would go ahead."),
                prefix: "what the council had asked for. ".into(),
                suffix: " Critics warned it could backfire".into(),
            },
            position: TextPositionSelector { start: i * 140, end: i * 140 + 70 },
            tag: labels[i % 4],
            note: if i.is_multiple_of(10) { format!("check this one ({i})") } else { String::new() },
            from_suggestion: i.is_multiple_of(7),
            rejected: false,
            deleted: false,
            entity: None,
            created: 1_700_000_000_000.0 + i as f64,
            modified: 1_700_000_000_000.0 + i as f64,
            unknown: None,
        })
        .collect();
    AnnotationRecord { version: 2, article: "long".into(), annotations, unknown: None }
}

fn bench(c: &mut Criterion) {
    let json = write_record(&record()).unwrap();
    let mut g = c.benchmark_group("record");
    g.throughput(Throughput::Bytes(json.len() as u64));
    g.sample_size(20);
    g.bench_function("read_5000", |b| b.iter(|| read_record(std::hint::black_box(&json), "long").unwrap()));
    let read = read_record(&json, "long").unwrap();
    g.bench_function("write_5000", |b| b.iter(|| write_record(std::hint::black_box(&read)).unwrap()));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
