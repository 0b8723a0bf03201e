//! Reading trace files and building their Merkle trees.
//!
//! A trace file is JSON: either `{"steps": ["...", ...]}` (other fields are ignored) or a plain
//! array of strings. Step `i`'s bytes are the UTF-8 bytes of string `i`. A folder is read as
//! every `*.json` file directly in it, in file-name order; that order is the batch order.

use anyhow::{bail, Context, Result};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use verity_primitives::{merkle, ContentHash};

/// One reasoning trace and where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Trace {
	/// The file it was read from.
	pub path: PathBuf,
	/// Its steps, in order.
	pub steps: Vec<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum TraceJson {
	Object { steps: Vec<String> },
	Array(Vec<String>),
}

/// Parses one trace file's text.
pub fn parse_trace(text: &str) -> Result<Vec<String>> {
	let steps = match serde_json::from_str::<TraceJson>(text)
		.context("expected {\"steps\": [strings]} or an array of strings")?
	{
		TraceJson::Object { steps } | TraceJson::Array(steps) => steps,
	};
	if steps.is_empty() {
		bail!("a trace needs at least one step");
	}
	Ok(steps)
}

/// Reads a trace file, or every `*.json` file of a folder in file-name order.
pub fn load(path: &Path) -> Result<Vec<Trace>> {
	let files = if path.is_dir() {
		let mut files: Vec<PathBuf> = std::fs::read_dir(path)
			.with_context(|| format!("reading folder {}", path.display()))?
			.filter_map(|entry| entry.ok().map(|e| e.path()))
			.filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "json"))
			.collect();
		files.sort();
		if files.is_empty() {
			bail!("no *.json trace files in {}", path.display());
		}
		files
	} else {
		vec![path.to_path_buf()]
	};
	files
		.into_iter()
		.map(|file| {
			let text = std::fs::read_to_string(&file)
				.with_context(|| format!("reading {}", file.display()))?;
			let steps =
				parse_trace(&text).with_context(|| format!("parsing {}", file.display()))?;
			Ok(Trace { path: file, steps })
		})
		.collect()
}

/// The Merkle root of one trace.
pub fn trace_root(steps: &[String]) -> ContentHash {
	merkle::root(steps)
}

/// The roots of all traces, computed on every core.
pub fn trace_roots(traces: &[Trace]) -> Vec<ContentHash> {
	let threads =
		std::thread::available_parallelism().map_or(1, |n| n.get()).min(traces.len().max(1));
	let chunk = traces.len().div_ceil(threads).max(1);
	std::thread::scope(|scope| {
		let handles: Vec<_> = traces
			.chunks(chunk)
			.map(|part| {
				scope.spawn(move || part.iter().map(|t| trace_root(&t.steps)).collect::<Vec<_>>())
			})
			.collect();
		handles.into_iter().flat_map(|h| h.join().expect("tree-building thread panicked")).collect()
	})
}

/// The batch root over trace roots: leaf `j` holds the 32 bytes of trace root `j`.
pub fn batch_root(roots: &[ContentHash]) -> ContentHash {
	merkle::root(roots.iter().map(|r| r.as_bytes()))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn both_json_forms_parse_and_empty_traces_are_refused() {
		assert_eq!(parse_trace(r#"{"steps": ["a", "b"], "model": "x"}"#).unwrap(), vec!["a", "b"]);
		assert_eq!(parse_trace(r#"["a", "b", "c"]"#).unwrap(), vec!["a", "b", "c"]);
		assert!(parse_trace(r#"{"steps": []}"#).is_err());
		assert!(parse_trace("[]").is_err());
		assert!(parse_trace(r#"{"step": ["a"]}"#).is_err());
		assert!(parse_trace(r#"[1, 2]"#).is_err());
	}

	#[test]
	fn a_folder_is_read_in_file_name_order() {
		let dir = std::env::temp_dir().join(format!("verity-anchor-load-{}", std::process::id()));
		std::fs::create_dir_all(&dir).unwrap();
		std::fs::write(dir.join("b.json"), r#"["b0"]"#).unwrap();
		std::fs::write(dir.join("a.json"), r#"{"steps": ["a0", "a1"]}"#).unwrap();
		std::fs::write(dir.join("notes.txt"), "not a trace").unwrap();
		let traces = load(&dir).unwrap();
		assert_eq!(traces.len(), 2);
		assert_eq!(traces[0].steps, vec!["a0", "a1"]);
		assert_eq!(traces[1].path, dir.join("b.json"));
		assert_eq!(load(&dir.join("a.json")).unwrap().len(), 1);
		std::fs::remove_dir_all(&dir).unwrap();
	}

	#[test]
	fn parallel_roots_equal_sequential_ones() {
		let traces: Vec<Trace> = (0..37)
			.map(|t| Trace {
				path: PathBuf::from(format!("{t}.json")),
				steps: (0..(t % 7 + 1)).map(|i| format!("trace {t} step {i}")).collect(),
			})
			.collect();
		let sequential: Vec<ContentHash> = traces.iter().map(|t| trace_root(&t.steps)).collect();
		assert_eq!(trace_roots(&traces), sequential);
		assert_eq!(batch_root(&sequential), merkle::root(sequential.iter().map(|r| r.0)));
	}
}
