//! The evaluator's worker key: sr25519 under key type `vrev`, the evaluator's own account key.
//!
//! Put it in the evaluator node's keystore, e.g. for a dev account:
//! `verity-node key insert --base-path <dir> --chain <chain> --key-type vrev --scheme sr25519
//! --suri "//Charlie"` (or the `author_insertKey` RPC with `"vrev"`). The account it signs for is
//! the evaluator: bond it with `bond_evaluator` from the same key.

use sp_core::crypto::KeyTypeId;
use sp_runtime::{
	app_crypto::{app_crypto, sr25519},
	MultiSignature, MultiSigner,
};

/// Key type of the evaluation off-chain worker.
pub const KEY_TYPE: KeyTypeId = KeyTypeId(*b"vrev");

app_crypto!(sr25519, KEY_TYPE);

/// Binds the `vrev` app key to the runtime's `MultiSigner`/`MultiSignature`.
pub struct EvaluatorAppCrypto;

impl frame_system::offchain::AppCrypto<MultiSigner, MultiSignature> for EvaluatorAppCrypto {
	type RuntimeAppPublic = Public;
	type GenericSignature = sp_core::sr25519::Signature;
	type GenericPublic = sp_core::sr25519::Public;
}
