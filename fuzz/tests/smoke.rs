//! What `cargo test` runs of the fuzzer: every seed lifecycle goes deep, every reproducer in
//! `fuzz/regressions/` replays without a finding, and a smoke of random mutations of the seeds
//! runs for `VERITY_FUZZ_SMOKE_SECONDS` (default 60; `scripts/fuzz.sh` is the coverage-guided run).

use std::time::{Duration, Instant};
use verity_fuzz::{encode_ops, run, seeds, worst_growth, worst_ratio};

#[test]
fn every_seed_lifecycle_reaches_its_last_step() {
	for (name, ops) in seeds::all() {
		let outcome = run(&encode_ops(&ops));
		assert_eq!(outcome.applied as usize, ops.len(), "{name}: every op decodes and applies");
		let expected = seeds::expected_last(name);
		assert!(
			outcome.calls.iter().any(|c| c == expected),
			"{name}: {expected} succeeded (succeeded: {:?})",
			outcome.calls
		);
	}
}

#[test]
fn every_reproducer_replays_without_a_finding() {
	let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("regressions");
	let mut files: Vec<_> = std::fs::read_dir(&dir)
		.map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
		.unwrap_or_default();
	files.retain(|p| p.extension().is_none_or(|e| e != "md"));
	files.sort();
	for file in files {
		let data = std::fs::read(&file).unwrap();
		let outcome = std::panic::catch_unwind(|| run(&data));
		assert!(outcome.is_ok(), "{} is a finding again", file.display());
	}
}

/// A small xorshift generator: the smoke is reproducible from its seed.
struct Rng(u64);
impl Rng {
	fn next(&mut self) -> u64 {
		self.0 ^= self.0 << 13;
		self.0 ^= self.0 >> 7;
		self.0 ^= self.0 << 17;
		self.0
	}
	fn below(&mut self, n: usize) -> usize {
		(self.next() % n.max(1) as u64) as usize
	}
}

/// Mutates an input as a fuzzer would, without coverage: flips, overwrites, splices.
fn mutate(rng: &mut Rng, input: &mut Vec<u8>, other: &[u8]) {
	for _ in 0..1 + rng.below(4) {
		if input.is_empty() {
			input.extend_from_slice(other);
			continue;
		}
		let at = rng.below(input.len());
		match rng.below(5) {
			0 => input[at] ^= 1 << rng.below(8),
			1 => input[at] = [0, 1, 0x7f, 0x80, 0xff][rng.below(5)],
			2 => input.truncate(at),
			3 => {
				let from = rng.below(other.len());
				let tail = other[from..].to_vec();
				input.truncate(at);
				input.extend(tail);
			},
			_ => input.insert(at, rng.next() as u8),
		}
	}
}

#[test]
fn a_smoke_of_mutated_seeds_finds_nothing() {
	let seconds: u64 =
		std::env::var("VERITY_FUZZ_SMOKE_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(60);
	let corpus: Vec<Vec<u8>> = seeds::all().iter().map(|(_, ops)| encode_ops(ops)).collect();
	assert!(!corpus.is_empty());
	let mut rng = Rng(0x5eed_0f_7e11_7e);
	let started = Instant::now();
	let (mut runs, mut blocks, mut succeeded) = (0u64, 0u64, 0u64);
	while started.elapsed() < Duration::from_secs(seconds) {
		let mut input = corpus[rng.below(corpus.len())].clone();
		let other = &corpus[rng.below(corpus.len())];
		mutate(&mut rng, &mut input, other);
		let outcome = std::panic::catch_unwind(|| run(&input));
		if outcome.is_err() {
			let path = std::env::temp_dir().join(format!("verity-fuzz-finding-{runs}"));
			std::fs::write(&path, &input).unwrap();
			panic!("a finding; its input is {} (copy it to fuzz/regressions/)", path.display());
		}
		let outcome = outcome.unwrap();
		runs += 1;
		blocks += u64::from(outcome.blocks);
		succeeded += u64::from(outcome.succeeded);
	}
	let (ratio, call) = worst_ratio();
	let (growth, grower) = worst_growth();
	println!(
		"fuzz smoke: {runs} inputs in {seconds} s ({:.1}/s), {blocks} blocks, {succeeded} extrinsics succeeded; worst time / declared weight {ratio:.3} ({call}); most storage added past an extrinsic's length {growth} bytes ({grower})",
		runs as f64 / seconds.max(1) as f64
	);
	assert!(runs > 0);
}

/// With `VERITY_FUZZ_REPLAY=<folder>` (e.g. `~/.cache/verity/fuzz-corpus` after a
/// `scripts/fuzz.sh` run), replays every input in it with this plain release build, where the
/// time-to-weight check is a finding, and prints the worst ratio and storage growth; without it,
/// does nothing.
#[test]
fn a_corpus_replays_in_the_plain_build() {
	let Some(dir) = std::env::var_os("VERITY_FUZZ_REPLAY") else { return };
	let mut files: Vec<_> = std::fs::read_dir(&dir)
		.expect("VERITY_FUZZ_REPLAY is a folder")
		.filter_map(|e| e.ok().map(|e| e.path()))
		.collect();
	files.sort();
	let started = Instant::now();
	for file in &files {
		let data = std::fs::read(file).unwrap();
		let outcome = std::panic::catch_unwind(|| run(&data));
		assert!(outcome.is_ok(), "{} is a finding in the plain build", file.display());
	}
	let (ratio, call) = worst_ratio();
	let (growth, grower) = worst_growth();
	println!(
		"replayed {} inputs in {:.0} s; worst time / declared weight {ratio:.3} ({call}); most storage added past an extrinsic's length {growth} bytes ({grower})",
		files.len(),
		started.elapsed().as_secs_f64()
	);
}
