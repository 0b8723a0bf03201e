//! Genesis presets: `development` (one validator, Alice) and `local_testnet` (four validators,
//! Alice, Bob, Charlie and Dave: GRANDPA keeps finalizing with one of four down).

use crate::{
	configs::TreasuryAccount, AccountId, BalancesConfig, RuntimeGenesisConfig, SessionConfig,
	SessionKeys, SudoConfig, ValidatorSetConfig, EXISTENTIAL_DEPOSIT, UNIT,
};
use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use serde_json::Value;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// Balance of every endowed development account.
pub const ENDOWMENT: u128 = 1_000_000 * UNIT;

/// Session keys of a well-known development validator.
fn dev_session_keys(who: Sr25519Keyring, grandpa: Ed25519Keyring) -> SessionKeys {
	SessionKeys { aura: who.public().into(), grandpa: grandpa.public().into() }
}

fn genesis(validators: Vec<(Sr25519Keyring, Ed25519Keyring)>, root: AccountId) -> Value {
	let mut balances: Vec<(AccountId, u128)> = Sr25519Keyring::iter()
		.filter(|k| k != &Sr25519Keyring::One && k != &Sr25519Keyring::Two)
		.map(|k| (k.to_account_id(), ENDOWMENT))
		.collect();
	// The treasury exists from the start, so the first fees it receives are not dust.
	balances.push((TreasuryAccount::get(), EXISTENTIAL_DEPOSIT));
	let keys = validators
		.iter()
		.map(|(sr, ed)| (sr.to_account_id(), sr.to_account_id(), dev_session_keys(*sr, *ed)))
		.collect::<Vec<_>>();
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig { balances },
		validator_set: ValidatorSetConfig {
			validators: validators.iter().map(|(sr, _)| sr.to_account_id()).collect::<Vec<_>>(),
		},
		session: SessionConfig { keys },
		sudo: SudoConfig { key: Some(root) },
	})
}

/// One validator (Alice), Alice is root.
pub fn development_config_genesis() -> Value {
	genesis(
		vec![(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
		Sr25519Keyring::Alice.to_account_id(),
	)
}

/// Four validators (Alice, Bob, Charlie, Dave), Alice is root.
pub fn local_config_genesis() -> Value {
	genesis(
		vec![
			(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
			(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
			(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
			(Sr25519Keyring::Dave, Ed25519Keyring::Dave),
		],
		Sr25519Keyring::Alice.to_account_id(),
	)
}

/// The JSON patch of the preset `id`, if there is one.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development_config_genesis(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_config_genesis(),
		_ => return None,
	};
	serde_json::to_string(&patch).ok().map(alloc::string::String::into_bytes)
}

/// The presets this runtime offers.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
	]
}
