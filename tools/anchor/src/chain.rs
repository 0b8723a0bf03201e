//! Talking to a Verity node over its WebSocket RPC: signing and submitting extrinsics built with
//! the runtime's own types, reading events and calling runtime APIs through `state_call`.

use anyhow::{anyhow, bail, Context, Result};
use codec::{Decode, Encode};
use jsonrpsee::{
	core::client::{ClientT, Subscription, SubscriptionClientT},
	rpc_params,
	ws_client::{WsClient, WsClientBuilder},
};
use serde_json::Value;
use sp_core::{sr25519, Pair, H256};
use sp_runtime::{generic::Era, MultiAddress, MultiSignature};
use std::time::Duration;
use verity_runtime::{AccountId, RuntimeCall, RuntimeEvent, SignedPayload, UncheckedExtrinsic};

/// An event as `System::Events` stores it.
pub type EventRecord = frame_system::EventRecord<RuntimeEvent, H256>;

/// What the chain needs to accept a signature: fetched once per run.
#[derive(Clone, Copy, Debug)]
pub struct SigningContext {
	/// Hash of block 0.
	pub genesis: H256,
	/// The runtime's `spec_version`.
	pub spec_version: u32,
	/// The runtime's `transaction_version`.
	pub transaction_version: u32,
}

/// A connected node.
pub struct Chain {
	client: WsClient,
}

/// The hex form RPC methods take.
pub fn to_hex(bytes: &[u8]) -> String {
	format!("0x{}", hex::encode(bytes))
}

fn from_hex(text: &str) -> Result<Vec<u8>> {
	hex::decode(text.trim_start_matches("0x")).context("invalid hex from the node")
}

/// Signs `call` as `pair` with `nonce`: immortal, no tip, no metadata hash
/// (`verity_runtime::tx_extension`).
pub fn sign(
	call: RuntimeCall,
	pair: &sr25519::Pair,
	nonce: u32,
	ctx: &SigningContext,
) -> UncheckedExtrinsic {
	let extension = verity_runtime::tx_extension(nonce, Era::Immortal);
	// What each extension adds to the signed payload without sending it: the versions, the
	// genesis hash (twice: CheckGenesis, and CheckEra's birth block of an immortal era) and no
	// metadata hash; nothing for the weight reclaim after the checks. `SignedPayload::new` would
	// read these from runtime storage.
	let checks = (
		(),
		(),
		ctx.spec_version,
		ctx.transaction_version,
		ctx.genesis,
		ctx.genesis,
		(),
		(),
		(),
		None,
	);
	let implicit = (checks, ());
	let payload = SignedPayload::from_raw(call, extension, implicit);
	let signature = payload.using_encoded(|bytes| pair.sign(bytes));
	let (call, extension, _) = payload.deconstruct();
	let account = AccountId::from(pair.public());
	UncheckedExtrinsic::new_signed(
		call,
		MultiAddress::Id(account),
		MultiSignature::Sr25519(signature),
		extension,
	)
}

/// A key pair from a secret URI such as `//Alice` or a mnemonic.
pub fn pair_from_suri(suri: &str) -> Result<sr25519::Pair> {
	sr25519::Pair::from_string(suri, None).map_err(|e| anyhow!("invalid --suri: {e:?}"))
}

/// The storage key of `System::Events`.
fn events_key() -> Vec<u8> {
	frame_support::storage::storage_prefix(b"System", b"Events").to_vec()
}

impl Chain {
	/// Connects to a node's WebSocket RPC.
	pub async fn connect(url: &str) -> Result<Chain> {
		let client = WsClientBuilder::default()
			.request_timeout(Duration::from_secs(120))
			.max_request_size(64 * 1024 * 1024)
			.max_response_size(64 * 1024 * 1024)
			.build(url)
			.await
			.with_context(|| format!("connecting to {url}"))?;
		Ok(Chain { client })
	}

	/// Genesis hash and runtime versions.
	pub async fn signing_context(&self) -> Result<SigningContext> {
		let genesis: H256 = self.client.request("chain_getBlockHash", rpc_params![0u32]).await?;
		let version: Value = self.client.request("state_getRuntimeVersion", rpc_params![]).await?;
		let field = |name: &str| {
			version[name]
				.as_u64()
				.and_then(|v| u32::try_from(v).ok())
				.ok_or_else(|| anyhow!("runtime version without {name}"))
		};
		Ok(SigningContext {
			genesis,
			spec_version: field("specVersion")?,
			transaction_version: field("transactionVersion")?,
		})
	}

	/// The next nonce of `who`, counting transactions already in the pool.
	pub async fn next_nonce(&self, who: &AccountId) -> Result<u32> {
		Ok(self.client.request("system_accountNextIndex", rpc_params![who.to_string()]).await?)
	}

	/// Submits an extrinsic and waits until it is in a block; returns the block hash.
	pub async fn submit_and_wait(&self, extrinsic: &UncheckedExtrinsic) -> Result<H256> {
		let mut sub: Subscription<Value> = self
			.client
			.subscribe(
				"author_submitAndWatchExtrinsic",
				rpc_params![to_hex(&extrinsic.encode())],
				"author_unwatchExtrinsic",
			)
			.await
			.context("submitting the extrinsic")?;
		while let Some(status) = sub.next().await {
			let status = status?;
			if let Some(hash) = status.get("inBlock").or_else(|| status.get("finalized")) {
				return Ok(serde_json::from_value(hash.clone())?);
			}
			match status.as_str() {
				Some("future") | Some("ready") => continue,
				Some(other) => bail!("the extrinsic was {other}"),
				None if status.get("broadcast").is_some() || status.get("retracted").is_some() => {
					continue
				},
				None => bail!("the extrinsic was not included: {status}"),
			}
		}
		bail!("the node closed the subscription before inclusion")
	}

	/// Puts an extrinsic in the node's pool without watching it; returns its hash.
	pub async fn submit(&self, extrinsic: &UncheckedExtrinsic) -> Result<H256> {
		Ok(self
			.client
			.request("author_submitExtrinsic", rpc_params![to_hex(&extrinsic.encode())])
			.await
			.context("submitting the extrinsic")?)
	}

	/// The hex-encoded extrinsics of a block.
	pub async fn block_extrinsics(&self, hash: H256) -> Result<Vec<String>> {
		let block: Value = self.client.request("chain_getBlock", rpc_params![hash]).await?;
		let list = block["block"]["extrinsics"]
			.as_array()
			.ok_or_else(|| anyhow!("block {hash:?} not found"))?;
		Ok(list.iter().filter_map(|x| x.as_str().map(str::to_string)).collect())
	}

	/// The number of a block.
	pub async fn block_number(&self, hash: H256) -> Result<u32> {
		let header: Value = self.client.request("chain_getHeader", rpc_params![hash]).await?;
		let number = header["number"].as_str().ok_or_else(|| anyhow!("header without number"))?;
		Ok(u32::from_str_radix(number.trim_start_matches("0x"), 16)?)
	}

	/// The weight a block used, all dispatch classes together (`System::BlockWeight`).
	pub async fn block_weight(&self, hash: H256) -> Result<frame_support::weights::Weight> {
		let key = frame_support::storage::storage_prefix(b"System", b"BlockWeight");
		let raw: Option<String> =
			self.client.request("state_getStorage", rpc_params![to_hex(&key), hash]).await?;
		let Some(raw) = raw else { return Ok(Default::default()) };
		let used =
			frame_support::dispatch::PerDispatchClass::<frame_support::weights::Weight>::decode(
				&mut &from_hex(&raw)?[..],
			)
			.context("decoding System::BlockWeight")?;
		Ok(used.total())
	}

	/// The events emitted in a block.
	pub async fn events(&self, hash: H256) -> Result<Vec<EventRecord>> {
		let raw: Option<String> = self
			.client
			.request("state_getStorage", rpc_params![to_hex(&events_key()), hash])
			.await?;
		let Some(raw) = raw else { return Ok(Vec::new()) };
		Vec::<EventRecord>::decode(&mut &from_hex(&raw)?[..])
			.context("decoding events: is the node running this tool's runtime?")
	}

	/// Calls runtime API `method` (e.g. `ReasoningAnchorApi_verify_step`) with SCALE-encoded
	/// `args` at the best block, and decodes the answer.
	pub async fn state_call<R: Decode>(&self, method: &str, args: &[u8]) -> Result<R> {
		let raw: String =
			self.client.request("state_call", rpc_params![method, to_hex(args)]).await?;
		R::decode(&mut &from_hex(&raw)?[..])
			.with_context(|| format!("decoding the answer of {method}"))
	}
}
