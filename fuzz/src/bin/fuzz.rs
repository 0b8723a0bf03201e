//! The libFuzzer target: `scripts/fuzz.sh` builds it with coverage instrumentation and runs it.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
	verity_fuzz::run(data);
});
