//! Storage invariants, checked by `try_state` and after every unit test.

use crate::{
	pallet::{Anchors, AnchorsByVersion, Config, Pallet, VersionAnchorCount, WithdrawnCount},
	AnchorKind, AnchorStatus, Attribution,
};
use alloc::collections::BTreeSet;
use frame_support::{ensure, traits::Get};
use sp_runtime::TryRuntimeError;
use verity_primitives::merkle;

impl<T: Config> Pallet<T> {
	/// - every anchor is stored under `anchor_id(submitter, root)`, so no submitter has two
	///   anchors of one root and no anchor is reachable under another submitter's id;
	/// - the (version, place) index holds exactly the anchors that name a version, each once,
	///   at places `0..VersionAnchorCount(version)`;
	/// - an anchor has a job attribution exactly when it names a job;
	/// - every anchor has a shape the calls accept (steps, traces, URI, depth);
	/// - `WithdrawnCount` counts the withdrawn anchors.
	///
	/// There are no holds to reconcile: anchoring takes a fee (see the crate docs).
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let max_depth = T::MaxProofDepth::get();
		let mut withdrawn = 0u64;
		let mut naming = 0usize;
		for (id, record) in Anchors::<T>::iter() {
			ensure!(
				Self::anchor_id(&record.submitter, &record.root) == id,
				"anchor not stored under the id of its submitter and root"
			);
			if record.model_version.is_some() {
				naming = naming.saturating_add(1);
			}
			ensure!(
				record.job.is_none() == (record.attribution == Attribution::NoJob),
				"job attribution without a job, or a job without one"
			);
			ensure!(record.steps >= u64::from(record.traces), "fewer steps than traces");
			ensure!(record.traces > 0, "anchor without traces");
			match record.kind {
				AnchorKind::Trace => {
					ensure!(record.traces == 1, "trace anchor with several traces");
					ensure!(merkle::max_depth(record.steps) <= max_depth, "trace too deep");
				},
				AnchorKind::Batch => {
					ensure!(merkle::max_depth(record.traces.into()) <= max_depth, "batch too deep")
				},
			}
			ensure!(record.uri.as_ref().is_none_or(|u| !u.is_empty()), "empty URI stored");
			if let AnchorStatus::Withdrawn { at } = record.status {
				ensure!(at >= record.block, "withdrawn before anchored");
				withdrawn = withdrawn.saturating_add(1);
			}
		}
		ensure!(WithdrawnCount::<T>::get() == withdrawn, "WithdrawnCount differs");
		let mut listed = BTreeSet::new();
		for (version, place, id) in AnchorsByVersion::<T>::iter() {
			ensure!(place < VersionAnchorCount::<T>::get(version), "place beyond the count");
			ensure!(
				Anchors::<T>::get(id).is_some_and(|a| a.model_version == Some(version)),
				"version index lists an anchor that does not name the version"
			);
			ensure!(listed.insert(id), "anchor listed twice");
		}
		ensure!(listed.len() == naming, "anchor naming a version not indexed under it");
		for (version, count) in VersionAnchorCount::<T>::iter() {
			ensure!(
				AnchorsByVersion::<T>::iter_prefix(version).count() as u64 == u64::from(count),
				"VersionAnchorCount differs from the index"
			);
		}
		Ok(())
	}
}
