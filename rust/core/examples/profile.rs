//! Times one engine over a file: `cargo run --release --example profile -- plan.json corpus.txt [MB]`.
//! The plan is dumped by `bench/dump_plan.py`; prints the stages of
//! `Engine::profile` (best of 10 runs) and the total of `Engine::scan`.
use macie_core::{Engine, EngineSpec, KeywordRule, PatternSpec, Proximity, ScanMode};
use serde_json::Value;

fn strings(v: &Value) -> Vec<String> {
    v.as_array().unwrap().iter().map(|x| x.as_str().unwrap().to_string()).collect()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let plan: Value = serde_json::from_str(&std::fs::read_to_string(&args[1]).unwrap()).unwrap();
    let data = std::fs::read(&args[2]).unwrap();
    let mb: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(4);
    let hay = &data[..(mb << 20).min(data.len())];
    let patterns: Vec<PatternSpec> = plan["patterns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| PatternSpec {
            identifier: p["identifier"].as_u64().unwrap() as u32,
            name: p["name"].as_str().unwrap().into(),
            regex: p["regex"].as_str().unwrap().into(),
            validator: p["validator"].as_str().map(String::from),
            keyword_rule: match p["keyword_rule"].as_str().unwrap() {
                "required" => KeywordRule::Required,
                "absent" => KeywordRule::Absent,
                _ => KeywordRule::None,
            },
            keyword_group: p["keyword_group"].as_u64().unwrap() as u32,
            proximity: Proximity::Around(p["distance"].as_u64().unwrap() as usize),
            scan: match p["scan"].as_str().unwrap() {
                "blocks" => ScanMode::Blocks,
                "plain" => ScanMode::Plain,
                _ => ScanMode::Tokens,
            },
            never_report: strings(&p["never_report"]).into_iter().map(String::into_bytes).collect(),
            ignore_words: vec![],
            allow_exempt: p["allow_exempt"].as_bool().unwrap(),
            anchors: strings(&p["anchors"]),
            anchor_digits: p["anchor_digits"].as_u64().unwrap() as usize,
            run_requires: p["run_requires"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| (r[0].as_str().unwrap().as_bytes().to_vec(), r[1].as_u64().unwrap() as usize))
                .collect(),
        })
        .collect();
    let groups = plan["keyword_groups"].as_array().unwrap().iter().map(strings).collect();
    let regexes: Vec<String> = patterns.iter().map(|p| p.regex.clone()).collect();
    let engine = Engine::new(EngineSpec { keyword_groups: groups, patterns, ..Default::default() }).unwrap();
    if args.get(3).map(String::as_str) == Some("dfas") {
        // Every tokens pattern's anchored DFA built at once: the worst case of lazy building.
        let t = std::time::Instant::now();
        let (mut built, mut bytes) = (0, 0);
        for r in &regexes {
            if let Some(d) = macie_core::regex_check::anchored_dfa(r, 1 << 20) {
                built += 1;
                bytes += d.memory_usage();
            }
        }
        println!(
            "{built} of {} DFAs, {:.1} MiB, {:?}",
            regexes.len(),
            bytes as f64 / (1 << 20) as f64,
            t.elapsed()
        );
        return;
    }
    if args.get(3).map(String::as_str) == Some("line") {
        // One clean 132-byte log line, many times: the per-call cost.
        let line = b"2026-11-25T10:15:32.123Z INFO  [worker-7] order 88412 shipped to warehouse eu-west-2, latency_ms=41 retries=0 trace=9f8e7d6c5b4a3f2e";
        let mut best = f64::MAX;
        for _ in 0..5 {
            let t = std::time::Instant::now();
            for _ in 0..100_000 {
                std::hint::black_box(engine.scan(std::hint::black_box(line), &[]));
            }
            best = best.min(t.elapsed().as_secs_f64() / 100_000.0);
        }
        println!("line: {:.2} us per scan", best * 1e6);
        let mut acc = stages(&engine, line, 20_000, |a, b| a + b);
        acc.sort_by_key(|a| std::cmp::Reverse(a.1));
        for (name, t) in acc.iter().take(12) {
            println!("{:8.1} ns {name}", *t as f64 / 20_000.0);
        }
        return;
    }
    let mut best = stages(&engine, hay, 10, u128::min);
    let total: u128 = best.iter().map(|b| b.1).sum();
    best.sort_by_key(|b| std::cmp::Reverse(b.1));
    println!("stages: {:.2} ms, {:.1} MB/s", total as f64 / 1e6, hay.len() as f64 / total as f64 * 1e3);
    for (name, t) in best.iter().take(std::env::var("TOP").ok().and_then(|s| s.parse().ok()).unwrap_or(12)) {
        println!("{:8.3} ms {name}", *t as f64 / 1e6);
    }
    let mut scan = f64::MAX;
    let mut n = 0;
    for _ in 0..10 {
        let t = std::time::Instant::now();
        n = engine.scan(hay, &[]).len();
        scan = scan.min(t.elapsed().as_secs_f64());
    }
    println!("scan: {:.2} ms, {:.1} MB/s, {n} detections", scan * 1e3, hay.len() as f64 / scan / 1e6);
    println!("anchored DFAs: {:.1} MiB", engine.dfa_memory() as f64 / (1 << 20) as f64);
}

/// `Engine::profile` run `times` times, each stage's nanoseconds folded with `fold`.
fn stages(
    engine: &Engine,
    hay: &[u8],
    times: usize,
    fold: impl Fn(u128, u128) -> u128,
) -> Vec<(String, u128)> {
    let mut acc = engine.profile(hay);
    for _ in 1..times {
        acc.iter_mut().zip(engine.profile(hay)).for_each(|(a, (_, t))| a.1 = fold(a.1, t));
    }
    acc
}
