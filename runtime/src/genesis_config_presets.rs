//! Genesis presets: `development` (one validator, Alice) and `local_testnet` (four validators,
//! Alice, Bob, Charlie and Dave: GRANDPA keeps finalizing with one of four down). The parachain
//! flavour has the same two, with Alice (and Bob) as invulnerable collators of para 2000.

use crate::{
	configs::TreasuryAccount, AccountId, BalancesConfig, RuntimeGenesisConfig, SessionConfig,
	SessionKeys, SudoConfig, EXISTENTIAL_DEPOSIT, UNIT,
};
use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use serde_json::Value;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// Balance of every endowed development account.
pub const ENDOWMENT: u128 = 1_000_000 * UNIT;

/// Session keys of a well-known development validator.
#[cfg(not(feature = "parachain"))]
fn dev_session_keys(who: Sr25519Keyring, grandpa: Ed25519Keyring) -> SessionKeys {
	SessionKeys { aura: who.public().into(), grandpa: grandpa.public().into() }
}

/// Session keys of a well-known development collator: Aura's only.
#[cfg(feature = "parachain")]
fn dev_session_keys(who: Sr25519Keyring, _grandpa: Ed25519Keyring) -> SessionKeys {
	SessionKeys { aura: who.public().into() }
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
	let authorities = validators.iter().map(|(sr, _)| sr.to_account_id()).collect::<Vec<_>>();
	flavour_genesis(balances, authorities, keys, root)
}

/// The solochain: the validator set names the first validators.
#[cfg(not(feature = "parachain"))]
fn flavour_genesis(
	balances: Vec<(AccountId, u128)>,
	validators: Vec<AccountId>,
	keys: Vec<(AccountId, AccountId, SessionKeys)>,
	root: AccountId,
) -> Value {
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig { balances },
		validator_set: crate::ValidatorSetConfig { validators },
		session: SessionConfig { keys },
		sudo: SudoConfig { key: Some(root) },
	})
}

/// The parachain: its para id, the collators as invulnerables, and the XCM version it speaks
/// to chains that have not told theirs.
#[cfg(feature = "parachain")]
fn flavour_genesis(
	balances: Vec<(AccountId, u128)>,
	invulnerables: Vec<AccountId>,
	keys: Vec<(AccountId, AccountId, SessionKeys)>,
	root: AccountId,
) -> Value {
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig { balances },
		parachain_info: crate::ParachainInfoConfig {
			parachain_id: crate::configs::consensus::DEV_PARA_ID.into(),
		},
		collator_selection: crate::CollatorSelectionConfig {
			invulnerables,
			candidacy_bond: 16 * UNIT,
		},
		session: SessionConfig { keys },
		sudo: SudoConfig { key: Some(root) },
		polkadot_xcm: crate::PolkadotXcmConfig {
			safe_xcm_version: Some(staging_xcm::prelude::XCM_VERSION),
		},
	})
}

/// One validator (Alice), Alice is root.
pub fn development_config_genesis() -> Value {
	genesis(
		vec![(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
		Sr25519Keyring::Alice.to_account_id(),
	)
}

/// Four validators (Alice, Bob, Charlie, Dave), Alice is root. On the parachain, one collator
/// (Alice), as `zombienet/verity.toml` starts.
pub fn local_config_genesis() -> Value {
	let mut validators = vec![
		(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
		(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
		(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
		(Sr25519Keyring::Dave, Ed25519Keyring::Dave),
	];
	if cfg!(feature = "parachain") {
		validators.truncate(1);
	}
	genesis(validators, Sr25519Keyring::Alice.to_account_id())
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
