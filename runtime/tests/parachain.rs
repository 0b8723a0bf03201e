//! The parachain flavour builds blocks as a collator does: each block starts with the relay
//! chain's validation data (a real relay-chain state proof, built by Cumulus's sproof builder)
//! and the timestamp, then carries signed transactions, and is finished by `Executive`. Run with
//! `cargo test -p verity-runtime --features parachain --test parachain`.
#![cfg(feature = "parachain")]

use codec::Encode;
use cumulus_primitives_core::{
	relay_chain::{HeadData, MAX_POV_SIZE},
	PersistedValidationData,
};
use cumulus_primitives_parachain_inherent::ParachainInherentData;
use cumulus_test_relay_sproof_builder::RelayStateSproofBuilder;
use frame_support::inherent::ProvideInherent;
use serde_json::Value;
use sp_consensus_aura::{Slot, AURA_ENGINE_ID};
use sp_core::{Pair, H256};
use sp_inherents::InherentData;
use sp_keyring::Sr25519Keyring;
use sp_runtime::{
	generic::Era,
	traits::{Hash as _, Header as _},
	BuildStorage, Digest, DigestItem,
};
use verity_primitives::merkle;
use verity_runtime::{
	configs::consensus::DEV_PARA_ID, genesis_config_presets, Address, Executive, Header, Runtime,
	RuntimeCall, RuntimeGenesisConfig, SignedPayload, UncheckedExtrinsic, UNIT,
};

/// Relay-chain slot of the first block: any recent slot will do.
const FIRST_SLOT: u64 = 295_000_000;

/// `patch` merged into `base`, as `chain-spec-builder` merges a preset into the defaults.
fn merge(base: &mut Value, patch: Value) {
	match (base, patch) {
		(Value::Object(base), Value::Object(patch)) => {
			for (key, value) in patch {
				merge(base.entry(key).or_insert(Value::Null), value);
			}
		},
		(base, patch) => *base = patch,
	}
}

/// A chain at the `development` preset's genesis, with the header a collator builds on.
struct Chain {
	ext: sp_io::TestExternalities,
	genesis: H256,
	parent: Header,
	relay_number: u32,
	nonce: u32,
}

impl Chain {
	fn new() -> Self {
		let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).unwrap();
		merge(&mut config, genesis_config_presets::development_config_genesis());
		let config: RuntimeGenesisConfig = serde_json::from_value(config).unwrap();
		let mut ext = sp_io::TestExternalities::new(config.build_storage().unwrap());
		let root = ext.execute_with(|| H256::from_slice(&sp_io::storage::root(Default::default())));
		let parent =
			Header::new(0, Default::default(), root, Default::default(), Default::default());
		Chain { ext, genesis: parent.hash(), parent, relay_number: 100, nonce: 0 }
	}

	/// Alice's next transaction, signed with the flavour's extensions.
	fn signed(&mut self, call: RuntimeCall) -> UncheckedExtrinsic {
		let nonce = self.nonce;
		self.nonce += 1;
		let genesis = self.genesis;
		self.ext.execute_with(|| {
			// Clients sign for the genesis block's hash, which block 1 records as `BlockHash(0)`.
			frame_system::BlockHash::<Runtime>::insert(0, genesis);
			let payload =
				SignedPayload::new(call, verity_runtime::tx_extension(nonce, Era::Immortal))
					.unwrap();
			let signature = payload.using_encoded(|b| Sr25519Keyring::Alice.pair().sign(b));
			let (call, extension, _) = payload.deconstruct();
			let who = Sr25519Keyring::Alice.to_account_id();
			UncheckedExtrinsic::new_signed(call, Address::Id(who), signature.into(), extension)
		})
	}

	/// Builds the next block at relay-chain slot `relay_slot`, with `txs` after the inherents;
	/// each transaction's dispatch result. Both chains have 6-second slots: the block's Aura
	/// slot is the relay slot.
	fn block(
		&mut self,
		relay_slot: u64,
		txs: Vec<UncheckedExtrinsic>,
	) -> Vec<sp_runtime::DispatchResult> {
		self.block_at(relay_slot, relay_slot, txs)
	}

	/// As `block`, with the Aura slot (and timestamp) the header claims.
	fn block_at(
		&mut self,
		relay_slot: u64,
		para_slot: u64,
		txs: Vec<UncheckedExtrinsic>,
	) -> Vec<sp_runtime::DispatchResult> {
		let parent_head = HeadData(self.parent.encode());
		let sproof = RelayStateSproofBuilder {
			para_id: DEV_PARA_ID.into(),
			current_slot: Slot::from(relay_slot),
			// The relay chain has included the parent: the unincluded segment stays short.
			included_para_head: Some(parent_head.clone()),
			..Default::default()
		};
		let (relay_root, relay_proof) = sproof.into_state_root_and_proof();
		self.relay_number += 1;
		let validation = ParachainInherentData {
			validation_data: PersistedValidationData {
				parent_head,
				relay_parent_number: self.relay_number,
				relay_parent_storage_root: relay_root,
				max_pov_size: MAX_POV_SIZE,
			},
			relay_chain_state: relay_proof,
			downward_messages: Vec::new(),
			horizontal_messages: Default::default(),
			relay_parent_descendants: Vec::new(),
			collator_peer_id: None,
		};
		let header = Header::new(
			self.parent.number + 1,
			Default::default(),
			Default::default(),
			self.parent.hash(),
			Digest {
				logs: vec![DigestItem::PreRuntime(AURA_ENGINE_ID, Slot::from(para_slot).encode())],
			},
		);
		let mut inherents = InherentData::new();
		inherents.put_data(*b"timstap0", &(para_slot * 6_000)).unwrap();
		inherents
			.put_data(cumulus_primitives_parachain_inherent::INHERENT_IDENTIFIER, &validation)
			.unwrap();
		let (results, finished) = self.ext.execute_with(|| {
			Executive::initialize_block(&header);
			// The inherents in the order a collator puts them: validation data, then time.
			let validation =
				cumulus_pallet_parachain_system::Pallet::<Runtime>::create_inherent(&inherents)
					.map(RuntimeCall::ParachainSystem);
			let time = pallet_timestamp::Pallet::<Runtime>::create_inherent(&inherents)
				.map(RuntimeCall::Timestamp);
			for call in [validation, time].into_iter().map(Option::unwrap) {
				Executive::apply_extrinsic(UncheckedExtrinsic::new_bare(call)).unwrap().unwrap();
			}
			let results =
				txs.into_iter().map(|tx| Executive::apply_extrinsic(tx).unwrap()).collect();
			(results, Executive::finalize_block())
		});
		self.parent = finished;
		results
	}

	fn read<R>(&mut self, f: impl FnOnce() -> R) -> R {
		self.ext.execute_with(f)
	}
}

#[test]
fn blocks_carry_transfers_datasets_and_anchors_under_relay_validation_data() {
	let mut chain = Chain::new();
	assert_eq!(chain.read(|| verity_runtime::ParachainInfo::parachain_id()), DEV_PARA_ID.into());
	let bob = Sr25519Keyring::Bob.to_account_id();
	let bob_before = chain.read(|| verity_runtime::Balances::free_balance(&bob));

	// Block 1: a transfer, and the commitment that hides a dataset's root until its reveal.
	let shards = vec![H256::repeat_byte(1), H256::repeat_byte(2)];
	let root = merkle::root(shards.iter());
	let salt = H256::repeat_byte(9);
	let alice = Sr25519Keyring::Alice.to_account_id();
	let commitment = chain.read(|| {
		pallet_dataset_registry::Pallet::<Runtime>::registration_commitment(
			&root, &alice, &shards, &salt,
		)
	});
	let transfer =
		chain.signed(RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
			dest: Address::Id(bob.clone()),
			value: 5 * UNIT,
		}));
	let commit = chain.signed(RuntimeCall::DatasetRegistry(
		pallet_dataset_registry::Call::commit_registration { commitment },
	));
	assert_eq!(chain.block(FIRST_SLOT, vec![transfer, commit]), vec![Ok(()), Ok(())]);

	// Block 2: the reveal registers the dataset; a reasoning trace is anchored.
	let register =
		chain.signed(RuntimeCall::DatasetRegistry(pallet_dataset_registry::Call::register {
			root,
			shards: shards.clone(),
			kind: pallet_dataset_registry::DatasetKind::Curated,
			parents: Vec::new(),
			description: pallet_dataset_registry::DatasetDescription {
				name: b"parachain-corpus".to_vec(),
				uri: b"ipfs://corpus".to_vec(),
				license: b"CC-BY-4.0".to_vec(),
				record_count: 10,
				byte_size: 1_000,
			},
			salt,
		}));
	let trace = sp_runtime::traits::BlakeTwo256::hash(b"chain of thought");
	let anchor =
		chain.signed(RuntimeCall::ReasoningAnchor(pallet_reasoning_anchor::Call::anchor_trace {
			root: trace,
			steps: 12,
			model_version: None,
			job: None,
			uri: None,
		}));
	assert_eq!(chain.block(FIRST_SLOT + 1, vec![register, anchor]), vec![Ok(()), Ok(())]);

	chain.read(|| {
		assert_eq!(frame_system::Pallet::<Runtime>::block_number(), 2);
		assert_eq!(verity_runtime::Balances::free_balance(&bob), bob_before + 5 * UNIT);
		let dataset = pallet_dataset_registry::Datasets::<Runtime>::get(0).expect("registered");
		assert_eq!((dataset.root, dataset.owner), (root, alice.clone()));
		let id = pallet_reasoning_anchor::Pallet::<Runtime>::anchor_by_root(alice.clone(), trace)
			.expect("anchored");
		let info = pallet_reasoning_anchor::Pallet::<Runtime>::anchor(id).expect("stored");
		assert_eq!(info.submitter, alice);
		// The relay chain's validation data of the last block is what the chain kept.
		let kept = cumulus_pallet_parachain_system::ValidationData::<Runtime>::get();
		assert_eq!(kept.map(|v| v.relay_parent_number), Some(102));
	});
}

#[test]
fn the_flavour_has_collators_no_grandpa_and_blocks_bounded_by_the_pov_limit() {
	let mut chain = Chain::new();
	let weights = <Runtime as frame_system::Config>::BlockWeights::get();
	assert_eq!(weights.max_block.proof_size(), u64::from(MAX_POV_SIZE));
	chain.read(|| {
		let collators = pallet_collator_selection::Invulnerables::<Runtime>::get();
		assert_eq!(collators.into_inner(), vec![Sr25519Keyring::Alice.to_account_id()]);
		let validators = pallet_session::Validators::<Runtime>::get();
		let authorities = pallet_aura::Authorities::<Runtime>::get();
		assert_eq!((validators.len(), authorities.len()), (1, 1));
	});
	// Collators register Aura keys only: there is no GRANDPA on a parachain.
	let key_types = <verity_runtime::SessionKeys as sp_runtime::traits::OpaqueKeys>::key_ids();
	assert_eq!(key_types, &[sp_core::crypto::key_types::AURA]);
	// Every block's first inherent is the relay chain's validation data.
	let index = <verity_runtime::PalletInfo as frame_support::traits::PalletInfo>::index::<
		verity_runtime::ParachainSystem,
	>();
	assert_eq!(index, Some(6));
}

#[test]
fn two_blocks_may_share_a_relay_slot_with_velocity_one() {
	// Velocity 1 allows one block per relay slot plus one to fill the unincluded segment.
	let mut chain = Chain::new();
	chain.block(FIRST_SLOT, Vec::new());
	chain.block(FIRST_SLOT, Vec::new());
	assert_eq!(chain.parent.number, 2);
}

#[test]
#[should_panic(expected = "authored blocks limit is reached")]
fn a_collator_cannot_outpace_the_relay_chain() {
	let mut chain = Chain::new();
	for _ in 0..3 {
		chain.block(FIRST_SLOT, Vec::new());
	}
}

#[test]
#[should_panic(expected = "Parachain slot must match relay-derived slot")]
fn a_block_whose_slot_is_not_the_relay_chains_is_refused() {
	// A collator that claims a later Aura slot than the relay chain's (to take a turn that is
	// not yet its own) cannot build the block.
	let mut chain = Chain::new();
	chain.block(FIRST_SLOT, Vec::new());
	chain.block_at(FIRST_SLOT + 1, FIRST_SLOT + 5, Vec::new());
}

/// `0x`-prefixed lowercase hex, as chain specs write storage keys and values.
fn hex(bytes: &[u8]) -> String {
	bytes.iter().fold(String::from("0x"), |s, b| s + &format!("{b:02x}"))
}

/// The committed development spec (`chain-specs/para-dev*.json`), as JSON.
fn committed_spec(file: &str) -> Value {
	let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../chain-specs").join(file);
	let text = std::fs::read_to_string(&path)
		.unwrap_or_else(|e| panic!("{}: {e}; run scripts/chain-specs.sh", path.display()));
	serde_json::from_str(&text).unwrap()
}

#[test]
fn committed_para_dev_spec_matches_the_preset() {
	let spec = committed_spec("para-dev.json");
	assert_eq!(spec["para_id"], 2000);
	assert_eq!(spec["relay_chain"], "rococo-local");
	assert_eq!(spec["chainType"], "Development");
	assert!(
		spec["genesis"]["runtimeGenesis"]["patch"]
			== genesis_config_presets::development_config_genesis(),
		"chain-specs/para-dev.json drifted from the runtime's preset: run scripts/chain-specs.sh"
	);

	// The raw spec holds the storage the preset builds (the code aside: its bytes depend on the
	// build path).
	let raw = committed_spec("para-dev-raw.json");
	assert_eq!(raw["para_id"], 2000);
	let code_key = hex(sp_core::storage::well_known_keys::CODE);
	let committed: std::collections::BTreeMap<String, String> =
		serde_json::from_value(raw["genesis"]["raw"]["top"].clone()).unwrap();
	let committed: std::collections::BTreeMap<_, _> =
		committed.into_iter().filter(|(k, _)| *k != code_key).collect();
	let mut chain = Chain::new();
	let mut built: std::collections::BTreeMap<String, String> = chain.read(|| {
		let mut key = Vec::new();
		let mut top = std::collections::BTreeMap::new();
		while let Some(next) = sp_io::storage::next_key(&key) {
			let value = sp_io::storage::get(&next).unwrap_or_default();
			top.insert(hex(&next), hex(&value));
			key = next;
		}
		top
	});
	built.remove(&code_key);
	let drifted: Vec<_> = built
		.iter()
		.filter(|(k, v)| committed.get(*k) != Some(*v))
		.map(|(k, _)| k)
		.chain(committed.keys().filter(|k| !built.contains_key(*k)))
		.collect();
	assert!(
		drifted.is_empty(),
		"chain-specs/para-dev-raw.json drifted at {drifted:?}: run scripts/chain-specs.sh"
	);
}
