//! The off-chain worker against canned cluster answers (`TestOffchainExt`): chat completion →
//! commit → reveal; Ray submit → poll → logs → commit, for training and long inference; the lock;
//! failing HTTP; canonical hashes, also against the ones `scripts/cluster/infer_job.py` computes.

use super::*;
use crate::{
	ocw::{self, inference, ray, state, training},
	Call,
};
use codec::Decode;
use frame_support::traits::Hooks;
use parking_lot::RwLock;
use sp_core::offchain::{
	testing::{OffchainState, PendingRequest, PoolState, TestOffchainExt, TestTransactionPoolExt},
	Duration, Externalities, HttpError, HttpRequestId, HttpRequestStatus, OpaqueNetworkState,
	StorageKind, Timestamp,
};
use sp_core::OpaquePeerId;
use sp_runtime::{
	generic::Preamble,
	offchain::storage_lock::{BlockAndTime, StorageLock},
};
use std::sync::Arc;

const ENDPOINT: &str = "http://127.0.0.1:8080";
const RAY: &str = "http://127.0.0.1:8265";
const ANSWER: &str = "The answer is 4.";

fn set_config(key: &[u8], value: &str) {
	sp_io::offchain::local_storage_set(StorageKind::PERSISTENT, key, value.as_bytes());
}

fn chat_request() -> PendingRequest {
	let body = serde_json::json!({
		"model": "default",
		"messages": [{ "role": "user", "content": "What is 2+2?" }],
		"temperature": 0.0,
		"seed": 42,
		"max_tokens": 32,
		"stream": false,
	});
	PendingRequest {
		method: "POST".into(),
		uri: format!("{ENDPOINT}/v1/chat/completions"),
		headers: vec![("Content-Type".into(), "application/json".into())],
		body: serde_json::to_vec(&body).unwrap(),
		sent: true,
		..Default::default()
	}
}

fn chat_answer(id: &str, created: u64, content: &str) -> Vec<u8> {
	format!(
		r#"{{"choices":[{{"finish_reason":"stop","index":0,"message":{{"role":"assistant","content":"{content}"}}}}],"created":{created},"model":"smollm2","object":"chat.completion","usage":{{"completion_tokens":6,"prompt_tokens":37,"total_tokens":43}},"id":"{id}","timings":{{"prompt_ms":{created}.5}}}}"#
	)
	.into_bytes()
}

fn get(uri: String, response: &str) -> PendingRequest {
	PendingRequest {
		method: "GET".into(),
		uri,
		response: Some(response.as_bytes().to_vec()),
		sent: true,
		..Default::default()
	}
}

/// The Ray job `submission` is polled and has succeeded; its logs are then read and say `logs`.
fn ray_succeeded(submission: &str, logs: &str) -> [PendingRequest; 2] {
	[
		get(format!("{RAY}/api/jobs/{submission}"), r#"{"status":"SUCCEEDED"}"#),
		get(
			format!("{RAY}/api/jobs/{submission}/logs"),
			&serde_json::json!({ "logs": logs }).to_string(),
		),
	]
}

/// The one transaction a worker sends when it commits `output` with `salt` for `job`.
fn commit_sent(
	provider: &AccountId,
	job: JobId,
	output: &H256,
	salt: H256,
) -> Vec<(AccountId, Call<Test>)> {
	vec![(
		provider.clone(),
		Call::commit { job, commitment: commitment_of(job, provider, output, &salt) },
	)]
}

/// Registers the key's account as the only provider, submits `spec` from account 1 and runs the
/// block that draws it: the worker's provider holds the job's seat, with no claim sent.
fn claimed_job(provider: &AccountId, spec: JobSpec<Test>) -> JobId {
	register_account(provider);
	let id = submit_from(&acc(1), spec);
	assert_eq!(draw(id), vec![provider.clone()]);
	id
}

/// The POST submitting `body` to Ray, answered with `response`.
fn ray_submit(body: &serde_json::Value, response: Vec<u8>) -> PendingRequest {
	PendingRequest {
		method: "POST".into(),
		uri: format!("{RAY}/api/jobs/"),
		headers: vec![("Content-Type".into(), "application/json".into())],
		body: serde_json::to_vec(body).unwrap(),
		response: Some(response),
		sent: true,
		..Default::default()
	}
}

/// Expects the status and log requests of Ray job `submission`, succeeded with `logs`.
fn expect_ray_success(state: &RwLock<OffchainState>, submission: &str, logs: &str) {
	for request in ray_succeeded(submission, logs) {
		state.write().expect_request(request);
	}
}

/// Decodes the pool's transactions into (signer, call), emptying the pool.
macro_rules! drain {
	($pool:expr) => {{
		let txs = std::mem::take(&mut $pool.write().transactions);
		txs.into_iter()
			.map(|tx| {
				let xt = Extrinsic::decode(&mut &tx[..]).unwrap();
				let Preamble::Signed(who, (), ()) = xt.preamble else { panic!("not signed") };
				let RuntimeCall::ComputeStaking(call) = xt.function else { panic!("other pallet") };
				(who, call)
			})
			.collect::<Vec<_>>()
	}};
}

/// Runs `test` in off-chain worker externalities holding one provider key, with the provider's
/// account, the expected HTTP requests and the transaction pool, then checks the invariants.
fn with_worker(test: impl FnOnce(AccountId, Arc<RwLock<OffchainState>>, Arc<RwLock<PoolState>>)) {
	let (offchain, state) = TestOffchainExt::new();
	let (pool, pool_state) = TestTransactionPoolExt::new();
	let (mut ext, provider) = ocw_ext(offchain.clone(), offchain, pool);
	ext.execute_with(|| {
		test(provider, state, pool_state);
		ComputeStaking::do_try_state().unwrap();
	});
}

/// Dispatches a drained call as its signer.
fn dispatch(who: &AccountId, call: Call<Test>) {
	use frame_support::traits::UnfilteredDispatchable;
	assert_ok!(call.dispatch_bypass_filter(RuntimeOrigin::signed(who.clone())));
}

#[test]
fn chat_completion_then_commit_then_reveal() {
	with_worker(|provider, state, pool_state| {
		state.write().seed = [7; 32];
		let id = claimed_job(&provider, spec(1, 30));
		set_config(state::ENDPOINT_KEY, ENDPOINT);
		let mut req = chat_request();
		req.response = Some(chat_answer("chatcmpl-1", 1795316547, ANSWER));
		state.write().expect_request(req);

		ComputeStaking::offchain_worker(1);
		let output = H256(sp_io::hashing::blake2_256(ANSWER.as_bytes()));
		let salt = H256([7; 32]);
		let calls = drain!(pool_state);
		assert_eq!(calls.len(), 1);
		let (who, call) = calls.into_iter().next().unwrap();
		assert_eq!(who, provider);
		assert_eq!(
			call,
			Call::commit { job: id, commitment: commitment_of(id, &provider, &output, &salt) }
		);
		// Within the resend window the worker stays quiet.
		ComputeStaking::offchain_worker(1);
		assert!(drain!(pool_state).is_empty());

		dispatch(&who, call);
		assert_eq!(status(id), Some(JobStatus::Revealing { until: 2 + REVEAL_PERIOD }));
		run_to_block(2);
		ComputeStaking::offchain_worker(2);
		let calls = drain!(pool_state);
		assert_eq!(calls, vec![(provider.clone(), Call::reveal { job: id, output, salt })]);
		let (who, call) = calls.into_iter().next().unwrap();
		dispatch(&who, call);
		settle_if_decided(id);
		// No other provider could check it: the result stands, unchecked.
		assert_eq!(crate::Receipts::<Test>::get(id).unwrap().output_hash, output);
	});
}

#[test]
fn ray_training_submit_poll_logs_commit() {
	with_worker(|provider, state, pool_state| {
		state.write().seed = [9; 32];
		let mut s = spec(1, 50);
		s.kind = JobKind::Training;
		let input_hash = s.input_hash;
		let id = claimed_job(&provider, s);
		set_config(state::RAY_KEY, RAY);
		set_config(state::RAY_ENTRYPOINT_KEY, "python train_tiny.py");
		let submission = ray::submission_id(id, &provider);
		let short: String = <AccountId as AsRef<[u8]>>::as_ref(&provider)
			.iter()
			.take(8)
			.map(|b| format!("{b:02x}"))
			.collect();
		assert_eq!(submission, format!("verity-{id}-{short}"));

		// Block 1: submit.
		let body = serde_json::json!({
			"entrypoint": "python train_tiny.py",
			"submission_id": submission,
			"runtime_env": { "env_vars": {
				"VERITY_JOB_ID": "0",
				"VERITY_INPUT_URI": "data:text/plain,What is 2+2?",
				"VERITY_INPUT_HASH": format!("{input_hash:#x}"),
				"VERITY_SEED": "42",
				"VERITY_MAX_TOKENS": "32",
				"VERITY_MODEL": "default",
			}},
		});
		let answer = format!(r#"{{"job_id":"raysubmit_1","submission_id":"{submission}"}}"#);
		state.write().expect_request(ray_submit(&body, answer.into_bytes()));
		ComputeStaking::offchain_worker(1);
		assert!(drain!(pool_state).is_empty());
		assert_eq!(
			state::ray_run(id, &provider),
			Some(state::RayRun::Submitted(submission.clone().into_bytes()))
		);

		// Block 2: still running.
		run_to_block(2);
		state
			.write()
			.expect_request(get(format!("{RAY}/api/jobs/{submission}"), r#"{"status":"RUNNING"}"#));
		ComputeStaking::offchain_worker(2);
		assert!(drain!(pool_state).is_empty());

		// Block 3: succeeded; the logs carry the artifact hash.
		run_to_block(3);
		let artifact = H256::repeat_byte(0xab);
		expect_ray_success(
			&state,
			&submission,
			&format!("epoch 1 loss 0.5\nVERITY_ARTIFACT_HASH={artifact:#x}\ndone\n"),
		);
		ComputeStaking::offchain_worker(3);
		assert_eq!(drain!(pool_state), commit_sent(&provider, id, &artifact, H256([9; 32])));
	});
}

#[test]
fn a_failed_ray_job_is_not_retried() {
	with_worker(|provider, state, pool_state| {
		let mut s = spec(1, 50);
		s.kind = JobKind::Training;
		let id = claimed_job(&provider, s);
		set_config(state::RAY_KEY, RAY);
		set_config(state::RAY_ENTRYPOINT_KEY, "python train_tiny.py");
		let submission = ray::submission_id(id, &provider);
		state::set_ray_run(
			id,
			&provider,
			&state::RayRun::Submitted(submission.clone().into_bytes()),
		);
		state
			.write()
			.expect_request(get(format!("{RAY}/api/jobs/{submission}"), r#"{"status":"FAILED"}"#));
		ComputeStaking::offchain_worker(1);
		assert_eq!(state::ray_run(id, &provider), Some(state::RayRun::Failed));
		// No further request (an unexpected one would panic) and nothing sent.
		ComputeStaking::offchain_worker(1);
		assert!(drain!(pool_state).is_empty());
	});
}

#[test]
fn training_is_refused_without_an_operator_entrypoint() {
	with_worker(|provider, _state, pool_state| {
		let mut s = spec(1, 50);
		s.kind = JobKind::Training;
		let id = claimed_job(&provider, s);
		set_config(state::RAY_KEY, RAY);
		let account = frame_system::offchain::Signer::<Test, crate::crypto::VerityAppCrypto>::keystore_accounts()
			.next()
			.unwrap();
		assert_eq!(
			ocw::process::<Test>(1, &account, id),
			Err(ocw::OcwError::NotConfigured("ray::entrypoint"))
		);
		assert!(drain!(pool_state).is_empty());
	});
}

/// Sets the worker up for long inference: the endpoint, Ray, the inference entrypoint and
/// `async_tokens` = 128 (unset when `None`, leaving the default).
fn long_inference_config(async_tokens: Option<&str>) {
	set_config(state::ENDPOINT_KEY, ENDPOINT);
	set_config(state::RAY_KEY, RAY);
	set_config(state::RAY_INFERENCE_ENTRYPOINT_KEY, "python infer_job.py");
	if let Some(tokens) = async_tokens {
		set_config(state::ASYNC_TOKENS_KEY, tokens);
	}
}

#[test]
fn long_inference_runs_on_ray_and_commits_the_printed_hash() {
	with_worker(|provider, state, pool_state| {
		state.write().seed = [5; 32];
		let mut s = spec(1, 30);
		s.params.max_tokens = 128;
		s.params.api = InferenceApi::Completion;
		let input_hash = s.input_hash;
		let id = claimed_job(&provider, s);
		long_inference_config(Some("128"));
		let submission = ray::submission_id(id, &provider);

		// Block 1: submitted to Ray with the job's facts; nothing goes to the inference server
		// (an unexpected request would panic).
		let body = serde_json::json!({
			"entrypoint": "python infer_job.py",
			"submission_id": submission,
			"runtime_env": { "env_vars": {
				"VERITY_JOB_ID": "0",
				"VERITY_INPUT_URI": "data:text/plain,What is 2+2?",
				"VERITY_INPUT_HASH": format!("{input_hash:#x}"),
				"VERITY_SEED": "42",
				"VERITY_MAX_TOKENS": "128",
				"VERITY_MODEL": "default",
				"VERITY_API": "completion",
				"VERITY_TEMPERATURE_MILLI": "0",
			}},
		});
		state.write().expect_request(ray_submit(&body, br#"{"job_id":"raysubmit_2"}"#.to_vec()));
		ComputeStaking::offchain_worker(1);
		assert!(drain!(pool_state).is_empty());

		// Block 2: done; the logs carry the canonical hash of the answer.
		run_to_block(2);
		let output = H256(sp_io::hashing::blake2_256(b" four"));
		expect_ray_success(
			&state,
			&submission,
			&format!("POST ...: 88 bytes\nVERITY_OUTPUT_HASH={output:#x}\n"),
		);
		ComputeStaking::offchain_worker(2);
		assert_eq!(drain!(pool_state), commit_sent(&provider, id, &output, H256([5; 32])));
	});
}

#[test]
fn short_inference_stays_one_request_with_an_inference_entrypoint() {
	with_worker(|provider, state, pool_state| {
		// 32 tokens, below the default `async_tokens`: the chat request, no Ray job.
		let id = claimed_job(&provider, spec(1, 30));
		long_inference_config(None);
		assert!(32 < state::DEFAULT_ASYNC_TOKENS);
		let mut req = chat_request();
		req.response = Some(chat_answer("chatcmpl-3", 1, ANSWER));
		state.write().expect_request(req);
		ComputeStaking::offchain_worker(1);
		assert_eq!(drain!(pool_state).len(), 1);
		assert_eq!(state::ray_run(id, &provider), None);
	});
}

#[test]
fn long_inference_without_an_inference_entrypoint_stays_one_request() {
	with_worker(|provider, state, pool_state| {
		let mut s = spec(1, 30);
		s.params.max_tokens = 4096;
		let id = claimed_job(&provider, s);
		set_config(state::ENDPOINT_KEY, ENDPOINT);
		set_config(state::RAY_KEY, RAY);
		set_config(state::ASYNC_TOKENS_KEY, "128");
		let mut req = chat_request();
		let mut body: serde_json::Value = serde_json::from_slice(&req.body).unwrap();
		body["max_tokens"] = 4096.into();
		req.body = serde_json::to_vec(&body).unwrap();
		req.response = Some(chat_answer("chatcmpl-4", 1, ANSWER));
		state.write().expect_request(req);
		ComputeStaking::offchain_worker(1);
		assert_eq!(drain!(pool_state).len(), 1);
		assert_eq!(state::ray_run(id, &provider), None);
	});
}

#[test]
fn a_switched_input_is_reported_before_anything_runs_on_ray() {
	with_worker(|provider, _state, pool_state| {
		let mut s = spec(1, 30);
		s.params.max_tokens = 1024;
		s.input_hash = H256::repeat_byte(1);
		let id = claimed_job(&provider, s);
		long_inference_config(Some("128"));
		// No Ray submission (an unexpected request would panic): BAD_INPUT, as without Ray.
		ComputeStaking::offchain_worker(1);
		let calls = drain!(pool_state);
		assert_eq!(calls.len(), 1);
		assert_eq!(state::result::<Test>(id, &provider).map(|r| r.0), Some(crate::BAD_INPUT));
		assert_eq!(state::ray_run(id, &provider), None);
	});
}

#[test]
fn the_lock_prevents_double_processing() {
	with_worker(|provider, state, pool_state| {
		let id = claimed_job(&provider, spec(1, 30));
		set_config(state::ENDPOINT_KEY, ENDPOINT);
		let key = state::lock_key(id, &provider);
		let mut lock = StorageLock::<BlockAndTime<System>>::with_block_and_time_deadline(
			&key,
			3,
			Duration::from_millis(60_000),
		);
		{
			let _held = lock.try_lock().expect("free");
			// Another run of the worker finds the job locked: no HTTP request (an unexpected one
			// would panic), no transaction.
			let account = frame_system::offchain::Signer::<Test, crate::crypto::VerityAppCrypto>::keystore_accounts()
				.next()
				.unwrap();
			assert_eq!(ocw::process::<Test>(1, &account, id), Err(ocw::OcwError::Locked));
			ComputeStaking::offchain_worker(1);
			assert!(drain!(pool_state).is_empty());
		}
		// Released: the next run does the work.
		let mut req = chat_request();
		req.response = Some(chat_answer("chatcmpl-2", 1, ANSWER));
		state.write().expect_request(req);
		ComputeStaking::offchain_worker(1);
		assert_eq!(drain!(pool_state).len(), 1);
	});
}

/// Worker externalities whose HTTP requests all end in `status` (a 5xx, or the deadline).
struct Failing {
	inner: TestOffchainExt,
	status: HttpRequestStatus,
}

impl Externalities for Failing {
	fn is_validator(&self) -> bool {
		self.inner.is_validator()
	}
	fn network_state(&self) -> Result<OpaqueNetworkState, ()> {
		self.inner.network_state()
	}
	fn timestamp(&mut self) -> Timestamp {
		self.inner.timestamp()
	}
	fn sleep_until(&mut self, deadline: Timestamp) {
		self.inner.sleep_until(deadline)
	}
	fn random_seed(&mut self) -> [u8; 32] {
		self.inner.random_seed()
	}
	fn http_request_start(
		&mut self,
		method: &str,
		uri: &str,
		meta: &[u8],
	) -> Result<HttpRequestId, ()> {
		self.inner.http_request_start(method, uri, meta)
	}
	fn http_request_add_header(
		&mut self,
		id: HttpRequestId,
		name: &str,
		value: &str,
	) -> Result<(), ()> {
		self.inner.http_request_add_header(id, name, value)
	}
	fn http_request_write_body(
		&mut self,
		id: HttpRequestId,
		chunk: &[u8],
		deadline: Option<Timestamp>,
	) -> Result<(), HttpError> {
		self.inner.http_request_write_body(id, chunk, deadline)
	}
	fn http_response_wait(
		&mut self,
		ids: &[HttpRequestId],
		_: Option<Timestamp>,
	) -> Vec<HttpRequestStatus> {
		ids.iter().map(|_| self.status).collect()
	}
	fn http_response_headers(&mut self, id: HttpRequestId) -> Vec<(Vec<u8>, Vec<u8>)> {
		self.inner.http_response_headers(id)
	}
	fn http_response_read_body(
		&mut self,
		id: HttpRequestId,
		buffer: &mut [u8],
		deadline: Option<Timestamp>,
	) -> Result<usize, HttpError> {
		self.inner.http_response_read_body(id, buffer, deadline)
	}
	fn set_authorized_nodes(&mut self, nodes: Vec<OpaquePeerId>, authorized_only: bool) {
		self.inner.set_authorized_nodes(nodes, authorized_only)
	}
}

fn nothing_is_sent_when_http_ends_in(status: HttpRequestStatus) {
	let (offchain, state) = TestOffchainExt::new();
	let (pool, pool_state) = TestTransactionPoolExt::new();
	let worker = Failing { inner: offchain.clone(), status };
	let (mut ext, provider) = ocw_ext(worker, offchain, pool);
	ext.execute_with(|| {
		let id = claimed_job(&provider, spec(1, 30));
		set_config(state::ENDPOINT_KEY, ENDPOINT);
		let mut req = chat_request();
		req.response = Some(b"upstream error".to_vec());
		state.write().expect_request(req);
		ComputeStaking::offchain_worker(1);
		assert!(drain!(pool_state).is_empty());
		assert_eq!(state::result::<Test>(id, &provider), None);
		ComputeStaking::do_try_state().unwrap();
	});
}

#[test]
fn a_5xx_answer_submits_nothing() {
	nothing_is_sent_when_http_ends_in(HttpRequestStatus::Finished(503));
}

#[test]
fn an_http_timeout_submits_nothing() {
	nothing_is_sent_when_http_ends_in(HttpRequestStatus::DeadlineReached);
}

#[test]
fn input_that_does_not_match_its_hash_is_reported_not_run() {
	with_worker(|provider, state, pool_state| {
		state.write().seed = [4; 32];
		let mut s = spec(1, 30);
		s.input_hash = H256::repeat_byte(1);
		let id = claimed_job(&provider, s);
		set_config(state::ENDPOINT_KEY, ENDPOINT);
		// No HTTP request is expected: the worker never runs a job on a switched input.
		ComputeStaking::offchain_worker(2);
		let salt = H256([4; 32]);
		assert_eq!(drain!(pool_state), commit_sent(&provider, id, &crate::BAD_INPUT, salt));
		assert_eq!(state::result::<Test>(id, &provider), Some((crate::BAD_INPUT, salt)));
	});
}

#[test]
fn inputs_on_internal_hosts_need_the_operators_allowlist() {
	with_worker(|_provider, _state, _pool_state| {
		for url in [
			"http://127.0.0.1:8080/x",
			"http://localhost/x",
			"http://10.1.2.3/x",
			"http://172.20.0.1/x",
			"http://192.168.1.1/x",
			"http://169.254.169.254/latest/meta-data",
			"http://[::1]:80/x",
			"http://0.0.0.0/x",
		] {
			assert!(!state::input_host_allowed(url), "{url} allowed without the allowlist");
		}
		for url in ["https://example.org/data", "http://172.32.0.1/x", "http://8.8.8.8/x"] {
			assert!(state::input_host_allowed(url), "{url} refused");
		}
		set_config(state::ALLOW_HOSTS_KEY, "127.0.0.1:8080, 10.1.2.3");
		assert!(state::input_host_allowed("http://127.0.0.1:8080/x"));
		assert!(!state::input_host_allowed("http://127.0.0.1:9000/x"));
		assert!(state::input_host_allowed("http://10.1.2.3:5000/x"));
		assert!(!state::input_host_allowed("http://192.168.1.1/x"));
		let refused = inference::fetch_input(b"http://192.168.1.1/x", &H256::zero(), 1_000);
		assert_eq!(refused, Err(ocw::OcwError::HostNotAllowed));
	});
}

#[test]
fn a_kept_result_is_never_overwritten() {
	with_worker(|provider, _state, _pool_state| {
		let first = state::keep_result::<Test>(7, &provider, out(1), H256::repeat_byte(1));
		assert_eq!(first, (out(1), H256::repeat_byte(1)));
		// A second run (say, after the lock expired) computes again: the first result stays.
		let second = state::keep_result::<Test>(7, &provider, out(2), H256::repeat_byte(2));
		assert_eq!(second, first);
		assert_eq!(state::result::<Test>(7, &provider), Some(first));
	});
}

#[test]
fn the_chat_hash_covers_the_content_only() {
	let a =
		inference::output_hash(InferenceApi::Chat, &chat_answer("chatcmpl-a", 1, ANSWER)).unwrap();
	let b = inference::output_hash(InferenceApi::Chat, &chat_answer("chatcmpl-b", 999, ANSWER))
		.unwrap();
	let c = inference::output_hash(
		InferenceApi::Chat,
		&chat_answer("chatcmpl-a", 1, "The answer is 5."),
	)
	.unwrap();
	assert_eq!(a, b);
	assert_ne!(a, c);
	assert_eq!(a, H256(sp_io::hashing::blake2_256(ANSWER.as_bytes())));
	let two = br#"{"choices":[{"message":{"content":"x"}},{"message":{"content":"y"}}]}"#;
	assert_eq!(
		inference::output_hash(InferenceApi::Chat, two).unwrap(),
		H256(sp_io::hashing::blake2_256(b"x\x1ey"))
	);
	assert_eq!(
		inference::output_hash(InferenceApi::Chat, br#"{"choices":[]}"#),
		Err(ocw::OcwError::BadResponse)
	);
	assert_eq!(
		inference::output_hash(InferenceApi::Chat, b"not json"),
		Err(ocw::OcwError::BadResponse)
	);
}

#[test]
fn completion_and_embedding_hashes() {
	let completion = br#"{"id":"cmpl-1","created":5,"choices":[{"text":" four","index":0}]}"#;
	assert_eq!(
		inference::output_hash(InferenceApi::Completion, completion).unwrap(),
		H256(sp_io::hashing::blake2_256(b" four"))
	);
	let embedding =
		br#"{"model":"m","data":[{"embedding":[0.12344,-0.5,1e-9],"index":0}],"usage":{}}"#;
	let mut expected = 3u32.to_le_bytes().to_vec();
	for q in [1234i32, -5000, 0] {
		expected.extend_from_slice(&q.to_le_bytes());
	}
	assert_eq!(
		inference::output_hash(InferenceApi::Embedding, embedding).unwrap(),
		H256(sp_io::hashing::blake2_256(&expected))
	);
	assert_eq!(inference::quantize(0.00005), 1);
	assert_eq!(inference::quantize(-0.00005), -1);
	assert_eq!(inference::quantize(1e12), i32::MAX);
}

#[test]
fn request_bodies_follow_the_job() {
	let params = JobParams {
		seed: u64::MAX,
		temperature_milli: 250,
		max_tokens: 8,
		api: InferenceApi::Completion,
	};
	let (path, body) = inference::request_body(&params, "smollm2", "Once");
	assert_eq!(path, "/v1/completions");
	let value: serde_json::Value = serde_json::from_slice(&body).unwrap();
	assert_eq!(value["prompt"], "Once");
	assert_eq!(value["temperature"], 0.25);
	assert_eq!(value["seed"], u64::MAX % 0xFFFF_FFFF);
	assert_eq!(value["model"], "smollm2");
	let (path, body) =
		inference::request_body(&JobParams { api: InferenceApi::Embedding, ..params }, "m", "t");
	assert_eq!(path, "/v1/embeddings");
	let value: serde_json::Value = serde_json::from_slice(&body).unwrap();
	assert_eq!(value, serde_json::json!({ "model": "m", "input": "t" }));
}

#[test]
fn inputs_come_inline_or_by_url_and_must_match_their_hash() {
	let hash = H256(sp_io::hashing::blake2_256(b"a,b"));
	let (offchain, state) = TestOffchainExt::new();
	let mut ext = sp_io::TestExternalities::default();
	ext.register_extension(sp_core::offchain::OffchainWorkerExt::new(offchain.clone()));
	ext.register_extension(sp_core::offchain::OffchainDbExt::new(offchain));
	ext.execute_with(|| {
		// Everything after the first comma, literally.
		assert_eq!(inference::fetch_input(b"data:text/csv,a,b", &hash, 1000), Ok(b"a,b".to_vec()));
		assert_eq!(
			inference::fetch_input(b"data:,a,c", &hash, 1000),
			Err(ocw::OcwError::InputMismatch)
		);
		assert_eq!(
			inference::fetch_input(b"data:nocomma", &hash, 1000),
			Err(ocw::OcwError::BadUri)
		);
		assert_eq!(inference::fetch_input(b"ipfs://x", &hash, 1000), Err(ocw::OcwError::BadUri));
		// A loopback input needs the operator's allowlist.
		assert_eq!(
			inference::fetch_input(b"http://127.0.0.1:9000/input.txt", &hash, 1000),
			Err(ocw::OcwError::HostNotAllowed)
		);
		set_config(state::ALLOW_HOSTS_KEY, "127.0.0.1:9000");
		state.write().expect_request(get("http://127.0.0.1:9000/input.txt".into(), "a,b"));
		assert_eq!(
			inference::fetch_input(b"http://127.0.0.1:9000/input.txt", &hash, 1000),
			Ok(b"a,b".to_vec())
		);
		ComputeStaking::do_try_state().unwrap();
	});
}

#[test]
fn artifact_hash_is_read_from_the_last_marked_line() {
	let a = H256::repeat_byte(1);
	let b = H256::repeat_byte(2);
	let logs = format!("VERITY_ARTIFACT_HASH={a:#x}\nnoise\n  VERITY_ARTIFACT_HASH={b:#x}  \ntail");
	let hash = |logs: &str| ray::marked_hash(logs, training::ARTIFACT_PREFIX);
	assert_eq!(hash(&logs), Some(b));
	assert_eq!(hash("VERITY_ARTIFACT_HASH=0x1234"), None);
	assert_eq!(hash(&format!("VERITY_ARTIFACT_HASH={}", "zz".repeat(32))), None);
	assert_eq!(hash("nothing here"), None);
	// Each kind of run reads its own marker only.
	assert_eq!(ray::marked_hash(&logs, inference::OUTPUT_PREFIX), None);
}

#[test]
fn next_step_follows_the_seat() {
	new_test_ext(|| {
		let (a, b, c) = (register(2), register(3), register(4));
		let id = submit(2, 20);
		let drawn = draw(id);
		let outsider = [a, b, c].into_iter().find(|w| !drawn.contains(w)).unwrap();
		let (x, y) = (drawn[0].clone(), drawn[1].clone());
		let step = |who: &AccountId| ocw::next_step::<Test>(&Jobs::<Test>::get(id).unwrap(), who);
		assert_eq!(step(&x), ocw::Step::Commit);
		assert_eq!(step(&outsider), ocw::Step::Wait);
		commit(&x, id, out(1));
		assert_eq!(step(&x), ocw::Step::Wait);
		commit(&y, id, out(1));
		assert_eq!(step(&x), ocw::Step::Reveal);
		reveal(&x, id, out(1));
		assert_eq!(step(&x), ocw::Step::Wait);
		assert_eq!(step(&y), ocw::Step::Reveal);
	});
}

/// The vectors `scripts/cluster/test_infer_job.py` checks the inference entrypoint against: the
/// worker computes the same hashes, refuses the same answers and sends the same request bodies.
#[test]
fn the_inference_entrypoint_hashes_like_the_worker() {
	let vectors: serde_json::Value =
		serde_json::from_str(include_str!("output-hash-vectors.json")).unwrap();
	let api = |case: &serde_json::Value| {
		[InferenceApi::Chat, InferenceApi::Completion, InferenceApi::Embedding]
			.into_iter()
			.find(|a| case["api"] == inference::api_name(*a))
			.unwrap()
	};
	assert_eq!(format!("{:#x}", crate::BAD_INPUT), vectors["bad_input"]);
	for case in vectors["answers"].as_array().unwrap() {
		let answer = case["answer"].as_str().unwrap().as_bytes();
		let hash = inference::output_hash(api(case), answer).unwrap();
		assert_eq!(format!("{hash:#x}"), case["hash"], "{}", case["name"]);
	}
	for case in vectors["rejected"].as_array().unwrap() {
		let answer = case["answer"].as_str().unwrap().as_bytes();
		assert_eq!(inference::output_hash(api(case), answer), Err(ocw::OcwError::BadResponse));
	}
	for case in vectors["requests"].as_array().unwrap() {
		let params = JobParams {
			seed: case["seed"].as_u64().unwrap(),
			temperature_milli: case["temperature_milli"].as_u64().unwrap() as u32,
			max_tokens: case["max_tokens"].as_u64().unwrap() as u32,
			api: api(case),
		};
		let model = case["model"].as_str().unwrap();
		let (path, body) = inference::request_body(&params, model, case["input"].as_str().unwrap());
		assert_eq!(path, case["path"]);
		assert_eq!(String::from_utf8(body).unwrap(), case["body"]);
	}
}

/// The operator's script and the e2e set the worker's keys by name: a renamed key must not
/// leave them setting one nobody reads.
#[test]
fn the_operator_tools_set_only_keys_the_worker_reads() {
	use state::*;
	let keys = [
		ENDPOINT_KEY,
		MODEL_KEY,
		RAY_KEY,
		RAY_ENTRYPOINT_KEY,
		RAY_INFERENCE_ENTRYPOINT_KEY,
		ASYNC_TOKENS_KEY,
		ALLOW_HOSTS_KEY,
		TIMEOUT_KEY,
	];
	let files =
		["scripts/set-ocw-config.sh", "e2e/lib/compute.mjs", "e2e/tests/compute-attacks.test.mjs"];
	let checked = verity_primitives::testing::assert_operator_keys_known(
		"verity::compute::",
		&keys,
		&[MODEL_PREFIX],
		&files,
	);
	assert!(checked >= 8, "only {checked} keys found: the files moved?");
}
