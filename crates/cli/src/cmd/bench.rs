//! `rampart bench`: times named workloads on the generated benchmark org (1,000 users, 50 BUs,
//! 200 teams, 10 tables, 1,000,000 records) and prints a table, or one JSON object.
//!
//! # Output
//!
//! With `--json`, exactly one JSON object on standard output, one entry per workload:
//!
//! ```json
//! {"generate_1m": {"median_ms": 812.4, "min_ms": 790.1, "runs": 7}, …}
//! ```
//!
//! Workloads that repeat a small operation (`check_explain_10k`) report the whole batch, and a
//! second entry (`check_with_explanation`) reports the time of one call derived from it.
//! Memory figures (an estimate of the dataset's heap bytes and the process's resident set) are
//! printed in the human output only.

use std::hint::black_box;
use std::process::ExitCode;
use std::time::Instant;

use engine::bench::{self, BenchOrg, N_RECORDS, SEED, WORKLOADS};
use engine::data::Dataset;
use engine::generate::{self, DataParams};
use engine::model::{RecordId, Verb};
use engine::query::{self, DataIndex};
use serde_json::json;

use crate::args::BenchArgs;

/// One workload's timings.
struct Timing {
    name: String,
    runs_ms: Vec<f64>,
    /// Target from the issue, if any.
    target_ms: Option<f64>,
}

impl Timing {
    fn median_ms(&self) -> f64 {
        let mut sorted = self.runs_ms.clone();
        sorted.sort_by(f64::total_cmp);
        match sorted.len() {
            0 => 0.0,
            n if n % 2 == 1 => sorted[n / 2],
            n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
        }
    }

    fn min_ms(&self) -> f64 {
        self.runs_ms.iter().copied().fold(f64::INFINITY, f64::min)
    }

    /// The same runs scaled down to one of `n` repetitions.
    fn per_call(&self, name: &str, n: usize) -> Timing {
        Timing {
            name: name.to_string(),
            runs_ms: self.runs_ms.iter().map(|ms| ms / n as f64).collect(),
            target_ms: None,
        }
    }
}

struct Bench {
    runs: usize,
    only: Vec<String>,
    json: bool,
    timings: Vec<Timing>,
}

impl Bench {
    fn wants(&self, name: &str) -> bool {
        self.only.is_empty() || self.only.iter().any(|w| name.contains(w.as_str()))
    }

    /// Times `f` under `name`, if selected.
    fn time<T>(&mut self, name: &str, target_ms: Option<f64>, f: impl FnMut() -> T) {
        if self.wants(name) {
            let runs_ms = self.measure(f);
            self.push(Timing {
                name: name.to_string(),
                runs_ms,
                target_ms,
            });
        }
    }

    /// Runs `f` once to warm up, then `self.runs` times; the times in ms.
    fn measure<T>(&self, mut f: impl FnMut() -> T) -> Vec<f64> {
        black_box(f());
        (0..self.runs)
            .map(|_| {
                let start = Instant::now();
                black_box(f());
                start.elapsed().as_secs_f64() * 1e3
            })
            .collect()
    }

    fn push(&mut self, timing: Timing) {
        if !self.json {
            print_row(&timing);
        }
        self.timings.push(timing);
    }
}

/// Runs the selected workloads and prints their timings.
pub fn run(args: &BenchArgs) -> anyhow::Result<ExitCode> {
    let mut bench = Bench {
        runs: if args.quick { 3 } else { 7 },
        only: args.only.clone(),
        json: args.json,
        timings: Vec::new(),
    };
    if !bench.json {
        println!(
            "rampart bench: {} runs per workload after one warm-up; times in ms; load average {}",
            bench.runs,
            load_average().unwrap_or_else(|| "unknown".into())
        );
        println!(
            "{:<26} {:>12} {:>12} {:>5} {:>10}",
            "workload", "median", "min", "runs", "target"
        );
    }
    bench.time("generate_org", None, bench::org);
    let model = bench::org();

    let rss_before = rss_kib();
    let data = bench::data(&model, N_RECORDS);
    let rss_after = rss_kib();
    bench.time("generate_1m", Some(3_000.0), || {
        bench::data(&model, N_RECORDS)
    });
    bench.time("index_1m", None, || DataIndex::build(&model, &data));
    let index = DataIndex::build(&model, &data);
    let fixture = BenchOrg::new(model, data, index);

    for workload in WORKLOADS {
        run_workload(&mut bench, &fixture, workload);
    }
    run_cedar(&mut bench)?;

    if bench.json {
        let object: serde_json::Map<String, serde_json::Value> = bench
            .timings
            .iter()
            .map(|t| {
                (
                    t.name.clone(),
                    json!({"median_ms": t.median_ms(), "min_ms": t.min_ms(), "runs": t.runs_ms.len()}),
                )
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&object)?);
    } else {
        let mib = |bytes: f64| bytes / (1024.0 * 1024.0);
        println!(
            "memory_1m_estimate_mb      {:>12.1}   (heap of the 1M-record dataset, estimated from its contents)",
            mib(dataset_bytes(&fixture.data) as f64)
        );
        if let (Some(before), Some(after)) = (rss_before, rss_after) {
            println!(
                "memory_1m_mb               {:>12.1}   (growth of the resident set while generating it)",
                mib(after.saturating_sub(before) as f64 * 1024.0)
            );
        }
        let bare = generate::data(
            &fixture.model,
            &DataParams {
                value_fraction: 0.0,
                ..DataParams::new(SEED, N_RECORDS)
            },
        );
        println!(
            "memory_1m_no_values_mb     {:>12.1}   (the same estimate without column values)",
            mib(dataset_bytes(&bare) as f64)
        );
        drop(bare);
        if let Some(now) = rss_kib() {
            println!(
                "rss_total_mb               {:>12.1}   (resident set now: org, data, index)",
                mib(now as f64 * 1024.0)
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Times one of the engine's workloads, and its per-call figure if it has one.
fn run_workload(bench: &mut Bench, org: &BenchOrg, workload: &bench::Workload) {
    let per_call = workload.per_call.filter(|(name, _)| bench.wants(name));
    if !bench.wants(workload.name) && per_call.is_none() {
        return;
    }
    let runs_ms = bench.measure(|| (workload.run)(org));
    let timing = Timing {
        name: workload.name.to_string(),
        runs_ms,
        target_ms: workload.target_ms,
    };
    let derived = per_call.map(|(name, n)| timing.per_call(name, n));
    if bench.wants(workload.name) {
        bench.push(timing);
    }
    if let Some(derived) = derived {
        bench.push(derived);
    }
}

fn print_row(t: &Timing) {
    let target = t.target_ms.map_or(String::new(), |ms| format!("< {ms:.0}"));
    let precision = if t.median_ms() < 1.0 { 4 } else { 1 };
    println!(
        "{:<26} {:>12.precision$} {:>12.precision$} {:>5} {:>10}",
        t.name,
        t.median_ms(),
        t.min_ms(),
        t.runs_ms.len(),
        target
    );
}

/// The 1-, 5- and 15-minute load averages (Linux only): other work on the machine skews times.
fn load_average() -> Option<String> {
    let text = std::fs::read_to_string("/proc/loadavg").ok()?;
    Some(
        text.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// The process's resident set in KiB (Linux only).
fn rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Heap bytes of a dataset, estimated from lengths and capacities (allocator overhead not
/// counted; the resident-set figures next to it include it).
fn dataset_bytes(data: &Dataset) -> usize {
    use std::mem::size_of;
    let mut bytes = data.records.capacity() * size_of::<engine::data::Record>();
    for rec in &data.records {
        if rec.name.is_heap_allocated() {
            bytes += rec.name.capacity();
        }
        bytes += rec.parents.heap_bytes();
        bytes += rec.values.heap_bytes();
    }
    bytes += data.shares.capacity()
        * (size_of::<RecordId>() + size_of::<Vec<engine::data::Share>>() + 1);
    bytes += data
        .shares
        .values()
        .map(|v| v.capacity() * size_of::<engine::data::Share>())
        .sum::<usize>();
    bytes += data.column_shares.capacity() * size_of::<engine::data::ColumnShare>();
    bytes
}

/// Records of the Cedar comparison: Cedar is asked record by record, so a smaller dataset.
const N_CEDAR_RECORDS: usize = 100_000;

/// Cedar (the `engine::cedar` export, loaded into cedar-policy) next to the engine on the same
/// 100k-record org: one user's visible records of one table (the user and table of
/// `visible_one_user_table`), Cedar asked record by record.
fn run_cedar(bench: &mut Bench) -> anyhow::Result<()> {
    let cedar = "cedar_visible_one_user_table_100k";
    let engine = "engine_visible_one_user_table_100k";
    if !bench.wants(cedar) && !bench.wants(engine) {
        return Ok(());
    }
    let f = BenchOrg::generate(N_CEDAR_RECORDS);
    let start = Instant::now();
    let loaded = super::cedar::Loaded::new(&f.model, &f.data)?;
    let load_ms = start.elapsed().as_secs_f64() * 1e3;
    let records = f.index.records_of(f.contact);
    let by_engine: Vec<RecordId> =
        query::visible(&f.model, &f.data, &f.index, f.rep, f.contact, Verb::Read)
            .iter()
            .map(|v| v.record)
            .collect();
    let by_cedar = loaded.visible(&f.model, &f.data, f.rep, Verb::Read, records)?;
    anyhow::ensure!(
        by_cedar == by_engine,
        "cedar lists {} records, the engine {}",
        by_cedar.len(),
        by_engine.len()
    );
    if !bench.json {
        println!(
            "cedar_export_load_100k     {load_ms:>12.1}   (export and load into cedar-policy, once; {} of {} records visible)",
            by_engine.len(),
            records.len()
        );
    }
    // Both figures whenever either is selected: each is read next to the other.
    let runs_ms = bench.measure(|| {
        query::visible(&f.model, &f.data, &f.index, f.rep, f.contact, Verb::Read).len()
    });
    bench.push(Timing {
        name: engine.into(),
        runs_ms,
        target_ms: None,
    });
    let runs_ms = bench.measure(|| {
        loaded
            .visible(&f.model, &f.data, f.rep, Verb::Read, records)
            .map_or(0, |v| v.len())
    });
    bench.push(Timing {
        name: cedar.into(),
        runs_ms,
        target_ms: None,
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::Timing;

    fn timing(runs_ms: &[f64]) -> Timing {
        Timing {
            name: "w".into(),
            runs_ms: runs_ms.to_vec(),
            target_ms: None,
        }
    }

    #[test]
    fn median_min_and_per_call() {
        assert_eq!(timing(&[3.0, 1.0, 2.0]).median_ms(), 2.0);
        assert_eq!(timing(&[4.0, 1.0, 2.0, 3.0]).median_ms(), 2.5);
        assert_eq!(timing(&[4.0, 1.0, 2.0, 3.0]).min_ms(), 1.0);
        let per_call = timing(&[100.0, 50.0]).per_call("one", 10);
        assert_eq!(per_call.name, "one");
        assert_eq!(per_call.runs_ms, [10.0, 5.0]);
    }
}
