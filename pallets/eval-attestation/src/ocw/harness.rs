//! The evaluation harnesses a benchmark's `harness_hash` can name, as `docs/eval-harnesses.md`
//! defines them byte for byte: the hidden test set's items and their hashes, the request sent
//! for each item, and whether an answer is correct. Pure functions: the worker does the HTTP.

use alloc::{string::String, vec::Vec};
use codec::Encode;
use serde_json::{json, Value};
use verity_primitives::{merkle, ContentHash};

/// The harnesses this node knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Harness {
	/// `qa-exact/1`: exact match of a normalised chat answer.
	QaExact,
	/// `mc-logprob/1`: the choice letter ranked first among the next token's log-probabilities.
	McLogprob,
}

/// Top log-probabilities asked for in `mc-logprob/1`.
pub const TOP_LOGPROBS: u32 = 20;
/// Most tokens of a `qa-exact/1` answer.
pub const QA_MAX_TOKENS: u32 = 32;
/// The `qa-exact/1` system message.
pub const QA_SYSTEM: &str = "Answer with the final answer only.";
/// Choices of a `mc-logprob/1` item: at least two, at most one per letter `A`–`H`.
pub const MC_CHOICES: core::ops::RangeInclusive<usize> = 2..=8;
/// Scores are accuracy in parts per million.
pub const SCALE: u64 = 1_000_000;

impl Harness {
	/// Every harness, for lookups.
	pub const ALL: [Harness; 2] = [Harness::QaExact, Harness::McLogprob];

	/// The name `harness_hash` is the blake2-256 of.
	pub fn name(self) -> &'static str {
		match self {
			Harness::QaExact => "verity/harness/qa-exact/1",
			Harness::McLogprob => "verity/harness/mc-logprob/1",
		}
	}

	/// Its `harness_hash`.
	pub fn hash(self) -> ContentHash {
		ContentHash::from(sp_io::hashing::blake2_256(self.name().as_bytes()))
	}

	/// The harness `hash` names, if this node knows it.
	pub fn from_hash(hash: &ContentHash) -> Option<Harness> {
		Harness::ALL.into_iter().find(|h| h.hash() == *hash)
	}
}

/// One test item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
	/// A `qa-exact/1` question and its answer.
	Qa { question: String, answer: String },
	/// A `mc-logprob/1` question, its choices and the index of the right one.
	Mc { question: String, choices: Vec<String>, answer: u32 },
}

/// Why a test set or an answer could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HarnessError {
	/// Line `n` (from 1) is not an item of the benchmark's harness.
	BadItem(u32),
	/// The server's answer is not what the endpoint promises.
	BadResponse,
}

impl Item {
	/// The item's hash: blake2-256 of its canonical SCALE bytes.
	pub fn hash(&self) -> ContentHash {
		let bytes = match self {
			Item::Qa { question, answer } => (*b"vrty/qa1", question, answer).encode(),
			Item::Mc { question, choices, answer } => {
				(*b"vrty/mc1", question, choices, answer).encode()
			},
		};
		ContentHash::from(sp_io::hashing::blake2_256(&bytes))
	}
}

/// Reads a test-set file (one JSON item per line; blank lines skipped) for `harness`.
pub fn parse_items(harness: Harness, file: &[u8]) -> Result<Vec<Item>, HarnessError> {
	let mut items = Vec::new();
	for (n, line) in file.split(|b| *b == b'\n').enumerate() {
		let line_no = u32::try_from(n).unwrap_or(u32::MAX).saturating_add(1);
		if line.iter().all(u8::is_ascii_whitespace) {
			continue;
		}
		let value: Value =
			serde_json::from_slice(line).map_err(|_| HarnessError::BadItem(line_no))?;
		items.push(item(harness, &value).ok_or(HarnessError::BadItem(line_no))?);
	}
	Ok(items)
}

fn item(harness: Harness, value: &Value) -> Option<Item> {
	let question = value.get("question")?.as_str()?.into();
	match harness {
		Harness::QaExact => {
			Some(Item::Qa { question, answer: value.get("answer")?.as_str()?.into() })
		},
		Harness::McLogprob => {
			let choices: Vec<String> = value
				.get("choices")?
				.as_array()?
				.iter()
				.map(|c| c.as_str().map(String::from))
				.collect::<Option<_>>()?;
			let answer = u32::try_from(value.get("answer")?.as_u64()?).ok()?;
			(MC_CHOICES.contains(&choices.len()) && (answer as usize) < choices.len())
				.then_some(Item::Mc { question, choices, answer })
		},
	}
}

/// The Merkle root and count of the items' hashes: the benchmark's `test_set_root` and
/// `test_items` when the file is its test set.
pub fn test_set_root(items: &[Item]) -> (ContentHash, u32) {
	let hashes: Vec<ContentHash> = items.iter().map(Item::hash).collect();
	let count = u32::try_from(hashes.len()).unwrap_or(u32::MAX);
	(merkle::root(hashes.iter().map(|h| h.as_bytes())), count)
}

/// The seed sent to the server: llama.cpp reads `0xFFFFFFFF` as "random".
pub fn server_seed(seed: u64) -> u64 {
	seed % 0xFFFF_FFFF
}

/// The endpoint path and JSON body (sorted keys, no spaces) asking `model` about `item`.
pub fn request(item: &Item, model: &str, seed: u64) -> (&'static str, Vec<u8>) {
	let seed = server_seed(seed);
	let (path, value) = match item {
		Item::Qa { question, .. } => (
			"/v1/chat/completions",
			json!({
				"max_tokens": QA_MAX_TOKENS,
				"messages": [
					{ "content": QA_SYSTEM, "role": "system" },
					{ "content": alloc::format!("Question: {question}\nAnswer:"), "role": "user" },
				],
				"model": model,
				"seed": seed,
				"stream": false,
				"temperature": 0,
			}),
		),
		Item::Mc { .. } => (
			"/v1/completions",
			json!({
				"logprobs": TOP_LOGPROBS,
				"max_tokens": 1,
				"model": model,
				"prompt": mc_prompt(item),
				"seed": seed,
				"stream": false,
				"temperature": 0,
			}),
		),
	};
	(path, serde_json::to_vec(&value).unwrap_or_default())
}

/// The `mc-logprob/1` prompt: the question, the choices under letters, `Answer:`.
pub fn mc_prompt(item: &Item) -> String {
	let Item::Mc { question, choices, .. } = item else { return String::new() };
	let mut prompt = alloc::format!("Question: {question}");
	for (letter, choice) in (b'A'..).zip(choices) {
		prompt.push('\n');
		prompt.push(char::from(letter));
		prompt.push_str(". ");
		prompt.push_str(choice);
	}
	prompt.push_str("\nAnswer:");
	prompt
}

/// Whether the server's `response` to `item`'s request answers it correctly.
pub fn is_correct(item: &Item, response: &[u8]) -> Result<bool, HarnessError> {
	let value: Value = serde_json::from_slice(response).map_err(|_| HarnessError::BadResponse)?;
	let first = value
		.get("choices")
		.and_then(Value::as_array)
		.and_then(|c| c.first())
		.ok_or(HarnessError::BadResponse)?;
	match item {
		Item::Qa { answer, .. } => {
			let said = first
				.get("message")
				.and_then(|m| m.get("content"))
				.and_then(Value::as_str)
				.ok_or(HarnessError::BadResponse)?;
			Ok(qa_matches(said, answer))
		},
		Item::Mc { choices, answer, .. } => {
			let top = first
				.get("logprobs")
				.and_then(|l| l.get("content"))
				.and_then(Value::as_array)
				.and_then(|c| c.first())
				.and_then(|t| t.get("top_logprobs"))
				.and_then(Value::as_array)
				.ok_or(HarnessError::BadResponse)?;
			Ok(mc_choice(top, choices.len()) == Some(*answer))
		},
	}
}

/// Whether a chat answer matches the item's answer after normalisation (numbers: the last
/// number of the answer).
pub fn qa_matches(said: &str, answer: &str) -> bool {
	let expected = normalise(answer);
	let said = normalise(said);
	if is_number(&expected) {
		return last_number(&said).unwrap_or("") == expected;
	}
	said == expected
}

/// The letter index with the highest log-probability among `top` (earlier letter on a tie).
pub fn mc_choice(top: &[Value], choices: usize) -> Option<u32> {
	let mut best: Option<(u32, f64)> = None;
	for entry in top {
		let (Some(token), Some(logprob)) = (
			entry.get("token").and_then(Value::as_str),
			entry.get("logprob").and_then(Value::as_f64),
		) else {
			continue;
		};
		let token = token.trim_matches(' ');
		let Some(index) = (b'A'..).take(choices).position(|l| token.as_bytes() == [l]) else {
			continue;
		};
		let index = u32::try_from(index).unwrap_or(u32::MAX);
		let better = match best {
			None => true,
			Some((i, p)) => logprob > p || (logprob == p && index < i),
		};
		if better {
			best = Some((index, logprob));
		}
	}
	best.map(|(i, _)| i)
}

/// The harness's normalisation: first line, ASCII lower case, whitespace runs to one space and
/// trimmed, one trailing `.` removed.
pub fn normalise(text: &str) -> String {
	let line = text.split('\n').next().unwrap_or("");
	let lower = line.to_ascii_lowercase();
	let spaced: Vec<&str> = lower.split_whitespace().collect();
	let joined = spaced.join(" ");
	let trimmed = joined.strip_suffix('.').unwrap_or(&joined);
	String::from(trimmed.trim_end())
}

/// Whether `s` is a number: `-?[0-9]+(\.[0-9]+)?`.
pub fn is_number(s: &str) -> bool {
	number_at(s.as_bytes(), 0) == Some(s.len())
}

/// The last number in `s` (leftmost-longest matches, left to right).
pub fn last_number(s: &str) -> Option<&str> {
	let bytes = s.as_bytes();
	let mut last = None;
	let mut i = 0;
	while i < bytes.len() {
		match number_at(bytes, i) {
			Some(end) => {
				last = s.get(i..end);
				i = end;
			},
			None => i = i.saturating_add(1),
		}
	}
	last
}

/// The end of the longest number starting at `start`, if one does.
fn number_at(bytes: &[u8], start: usize) -> Option<usize> {
	let digits = |from: usize| {
		let mut end = from;
		while bytes.get(end).is_some_and(u8::is_ascii_digit) {
			end = end.saturating_add(1);
		}
		end
	};
	let first = if bytes.get(start) == Some(&b'-') { start.saturating_add(1) } else { start };
	let end = digits(first);
	if end == first {
		return None;
	}
	if bytes.get(end) == Some(&b'.') {
		let frac = digits(end.saturating_add(1));
		if frac > end.saturating_add(1) {
			return Some(frac);
		}
	}
	Some(end)
}

/// Accuracy in parts per million: `floor(correct × 1_000_000 / items)`, 0 for no items.
pub fn score(correct: u32, items: u32) -> u32 {
	let ppm = u64::from(correct.min(items))
		.saturating_mul(SCALE)
		.checked_div(u64::from(items))
		.unwrap_or(0);
	u32::try_from(ppm).unwrap_or(u32::MAX)
}
