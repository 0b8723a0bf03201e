//! How off-chain workers build transactions: signed ones from a key in the node's keystore,
//! bare ones for unsigned submissions, and authorized ones for `#[pallet::authorize]` calls.

use codec::Encode;
use frame_system::offchain::{
	AppCrypto, CreateAuthorizedTransaction, CreateBare, CreateSignedTransaction, CreateTransaction,
	CreateTransactionBase, SigningTypes,
};
use sp_runtime::{generic::Era, traits::Verify, SaturatedConversion};

use super::super::{
	Address, Nonce, Runtime, RuntimeCall, Signature, SignedPayload, System, TxExtension,
	UncheckedExtrinsic,
};
use super::BlockHashCount;

/// The runtime's transaction extensions for a transaction with `nonce` valid over `era`, no tip
/// and no metadata hash: what off-chain workers (mortal for a short period), the anchoring CLI
/// and the fuzzer (immortal) sign.
pub fn tx_extension(nonce: Nonce, era: Era) -> TxExtension {
	super::consensus::wrap_tx_extension((
		frame_system::AuthorizeCall::<Runtime>::new(),
		frame_system::CheckNonZeroSender::<Runtime>::new(),
		frame_system::CheckSpecVersion::<Runtime>::new(),
		frame_system::CheckTxVersion::<Runtime>::new(),
		frame_system::CheckGenesis::<Runtime>::new(),
		frame_system::CheckEra::<Runtime>::from(era),
		frame_system::CheckNonce::<Runtime>::from(nonce),
		frame_system::CheckWeight::<Runtime>::new(),
		pallet_transaction_payment::ChargeTransactionPayment::<Runtime>::from(0),
		frame_metadata_hash_extension::CheckMetadataHash::<Runtime>::new(false),
	))
}

impl SigningTypes for Runtime {
	type Public = <Signature as Verify>::Signer;
	type Signature = Signature;
}

impl<C> CreateTransactionBase<C> for Runtime
where
	RuntimeCall: From<C>,
{
	type Extrinsic = UncheckedExtrinsic;
	type RuntimeCall = RuntimeCall;
}

impl<C> CreateTransaction<C> for Runtime
where
	RuntimeCall: From<C>,
{
	type Extension = TxExtension;

	fn create_transaction(call: RuntimeCall, extension: TxExtension) -> UncheckedExtrinsic {
		UncheckedExtrinsic::new_transaction(call, extension)
	}
}

impl<C> CreateSignedTransaction<C> for Runtime
where
	RuntimeCall: From<C>,
{
	fn create_signed_transaction<A: AppCrypto<Self::Public, Self::Signature>>(
		call: RuntimeCall,
		public: Self::Public,
		account: Self::AccountId,
		nonce: Nonce,
	) -> Option<UncheckedExtrinsic> {
		// Valid for half the block-hash window from the parent block on.
		let period =
			BlockHashCount::get().checked_next_power_of_two().map(|p| p / 2).unwrap_or(2) as u64;
		let current = System::block_number().saturated_into::<u64>().saturating_sub(1);
		let payload =
			SignedPayload::new(call, tx_extension(nonce, Era::mortal(period, current))).ok()?;
		let signature = payload.using_encoded(|bytes| A::sign(bytes, public))?;
		let (call, extension, _) = payload.deconstruct();
		Some(UncheckedExtrinsic::new_signed(call, Address::Id(account), signature, extension))
	}
}

impl<C> CreateBare<C> for Runtime
where
	RuntimeCall: From<C>,
{
	fn create_bare(call: RuntimeCall) -> UncheckedExtrinsic {
		UncheckedExtrinsic::new_bare(call)
	}
}

impl<C> CreateAuthorizedTransaction<C> for Runtime
where
	RuntimeCall: From<C>,
{
	fn create_extension() -> TxExtension {
		tx_extension(0, Era::Immortal)
	}
}
