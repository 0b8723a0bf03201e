//! The libFuzzer target: `scripts/fuzz.sh` builds it with coverage instrumentation and runs it.
//! Before fuzzing it writes the seed lifecycles into `$VERITY_FUZZ_CORPUS` (the corpus folder
//! the script passes), so every run starts from them.
#![no_main]

libfuzzer_sys::fuzz_target!(
	init: {
		if let Some(dir) = std::env::var_os("VERITY_FUZZ_CORPUS") {
			let dir = std::path::PathBuf::from(dir);
			std::fs::create_dir_all(&dir).expect("the corpus folder can be created");
			for (name, ops) in verity_fuzz::seeds::all() {
				let path = dir.join(format!("seed-{name}"));
				std::fs::write(&path, verity_fuzz::encode_ops(&ops)).expect("a seed can be written");
			}
		}
	},
	|data: &[u8]| {
		verity_fuzz::run(data);
	}
);
