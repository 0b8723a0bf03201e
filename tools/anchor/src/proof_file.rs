//! Proof files: what a trace's holder keeps to prove any of its steps later.
//!
//! One JSON file per trace, `<trace file stem>.proof.json`:
//!
//! ```json
//! {
//!   "format": "verity-anchor-proof-v1",
//!   "anchor": "0x…",
//!   "block_hash": "0x…",
//!   "batch_root": "0x…",
//!   "trace_file": "traces/a.json",
//!   "trace_root": "0x…",
//!   "trace_proof": { "leaf_index": 3, "leaf_count": 1000, "siblings": ["0x…", …] },
//!   "steps": ["…", …]
//! }
//! ```
//!
//! It is compact: the trace proof (into the batch) is stored whole, but step proofs are not —
//! any step's proof is recomputed from `steps` (`step_proof`), in time linear in the trace.
//! Storing every step's proof would cost `steps × log2(steps) × 32` bytes per trace. A holder
//! who must not reveal the other steps hands out one step's proof instead (`StepProof`, the
//! output of `verity-anchor prove`), which carries only that step and its sibling hashes.

use anyhow::{bail, Context, Result};
use codec::Encode;
use pallet_reasoning_anchor::Proof;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use verity_primitives::{merkle, AnchorId, ContentHash};

/// The format tag of proof files.
pub const FORMAT: &str = "verity-anchor-proof-v1";

/// A Merkle proof in JSON.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonProof {
	/// Position of the proven leaf, from 0.
	pub leaf_index: u64,
	/// Number of leaves of the tree.
	pub leaf_count: u64,
	/// Sibling hashes from the leaf level up.
	pub siblings: Vec<ContentHash>,
}

impl From<Proof> for JsonProof {
	fn from(p: Proof) -> Self {
		JsonProof { leaf_index: p.leaf_index, leaf_count: p.leaf_count, siblings: p.siblings }
	}
}

impl From<JsonProof> for Proof {
	fn from(p: JsonProof) -> Self {
		Proof { leaf_index: p.leaf_index, leaf_count: p.leaf_count, siblings: p.siblings }
	}
}

/// Everything needed to prove any step of one anchored trace.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProofFile {
	/// Always [`FORMAT`].
	pub format: String,
	/// The anchor id on chain.
	pub anchor: AnchorId,
	/// The block the anchor was included in, when known.
	pub block_hash: Option<String>,
	/// The anchored batch root.
	pub batch_root: ContentHash,
	/// The trace file the steps came from.
	pub trace_file: String,
	/// The trace's root over its steps.
	pub trace_root: ContentHash,
	/// The trace root's proof into the batch.
	pub trace_proof: JsonProof,
	/// The steps, from which any step's proof is recomputed.
	pub steps: Vec<String>,
}

/// One step's proof, enough for the runtime API's `verify_step`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepProof {
	/// The anchor id on chain.
	pub anchor: AnchorId,
	/// The trace's root.
	pub trace_root: ContentHash,
	/// The trace root's proof into the anchored root.
	pub trace_proof: JsonProof,
	/// The step's text.
	pub step: String,
	/// The step's proof into the trace.
	pub step_proof: JsonProof,
}

impl ProofFile {
	/// The proof files of a batch of traces (`roots[j]` is the root of `traces[j]`).
	pub fn for_batch(
		anchor: AnchorId,
		block_hash: Option<String>,
		traces: &[crate::trace::Trace],
		roots: &[ContentHash],
	) -> Result<Vec<ProofFile>> {
		let batch_root = crate::trace::batch_root(roots);
		if traces.len() != roots.len() {
			bail!("{} traces but {} roots", traces.len(), roots.len());
		}
		let leaves: Vec<ContentHash> = roots
			.iter()
			.enumerate()
			.map(|(j, r)| merkle::leaf_hash(j as u64, r.as_bytes()))
			.collect();
		let proofs = merkle::proofs_of_leaves(leaves);
		traces
			.iter()
			.zip(roots)
			.zip(proofs)
			.map(|((trace, root), proof)| {
				Ok(ProofFile {
					format: FORMAT.into(),
					anchor,
					block_hash: block_hash.clone(),
					batch_root,
					trace_file: trace.path.display().to_string(),
					trace_root: *root,
					trace_proof: proof.into(),
					steps: trace.steps.clone(),
				})
			})
			.collect()
	}

	/// Reads and checks a proof file: format, and that the trace proof leads to the batch root
	/// and the steps to the trace root.
	pub fn read(path: &Path) -> Result<ProofFile> {
		let text =
			std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
		let file: ProofFile =
			serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))?;
		if file.format != FORMAT {
			bail!("{}: format {:?}, expected {FORMAT:?}", path.display(), file.format);
		}
		Ok(file)
	}

	/// Writes the file as `<dir>/<trace file stem>.proof.json`; returns its path.
	pub fn write(&self, dir: &Path) -> Result<PathBuf> {
		let stem = Path::new(&self.trace_file)
			.file_stem()
			.map(|s| s.to_string_lossy().into_owned())
			.unwrap_or_else(|| format!("trace-{}", self.trace_proof.leaf_index));
		let path = dir.join(format!("{stem}.proof.json"));
		let text = serde_json::to_string_pretty(self)?;
		std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
		Ok(path)
	}

	/// Whether the file is consistent: the steps lead to the trace root, and the trace proof
	/// leads from it to the batch root.
	pub fn check(&self) -> Result<()> {
		if crate::trace::trace_root(&self.steps) != self.trace_root {
			bail!("the steps do not hash to trace_root");
		}
		let p = &self.trace_proof;
		merkle::verify(
			&self.batch_root,
			self.trace_root.as_bytes(),
			p.leaf_index,
			p.leaf_count,
			&p.siblings,
		)
		.map_err(|e| anyhow::anyhow!("trace_proof does not lead to batch_root: {e:?}"))
	}

	/// The proof of step `index`, recomputed from the steps.
	pub fn step_proof(&self, index: u64) -> Result<Proof> {
		merkle::proof(&self.steps, index).with_context(|| {
			format!("step {index} is out of range: the trace has {} steps", self.steps.len())
		})
	}

	/// Step `index` with everything `verify_step` needs; `text` replaces the step's text.
	pub fn step(&self, index: u64, text: Option<&str>) -> Result<StepProof> {
		let step_proof = self.step_proof(index)?;
		let own = usize::try_from(index)
			.ok()
			.and_then(|i| self.steps.get(i))
			.context("step out of range")?;
		Ok(StepProof {
			anchor: self.anchor,
			trace_root: self.trace_root,
			trace_proof: self.trace_proof.clone(),
			step: text.unwrap_or(own).to_string(),
			step_proof: step_proof.into(),
		})
	}
}

impl StepProof {
	/// Whether the step is in the trace and the trace under `batch_root`, checked locally.
	pub fn check_locally(&self, batch_root: &ContentHash) -> Result<(), String> {
		let t = &self.trace_proof;
		merkle::verify(
			batch_root,
			self.trace_root.as_bytes(),
			t.leaf_index,
			t.leaf_count,
			&t.siblings,
		)
		.map_err(|e| format!("trace not in batch: {e:?}"))?;
		let s = &self.step_proof;
		merkle::verify(
			&self.trace_root,
			self.step.as_bytes(),
			s.leaf_index,
			s.leaf_count,
			&s.siblings,
		)
		.map_err(|e| format!("step not in trace: {e:?}"))
	}

	/// The SCALE-encoded arguments of the runtime API's `verify_step`.
	pub fn encode_call_args(&self) -> Vec<u8> {
		let trace_proof: Proof = self.trace_proof.clone().into();
		let step_proof: Proof = self.step_proof.clone().into();
		(self.anchor, self.trace_root, trace_proof, self.step.as_bytes().to_vec(), step_proof)
			.encode()
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::trace::{trace_roots, Trace};
	use codec::Decode;

	fn traces() -> Vec<Trace> {
		(0..5)
			.map(|t| Trace {
				path: PathBuf::from(format!("traces/t{t}.json")),
				steps: (0..(3 * t + 1)).map(|i| format!("t{t} s{i}")).collect(),
			})
			.collect()
	}

	#[test]
	fn every_step_of_every_proof_file_checks_and_tampering_fails() {
		let traces = traces();
		let roots = trace_roots(&traces);
		let files =
			ProofFile::for_batch(AnchorId::repeat_byte(4), Some("0xab".into()), &traces, &roots)
				.unwrap();
		assert_eq!(files.len(), 5);
		for (j, file) in files.iter().enumerate() {
			file.check().unwrap();
			assert_eq!(file.trace_proof.leaf_index, j as u64);
			assert_eq!(file.trace_proof.leaf_count, 5);
			for i in 0..file.steps.len() as u64 {
				let step = file.step(i, None).unwrap();
				assert_eq!(step.check_locally(&file.batch_root), Ok(()));
				let forged = file.step(i, Some("forged")).unwrap();
				assert!(forged
					.check_locally(&file.batch_root)
					.unwrap_err()
					.starts_with("step not in trace"));
			}
			assert!(file.step(file.steps.len() as u64, None).is_err());
			let mut edited = file.clone();
			edited.steps[0].push('!');
			assert!(edited.check().is_err());
			let mut moved = file.clone();
			moved.trace_proof.leaf_index = (moved.trace_proof.leaf_index + 1) % 5;
			assert!(moved.check().is_err());
		}
	}

	#[test]
	fn proof_files_round_trip_through_disk() {
		let traces = traces();
		let roots = trace_roots(&traces);
		let dir = std::env::temp_dir().join(format!("verity-anchor-proofs-{}", std::process::id()));
		std::fs::create_dir_all(&dir).unwrap();
		for file in ProofFile::for_batch(AnchorId::repeat_byte(9), None, &traces, &roots).unwrap() {
			let path = file.write(&dir).unwrap();
			assert!(path.ends_with(format!("t{}.proof.json", file.trace_proof.leaf_index)));
			assert_eq!(ProofFile::read(&path).unwrap(), file);
		}
		std::fs::write(dir.join("bad.proof.json"), r#"{"format": "other"}"#).unwrap();
		assert!(ProofFile::read(&dir.join("bad.proof.json")).is_err());
		std::fs::remove_dir_all(&dir).unwrap();
	}

	#[test]
	fn call_args_decode_as_the_runtime_api_expects() {
		let traces = traces();
		let roots = trace_roots(&traces);
		let file =
			&ProofFile::for_batch(AnchorId::repeat_byte(1), None, &traces, &roots).unwrap()[2];
		let step = file.step(3, None).unwrap();
		let args = step.encode_call_args();
		let decoded =
			<(AnchorId, ContentHash, Proof, Vec<u8>, Proof)>::decode(&mut &args[..]).unwrap();
		assert_eq!(decoded.0, AnchorId::repeat_byte(1));
		assert_eq!(decoded.1, roots[2]);
		assert_eq!(decoded.2, file.trace_proof.clone().into());
		assert_eq!(decoded.3, b"t2 s3".to_vec());
		assert_eq!(decoded.4, file.step_proof(3).unwrap());
	}
}
