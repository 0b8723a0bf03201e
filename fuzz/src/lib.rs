//! A fuzzing harness over Verity's native runtime (no node): input bytes become blocks of
//! signed extrinsics, built through `Executive` with the runtime's inherents, and after every
//! block the chain's invariants are checked. A broken invariant panics, which is what a fuzzing
//! engine records as a finding.
//!
//! Input: a sequence of SCALE-encoded [`Op`]s, read until the bytes no longer decode. Each op
//! is one extrinsic: `call` signed by development account `origin % 6` (Alice … Ferdie), or by
//! root through `Sudo::sudo` when `origin` is [`ROOT`]; then `lapse % 17` more blocks pass.
//! Only the calls of Verity's pallets, balances and governance are applied; others are skipped.
//!
//! After every block:
//! - every pallet's `try_state` invariants (Verity's five pallets and the validator set);
//! - total issuance equals the sum of all accounts' free and reserved (held) balances;
//! - the normal and operational classes each within their limit (the mandatory class has none:
//!   pallet-session charges a whole `max_block` on a rotation block);
//! - each extrinsic's time against its declared weight: the worst ratio is kept
//!   ([`worst_ratio`]); above [`RATIO_LIMIT`] (on an extrinsic slower than [`RATIO_FLOOR_NS`]),
//!   it is a finding in the plain build (the smoke test) and reported in the coverage-instrumented
//!   one, whose instrumentation slows everything down.
//!
//! After every extrinsic: the bytes it added to storage (keys and values, leaving out System's
//! block-scoped items, which the next block clears) stay within its own encoded length plus
//! [`GROWTH_OVERHEAD`]: what a call stores beyond what its signer sent and paid for by length is
//! bounded records, never something that grows with a loop. The worst growth is kept
//! ([`worst_growth`]).

pub mod seeds;

use codec::{Decode, DecodeLimit, Encode};
use frame_support::{
	dispatch::{DispatchClass, GetDispatchInfo},
	storage::StoragePrefixedMap,
	traits::GetCallMetadata,
	weights::Weight,
};
use sp_consensus_aura::{Slot, AURA_ENGINE_ID};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{
	generic::{Digest, DigestItem, Era},
	traits::Header as _,
	BuildStorage, MultiSignature, Storage,
};
use std::{
	sync::{Mutex, OnceLock},
	time::Instant,
};
use verity_runtime::{
	configs::RuntimeBlockWeights, AccountId, Address, Executive, Header, Runtime, RuntimeCall,
	SignedPayload, UncheckedExtrinsic,
};

/// The `origin` of an op signed by root (through `Sudo::sudo`, whose key is Alice).
pub const ROOT: u8 = u8::MAX;
/// The most blocks one input builds.
pub const MAX_BLOCKS: u32 = 128;
/// The most ops one input applies.
pub const MAX_OPS: usize = 64;
/// An extrinsic may take this many times its declared weight's time before it is a finding.
pub const RATIO_LIMIT: f64 = 2.0;
/// Extrinsics faster than this are left out of the ratio check (timer noise).
pub const RATIO_FLOOR_NS: u128 = 200_000;

/// What one extrinsic may store beyond its own encoded length: its records' fixed parts (ids,
/// accounts, balances, block numbers), a job's drawn seats. Measured worst over the seeds and the
/// one-hour run: see `fuzz/README.md`.
pub const GROWTH_OVERHEAD: usize = 8 * 1024;

/// One extrinsic of an input and the blocks that pass after it.
#[derive(Clone, Debug, Encode, Decode)]
pub struct Op {
	/// More blocks after this op's (`% 17`).
	pub lapse: u8,
	/// Development account `origin % 6` signs; [`ROOT`] dispatches as root through sudo.
	pub origin: u8,
	pub call: RuntimeCall,
}

/// Reads `data` as ops until it no longer decodes.
pub fn decode_ops(mut data: &[u8]) -> Vec<Op> {
	let mut ops = Vec::new();
	while !data.is_empty() && ops.len() < MAX_OPS {
		match Op::decode_with_depth_limit(32, &mut data) {
			Ok(op) => ops.push(op),
			Err(_) => break,
		}
	}
	ops
}

/// Encodes ops as an input.
pub fn encode_ops(ops: &[Op]) -> Vec<u8> {
	ops.iter().flat_map(Encode::encode).collect()
}

/// The accounts that sign: the endowed development accounts.
pub fn signers() -> [Sr25519Keyring; 6] {
	use Sr25519Keyring::*;
	[Alice, Bob, Charlie, Dave, Eve, Ferdie]
}

/// Whether the harness applies `call`: Verity's pallets, balances and governance.
pub fn allowed(call: &RuntimeCall) -> bool {
	matches!(
		call,
		RuntimeCall::ReasoningAnchor(_)
			| RuntimeCall::DatasetRegistry(_)
			| RuntimeCall::ModelLineage(_)
			| RuntimeCall::ComputeStaking(_)
			| RuntimeCall::EvalAttestation(_)
			| RuntimeCall::Balances(_)
			| RuntimeCall::Preimage(_)
			| RuntimeCall::Referenda(_)
			| RuntimeCall::ConvictionVoting(_)
	)
}

/// The development genesis (the runtime's own `development` preset), built once.
fn genesis() -> &'static Storage {
	static GENESIS: OnceLock<Storage> = OnceLock::new();
	GENESIS.get_or_init(|| {
		let preset = verity_runtime::genesis_config_presets::get_preset(
			&sp_genesis_builder::DEV_RUNTIME_PRESET.into(),
		)
		.expect("the runtime has a development preset");
		let mut config = serde_json::to_value(verity_runtime::RuntimeGenesisConfig::default())
			.expect("the default genesis serializes");
		merge(&mut config, serde_json::from_slice(&preset).expect("the preset is JSON"));
		serde_json::from_value::<verity_runtime::RuntimeGenesisConfig>(config)
			.expect("the preset patches the default genesis")
			.build_storage()
			.expect("the development genesis builds")
	})
}

/// Applies a JSON patch (objects merged key by key, anything else replaced).
fn merge(base: &mut serde_json::Value, patch: serde_json::Value) {
	match (base, patch) {
		(serde_json::Value::Object(base), serde_json::Value::Object(patch)) => {
			for (key, value) in patch {
				merge(base.entry(key).or_insert(serde_json::Value::Null), value);
			}
		},
		(base, patch) => *base = patch,
	}
}

/// The worst time-to-declared-weight ratio seen by this process, and the call that had it.
pub fn worst_ratio() -> (f64, String) {
	WORST.lock().map(|w| w.clone()).unwrap_or_default()
}

static WORST: Mutex<(f64, String)> = Mutex::new((0.0, String::new()));

/// The most bytes one extrinsic added to storage beyond its own length, and its call.
pub fn worst_growth() -> (i64, String) {
	WORST_GROWTH.lock().map(|w| w.clone()).unwrap_or_default()
}

static WORST_GROWTH: Mutex<(i64, String)> = Mutex::new((i64::MIN, String::new()));

/// What one input did.
#[derive(Default, Debug, Clone)]
pub struct Outcome {
	pub blocks: u32,
	pub applied: u32,
	pub succeeded: u32,
	/// `pallet.call` of every extrinsic that succeeded, in order.
	pub calls: Vec<String>,
}

/// Runs one input; panics on a broken invariant.
pub fn run(data: &[u8]) -> Outcome {
	let ops = decode_ops(data);
	let mut ext = sp_io::TestExternalities::new(genesis().clone());
	ext.execute_with(|| Chain::default().run(&ops))
}

#[derive(Default)]
struct Chain {
	number: u32,
	parent: sp_core::H256,
	outcome: Outcome,
	/// [`storage_bytes`] after the last extrinsic, until a block ends or begins: the next
	/// extrinsic of the same block starts from it, so storage is scanned once per extrinsic.
	storage: Option<usize>,
}

impl Chain {
	fn run(mut self, ops: &[Op]) -> Outcome {
		self.parent = frame_system::Pallet::<Runtime>::block_hash(0);
		self.start_block();
		for op in ops {
			self.apply(op);
			for _ in 0..(op.lapse % 17) {
				if self.number >= MAX_BLOCKS {
					break;
				}
				self.end_block();
				self.start_block();
			}
		}
		self.end_block();
		self.outcome
	}

	fn start_block(&mut self) {
		self.storage = None;
		self.number += 1;
		let slot = Slot::from(u64::from(self.number));
		let digest = Digest { logs: vec![DigestItem::PreRuntime(AURA_ENGINE_ID, slot.encode())] };
		let header =
			Header::new(self.number, Default::default(), Default::default(), self.parent, digest);
		Executive::initialize_block(&header);
		let now = u64::from(self.number) * verity_runtime::SLOT_DURATION;
		let inherent =
			UncheckedExtrinsic::new_bare(RuntimeCall::Timestamp(pallet_timestamp::Call::set {
				now,
			}));
		Executive::apply_extrinsic(inherent)
			.expect("the timestamp inherent is valid")
			.expect("the timestamp inherent dispatches");
	}

	fn end_block(&mut self) {
		self.storage = None;
		let header = Executive::finalize_block();
		self.parent = header.hash();
		self.outcome.blocks = self.number;
		check_invariants(self.number);
	}

	fn apply(&mut self, op: &Op) {
		if !allowed(&op.call) {
			return;
		}
		let (signer, call) = if op.origin == ROOT {
			let sudo = pallet_sudo::Call::sudo { call: Box::new(op.call.clone()) };
			(Sr25519Keyring::Alice, RuntimeCall::Sudo(sudo))
		} else {
			(signers()[usize::from(op.origin) % 6], op.call.clone())
		};
		// What a block accounts for the extrinsic: its call and extensions, and the base weight
		// (signature check and the rest of `apply_extrinsic`).
		let base = RuntimeBlockWeights::get().get(DispatchClass::Normal).base_extrinsic;
		let declared = call.get_dispatch_info().total_weight().saturating_add(base);
		let name = {
			let m = op.call.get_call_metadata();
			format!("{}.{}", m.pallet_name, m.function_name)
		};
		let extrinsic = sign(call, signer);
		let length = extrinsic.encoded_size();
		let before = self.storage.take().unwrap_or_else(storage_bytes);
		self.outcome.applied += 1;
		// Timed up to three times (rolled back between tries) when over the limit, keeping the
		// fastest: one slow try is the machine, three are the call.
		let mut elapsed = u128::MAX;
		let mut result;
		let mut tries = 0;
		loop {
			tries += 1;
			sp_io::storage::start_transaction();
			let started = Instant::now();
			result = Executive::apply_extrinsic(extrinsic.clone());
			elapsed = elapsed.min(started.elapsed().as_nanos());
			if tries == 3 || ratio(elapsed, declared) <= RATIO_LIMIT {
				sp_io::storage::commit_transaction();
				break;
			}
			sp_io::storage::rollback_transaction();
		}
		// `Sudo::sudo` succeeds whatever the inner call did: its `Sudid` event says.
		if let Ok(Ok(())) = result.map(|r| r.and_then(|()| sudo_result(op.origin == ROOT))) {
			self.outcome.succeeded += 1;
			self.outcome.calls.push(name.clone());
		}
		if result.is_ok() {
			note_ratio(&name, elapsed, declared);
		}
		let after = storage_bytes();
		self.storage = Some(after);
		note_growth(&name, after.saturating_sub(before), length);
	}
}

/// Bytes in storage (keys and values), leaving out System's items but its accounts: events,
/// block weight and the rest are cleared at the next block, and the block hashes are pruned.
fn storage_bytes() -> usize {
	let system = sp_io::hashing::twox_128(b"System");
	let accounts = frame_system::Account::<Runtime>::final_prefix();
	let mut total = 0usize;
	let mut key = Vec::new();
	while let Some(next) = sp_io::storage::next_key(&key) {
		if !next.starts_with(&system) || next.starts_with(&accounts) {
			let value = sp_io::storage::read(&next, &mut [], 0).unwrap_or(0);
			total = total.saturating_add(next.len()).saturating_add(value as usize);
		}
		key = next;
	}
	total
}

/// Keeps the worst storage growth past the extrinsic's length; a finding above the overhead.
fn note_growth(name: &str, grown: usize, length: usize) {
	let past = grown as i64 - length as i64;
	if let Ok(mut worst) = WORST_GROWTH.lock() {
		if past > worst.0 {
			*worst = (past, name.to_string());
			eprintln!(
				"worst storage growth past length: {past} bytes ({name}, {grown} of {length})"
			);
		}
	}
	assert!(
		grown <= length.saturating_add(GROWTH_OVERHEAD),
		"{name} added {grown} bytes to storage from a {length}-byte extrinsic"
	);
}

/// The inner call's result of the `Sudo::sudo` just applied (`Ok` when not `root`).
fn sudo_result(root: bool) -> sp_runtime::DispatchResult {
	if !root {
		return Ok(());
	}
	// The block's last `Sudid` is this extrinsic's: a dispatched `sudo` always emits one.
	frame_system::Pallet::<Runtime>::read_events_no_consensus()
		.filter_map(|record| match record.event {
			verity_runtime::RuntimeEvent::Sudo(pallet_sudo::Event::Sudid { sudo_result }) => {
				Some(sudo_result)
			},
			_ => None,
		})
		.last()
		.unwrap_or(Err(sp_runtime::DispatchError::Other("no Sudid event")))
}

/// Signs `call` as `signer` with its next nonce, immortal, the runtime's own extensions.
fn sign(call: RuntimeCall, signer: Sr25519Keyring) -> UncheckedExtrinsic {
	let account: AccountId = signer.to_account_id();
	let nonce = frame_system::Pallet::<Runtime>::account_nonce(&account);
	let payload = SignedPayload::new(call, verity_runtime::tx_extension(nonce, Era::Immortal))
		.expect("the extensions' implicit data is available");
	let signature = MultiSignature::Sr25519(payload.using_encoded(|bytes| signer.sign(bytes)));
	let (call, extension, _) = payload.deconstruct();
	UncheckedExtrinsic::new_signed(call, Address::Id(account), signature, extension)
}

/// Time over declared weight, 0 for extrinsics too fast to time.
fn ratio(elapsed_ns: u128, declared: Weight) -> f64 {
	if elapsed_ns < RATIO_FLOOR_NS || declared.ref_time() == 0 {
		return 0.0;
	}
	// Weight's ref time is in picoseconds.
	(elapsed_ns * 1_000) as f64 / declared.ref_time() as f64
}

/// Keeps the worst time-to-weight ratio; a finding above the limit.
fn note_ratio(name: &str, elapsed_ns: u128, declared: Weight) {
	let ratio = ratio(elapsed_ns, declared);
	if let Ok(mut worst) = WORST.lock() {
		if ratio > worst.0 {
			*worst = (ratio, name.to_string());
			eprintln!("worst time / declared weight: {ratio:.3} ({name}, {elapsed_ns} ns)");
		}
	}
	// The coverage-instrumented build runs slower than the runtime does, so there the ratio is
	// reported (`scripts/fuzz.sh` prints the worst) and only the plain build treats it as a finding.
	if cfg!(feature = "libfuzzer") {
		if ratio > RATIO_LIMIT {
			eprintln!("over {RATIO_LIMIT}× (instrumented): {name} took {elapsed_ns} ns");
		}
		return;
	}
	assert!(
		ratio <= RATIO_LIMIT,
		"{name} took {elapsed_ns} ns, {ratio:.2}× its declared weight {declared:?}"
	);
}

/// The chain's invariants after block `n`.
fn check_invariants(n: u32) {
	let checks: [(&str, fn() -> Result<(), sp_runtime::TryRuntimeError>); 6] = [
		("ReasoningAnchor", pallet_reasoning_anchor::Pallet::<Runtime>::do_try_state),
		("DatasetRegistry", pallet_dataset_registry::Pallet::<Runtime>::do_try_state),
		("ModelLineage", pallet_model_lineage::Pallet::<Runtime>::do_try_state),
		("ComputeStaking", pallet_compute_staking::Pallet::<Runtime>::do_try_state),
		("EvalAttestation", pallet_eval_attestation::Pallet::<Runtime>::do_try_state),
		("ValidatorSet", pallet_validator_set::Pallet::<Runtime>::do_try_state),
	];
	for (pallet, check) in checks {
		if let Err(e) = check() {
			panic!("block {n}: {pallet} invariant broken: {e:?}");
		}
	}
	let issuance = pallet_balances::TotalIssuance::<Runtime>::get();
	let held: u128 = frame_system::Account::<Runtime>::iter_values()
		.map(|a| a.data.free.saturating_add(a.data.reserved))
		.fold(0u128, u128::saturating_add);
	assert_eq!(issuance, held, "block {n}: total issuance is not the sum of all balances");
	// Each class within its own limit, as `CheckWeight` enforces. The mandatory class (hooks and
	// inherents) has none by design: pallet-session charges a whole `max_block` on a rotation
	// block, so such a block weighs more than `max_block` (the first fuzz run's finding, kept in
	// `fuzz/regressions/session-rotation-block`); what matters is that nothing else fits in it.
	let classes = frame_system::Pallet::<Runtime>::block_weight();
	let limits = RuntimeBlockWeights::get();
	for class in [DispatchClass::Normal, DispatchClass::Operational] {
		let used = classes.get(class);
		let max = limits.get(class).max_total.unwrap_or(limits.max_block);
		assert!(used.all_lte(max), "block {n}: {class:?} weighs {used:?}, over its limit {max:?}");
	}
}
