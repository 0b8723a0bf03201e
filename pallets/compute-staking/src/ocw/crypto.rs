//! The off-chain worker's key: sr25519 under key type `vrty`, the provider's own account key.
//!
//! Put the provider's key in the node's keystore, e.g. for a dev account:
//! `verity-node key insert --base-path <dir> --chain <chain> --key-type vrty --scheme sr25519
//! --suri "//Bob"` (or the `author_insertKey` RPC with `"vrty"`). The account the key signs for
//! is the provider account: register it with `register_provider` from the same key.

use sp_core::crypto::KeyTypeId;
use sp_runtime::{
	app_crypto::{app_crypto, sr25519},
	MultiSignature, MultiSigner,
};

/// Key type of the compute off-chain worker.
pub const KEY_TYPE: KeyTypeId = KeyTypeId(*b"vrty");

app_crypto!(sr25519, KEY_TYPE);

/// The app public key the runtime names as the pallet's `AuthorityId` key.
pub type AuthorityId = Public;

/// Binds the `vrty` app key to the runtime's `MultiSigner`/`MultiSignature`.
pub struct VerityAppCrypto;

impl frame_system::offchain::AppCrypto<MultiSigner, MultiSignature> for VerityAppCrypto {
	type RuntimeAppPublic = Public;
	type GenericSignature = sp_core::sr25519::Signature;
	type GenericPublic = sp_core::sr25519::Public;
}
