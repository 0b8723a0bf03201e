//! Lineage walks, `LineageInspect` for other pallets, and the functions behind the runtime API.
//!
//! Every walk is breadth-first from the queried version, so results come nearest first; a version
//! reached along several paths is listed once, at its smallest depth. Walks stop after
//! `min(max_depth, MaxLineageDepth)` generations or `MaxLineageNodes` versions, whichever comes
//! first, so each reads at most `MaxLineageNodes + 1` version records (plus, going down, the
//! children index keys up to the cap).
//!
//! Lineage datasets are not walked: each version stores the union of its whole lineage's
//! datasets when it is published, so they are one read whatever the depth.

use crate::{
	BalanceOf, Children, Config, LineageDatasets, LineageNode, LineageView, ModelView, Models,
	Pallet, Relation, VersionByWeights, VersionView, Versions,
};
use alloc::{
	collections::{BTreeSet, VecDeque},
	vec::Vec,
};
use frame_support::traits::Get;
use verity_primitives::{
	traits::{LineageInspect, VersionOwners},
	ContentHash, DatasetId, ModelId, ModelVersionId, TaintSource,
};

impl<T: Config> Pallet<T> {
	/// Ancestors of `id`, nearest first; the last generation's records are not read.
	fn walk_up(id: ModelVersionId, max_depth: u32) -> Vec<LineageNode> {
		let depth_cap = max_depth.min(T::MaxLineageDepth::get());
		let node_cap = T::MaxLineageNodes::get() as usize;
		let mut out = Vec::new();
		let mut seen = BTreeSet::from([id]);
		let mut queue = VecDeque::from([(id, 0u32)]);
		while let Some((current, depth)) = queue.pop_front() {
			if depth >= depth_cap {
				continue;
			}
			let Some(record) = Versions::<T>::get(current) else { continue };
			let next_depth = depth.saturating_add(1);
			for link in record.parents.iter() {
				if out.len() >= node_cap {
					break;
				}
				if seen.insert(link.version) {
					out.push(LineageNode {
						version: link.version,
						depth: next_depth,
						relation: link.relation,
						via: current,
					});
					queue.push_back((link.version, next_depth));
				}
			}
		}
		out
	}

	/// The most ancestors a walk of `max_depth` generations can return: `MaxLineageNodes`, or
	/// fewer when `MaxParents` per generation cannot reach that many.
	pub fn max_ancestors(max_depth: u32) -> u32 {
		let width = T::MaxParents::get();
		let cap = T::MaxLineageNodes::get();
		let (mut total, mut layer) = (0u32, 1u32);
		for _ in 0..max_depth.min(T::MaxLineageDepth::get()) {
			layer = layer.saturating_mul(width);
			total = total.saturating_add(layer);
			if total >= cap || width == 0 {
				break;
			}
		}
		total.min(cap)
	}

	/// Ancestors of `id` up to `max_depth` generations (capped by `MaxLineageDepth`), nearest
	/// first, with the relation through which each was reached.
	pub fn walk_ancestors(id: ModelVersionId, max_depth: u32) -> Vec<LineageNode> {
		Self::walk_up(id, max_depth)
	}

	/// Descendants of `id` up to `max_depth` generations (capped by `MaxLineageDepth`), nearest
	/// first, with the relation each names toward the version it was reached from.
	pub fn walk_descendants(id: ModelVersionId, max_depth: u32) -> Vec<LineageNode> {
		let depth_cap = max_depth.min(T::MaxLineageDepth::get());
		let node_cap = T::MaxLineageNodes::get() as usize;
		let mut out = Vec::new();
		if !Versions::<T>::contains_key(id) {
			return out;
		}
		let mut seen = BTreeSet::from([id]);
		let mut queue = VecDeque::from([(id, 0u32)]);
		while let Some((current, depth)) = queue.pop_front() {
			if depth >= depth_cap {
				continue;
			}
			let next_depth = depth.saturating_add(1);
			for child in Children::<T>::iter_key_prefix(current) {
				if out.len() >= node_cap {
					return out;
				}
				if seen.insert(child) {
					let relation = Versions::<T>::get(child)
						.and_then(|c| {
							c.parents.iter().find(|l| l.version == current).map(|l| l.relation)
						})
						.unwrap_or(Relation::Other);
					out.push(LineageNode {
						version: child,
						depth: next_depth,
						relation,
						via: current,
					});
					queue.push_back((child, next_depth));
				}
			}
		}
		out
	}

	/// Ancestors up to `max_depth` and the datasets of the version's whole lineage.
	pub fn lineage_view(id: ModelVersionId, max_depth: u32) -> LineageView {
		LineageView {
			ancestors: Self::walk_up(id, max_depth),
			datasets: Self::datasets_in_lineage(id),
		}
	}

	/// Datasets of the version and all its ancestors, every generation, deduplicated, sorted:
	/// one read of the set stored when the version was published.
	pub fn datasets_in_lineage(id: ModelVersionId) -> Vec<DatasetId> {
		LineageDatasets::<T>::get(id).into_inner()
	}

	/// The model, for the runtime API.
	pub fn model_view(id: ModelId) -> Option<ModelView<T::AccountId, BalanceOf<T>>> {
		Models::<T>::get(id).map(|m| ModelView {
			id,
			owner: m.owner,
			pending_owner: m.pending_owner,
			deposit: m.deposit,
			name: m.name.into_inner(),
			license: m.license.into_inner(),
			metadata_uri: m.metadata_uri.into_inner(),
			maintainers: m.maintainers.into_inner(),
			version_count: m.version_count,
		})
	}

	/// The version, for the runtime API.
	pub fn version_view(id: ModelVersionId) -> Option<VersionView<T::AccountId, BalanceOf<T>>> {
		let v = Versions::<T>::get(id)?;
		let owner = Models::<T>::get(v.model)?.owner;
		Some(VersionView {
			id,
			model: v.model,
			owner,
			publisher: v.publisher.clone(),
			deposit: v.deposit,
			weights_hash: v.weights_hash,
			format: v.format,
			parameter_count: v.parameter_count,
			uri: v.uri.to_vec(),
			parents: v.parents.to_vec(),
			datasets: v.datasets.to_vec(),
			license: v.license.to_vec(),
			provenance: v.provenance,
			status: v.status,
			tainted_by: v.tainted_by,
			usable: !v.is_revoked(),
			royalty: v.royalty,
		})
	}

	/// The version registered with `hash`, for the runtime API.
	pub fn version_by_weights(hash: ContentHash) -> Option<ModelVersionId> {
		VersionByWeights::<T>::get(hash)
	}
}

impl<T: Config> LineageInspect for Pallet<T> {
	fn exists(version: ModelVersionId) -> bool {
		Versions::<T>::contains_key(version)
	}

	fn is_usable(version: ModelVersionId) -> bool {
		Versions::<T>::get(version).is_some_and(|v| !v.is_revoked())
	}

	fn ancestors(version: ModelVersionId, max_depth: u32) -> Vec<ModelVersionId> {
		Self::walk_ancestors(version, max_depth).into_iter().map(|n| n.version).collect()
	}

	fn lineage_datasets(version: ModelVersionId) -> Vec<DatasetId> {
		Self::datasets_in_lineage(version)
	}

	fn taint(version: ModelVersionId) -> Option<TaintSource> {
		Versions::<T>::get(version).and_then(|v| v.flag(version))
	}
}

impl<T: Config> VersionOwners<T::AccountId> for Pallet<T> {
	/// The model's owner and maintainers and the version's publisher: two reads.
	fn owners(version: ModelVersionId) -> Vec<T::AccountId> {
		let Some(record) = Versions::<T>::get(version) else { return Vec::new() };
		let mut out = alloc::vec![record.publisher];
		if let Some(model) = Models::<T>::get(record.model) {
			out.push(model.owner);
			out.extend(model.maintainers);
		}
		out
	}
}
