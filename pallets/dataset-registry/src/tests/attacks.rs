//! The attacks of issue 12 items 6 and 7, each played by the attacker with its own accounts.

use super::{
	verification::{bond, commit, next_block, request, reveal, seats, status, BOND},
	*,
};
use crate::{Datasets, Error, Rounds, Upstreams, VerificationStatus, Verifiers};
use frame_support::{
	assert_noop,
	storage::{with_transaction, TransactionOutcome},
};
use sp_runtime::Permill;
use verity_primitives::{testing::TestRandomness, traits::DatasetInspect};

const BOB: u64 = 2;
const EVE: u64 = 6;

/// Item 6: Eve watches the pool, sees Bob's registration and tries to take his root.
#[test]
fn eve_cannot_front_run_bobs_registration() {
	new_test_ext(|| {
		let list = shards(1..=8);
		let root = root_of(&list);
		let bob_salt = H256::repeat_byte(0xB0);
		let bob_commitment =
			DatasetRegistry::registration_commitment(&root, &BOB, &list, &bob_salt);
		assert_ok!(DatasetRegistry::commit_registration(
			RuntimeOrigin::signed(BOB),
			bob_commitment
		));
		// Eve copies the commitment she saw in the pool; it tells her nothing about the root.
		assert_ok!(DatasetRegistry::commit_registration(
			RuntimeOrigin::signed(EVE),
			bob_commitment
		));
		run_to_block(2);

		// Block 2: Bob's reveal is in the pool; Eve now knows root, shards and salt and gets her
		// transactions in first.
		let eve_register = |salt: H256| {
			DatasetRegistry::register(
				RuntimeOrigin::signed(EVE),
				root,
				list.clone(),
				DatasetKind::Curated,
				vec![],
				description(),
				salt,
			)
		};
		// With Bob's salt: the copied commitment opens only for Bob.
		assert_noop!(eve_register(bob_salt), Error::<Test>::NoCommitment);
		// With a fresh commitment of her own: too recent in this block.
		let eve_commitment = DatasetRegistry::registration_commitment(&root, &EVE, &list, &salt());
		assert_ok!(DatasetRegistry::commit_registration(
			RuntimeOrigin::signed(EVE),
			eve_commitment
		));
		assert_noop!(eve_register(salt()), Error::<Test>::CommitmentTooRecent);

		// Bob's reveal lands in the same block.
		let id = crate::NextDatasetId::<Test>::get();
		assert_ok!(DatasetRegistry::register(
			RuntimeOrigin::signed(BOB),
			root,
			list.clone(),
			DatasetKind::Curated,
			vec![],
			description(),
			bob_salt,
		));
		run_to_block(3);
		// A block later Eve's commitment opens, but the root is Bob's.
		assert_noop!(eve_register(salt()), Error::<Test>::AlreadyRegistered);
		assert_eq!(Datasets::<Test>::get(id).unwrap().owner, BOB);
		assert_eq!(DatasetRegistry::dataset_by_root(root), Some(id));
		// Eve's two commitments are hers to clear; she gets her deposits back and nothing else.
		assert_ok!(DatasetRegistry::clear_registration_commit(
			RuntimeOrigin::signed(EVE),
			EVE,
			bob_commitment
		));
		assert_ok!(DatasetRegistry::clear_registration_commit(
			RuntimeOrigin::signed(EVE),
			EVE,
			eve_commitment
		));
	});
}

/// Item 6: Eve registers Bob's shards plus one junk shard and sells its use: Bob is paid for
/// his shards, Eve only for her junk.
#[test]
fn eves_superset_with_junk_pays_bob_for_his_shards() {
	new_test_ext(|| {
		let bob_shards = shards(1..=8);
		let bob = register(BOB, bob_shards.clone());
		assert_ok!(DatasetRegistry::set_royalties(
			RuntimeOrigin::signed(BOB),
			bob,
			Permill::from_percent(10),
			vec![],
		));
		let mut superset = bob_shards.clone();
		superset.push(shard(0xEE));
		let eve = register(EVE, superset);
		assert_eq!(Upstreams::<Test>::get(eve).into_inner(), vec![(bob, 8)]);
		// Eve undercuts nothing and overcharges nobody: she sets her own rate, high.
		assert_ok!(DatasetRegistry::set_royalties(
			RuntimeOrigin::signed(EVE),
			eve,
			Permill::from_percent(50),
			vec![],
		));

		let (bob_before, eve_before) = (free(BOB), free(EVE));
		assert_eq!(use_dataset(eve, 7, 9_000), Ok(4_500));
		// 8 of 9 shards are Bob's: 4,000 to Bob, 500 to Eve for her one junk shard.
		assert_eq!(free(BOB) - bob_before, 4_000);
		assert_eq!(free(EVE) - eve_before, 500);
		// Bob's record is intact.
		assert_eq!(Datasets::<Test>::get(bob).unwrap().owner, BOB);
		assert_eq!(DatasetRegistry::shards(bob), bob_shards);
	});
}

/// Stakes: the attacker's three accounts, then the honest verifiers.
fn bond_all(attacker: &[(u64, u64)], honest: &[(u64, u64)]) {
	for (who, amount) in attacker.iter().chain(honest) {
		assert_ok!(bond(*who, *amount));
	}
}

/// How many of `id`'s seats the attacker gets with randomness `seed`, without keeping the round.
fn attacker_seats(owner: u64, id: DatasetId, attacker: &[u64], seed: u64) -> usize {
	TestRandomness::set(seed);
	let got = with_transaction(|| {
		let result = request(owner, id).map(|_| {
			DatasetRegistry::draw_queued();
			seats(id).iter().filter(|s| attacker.contains(s)).count()
		});
		TransactionOutcome::Rollback(result)
	});
	got.unwrap()
}

/// Item 7: one party with three verifier accounts and a quarter of the stake cannot seat itself;
/// its chance of a majority of the seats follows its stake, as does a party with half.
#[test]
fn a_sybil_verifier_party_gets_seats_by_stake_only() {
	new_test_ext(|| {
		let attacker = [10, 11, 12];
		bond_all(
			&[(10, BOND), (11, BOND), (12, BOND)],
			&[(13, 3 * BOND), (14, 3 * BOND), (15, 3 * BOND)],
		);
		// The dataset's owner is the attacker's accomplice; it cannot sit itself.
		let id = register(1, shards([1]));
		let seeds = 0..400u64;
		let counts: Vec<usize> =
			seeds.clone().map(|n| attacker_seats(1, id, &attacker, n)).collect();
		let majority = counts.iter().filter(|c| **c >= 2).count();
		let every = counts.iter().filter(|c| **c == 3).count();
		// A quarter of the stake: a majority in about 3p² − 2p³ ≈ 16% of draws, every seat in
		// about (3/12)(2/11)(1/10) ≈ 0.5%.
		assert!((24..=100).contains(&majority), "majority in {majority} of 400 draws");
		assert!(every <= 8, "every seat in {every} of 400 draws");
		TestRandomness::set(0);
	});
	new_test_ext(|| {
		// The same three accounts with as much stake as the honest verifiers: about half.
		let attacker = [10, 11, 12];
		bond_all(
			&[(10, 3 * BOND), (11, 3 * BOND), (12, 3 * BOND)],
			&[(13, 3 * BOND), (14, 3 * BOND), (15, 3 * BOND)],
		);
		let id = register(1, shards([1]));
		let majority =
			(0..400u64).map(|n| attacker_seats(1, id, &attacker, n)).filter(|c| *c >= 2).count();
		assert!((150..=250).contains(&majority), "majority in {majority} of 400 draws");
		TestRandomness::set(0);
	});
}

/// Item 7, played: the Sybil party passes a junk dataset; where it holds a minority of the
/// seats it loses and is slashed, the honest verifiers keep their bonds, and nobody unbonds
/// before the challenge window is over.
#[test]
fn a_sybil_minority_that_passes_junk_is_outvoted_and_slashed() {
	new_test_ext(|| {
		let attacker = [10, 11, 12];
		bond_all(
			&[(10, BOND), (11, BOND), (12, BOND)],
			&[(13, 3 * BOND), (14, 3 * BOND), (15, 3 * BOND)],
		);
		let id = crate::NextDatasetId::<Test>::get();
		assert_ok!(try_register(1, shards([1, 2]), synthetic(None), vec![]));
		let seed = (0..100u64)
			.find(|n| attacker_seats(1, id, &attacker, *n) == 1)
			.expect("a draw with one attacker seat");
		TestRandomness::set(seed);
		assert_ok!(request(1, id));
		next_block();
		let drawn = seats(id);
		// The attacker passes, the honest verifiers fail the junk.
		let votes: Vec<(u64, bool)> = drawn.iter().map(|v| (*v, attacker.contains(v))).collect();
		let sybil = drawn.iter().copied().find(|v| attacker.contains(v)).unwrap();
		// The Sybil seat cannot copy the honest votes: they are commitments until all commit.
		for (who, pass) in &votes {
			assert_ok!(commit(*who, id, *pass));
		}
		assert_noop!(
			DatasetRegistry::unbond_verifier(RuntimeOrigin::signed(sybil)),
			Error::<Test>::VerifierBusy
		);
		for (who, pass) in &votes {
			assert_ok!(reveal(*who, id, *pass));
		}
		assert_eq!(status(id), VerificationStatus::Rejected);
		assert_eq!(held_bond(sybil), BOND - 100);
		for honest in drawn.iter().filter(|v| !attacker.contains(v)) {
			assert_eq!(held_bond(*honest), 3 * BOND);
		}
		assert_noop!(
			DatasetRegistry::unbond_verifier(RuntimeOrigin::signed(sybil)),
			Error::<Test>::BondLocked
		);
		assert!(!Rounds::<Test>::contains_key(id));
		assert_eq!(Verifiers::<Test>::get(sybil).unwrap().open_votes, 0);
		TestRandomness::set(0);
	});
}

/// The draw excludes contributors; the owner cannot make a seated verifier one mid-round,
/// which would give it a stake in its own verdict.
#[test]
fn a_seated_verifier_cannot_be_made_a_paid_contributor_mid_round() {
	new_test_ext(|| {
		bond_all(&[], &[(13, BOND), (14, BOND), (15, BOND)]);
		let id = register(1, shards([1]));
		assert_ok!(request(1, id));
		DatasetRegistry::draw_queued();
		let seated = seats(id)[0];
		assert_noop!(
			DatasetRegistry::set_royalties(
				RuntimeOrigin::signed(1),
				id,
				Permill::from_percent(5),
				vec![(seated, Permill::one())]
			),
			Error::<Test>::VerificationInProgress
		);
	});
}

#[test]
fn a_zero_bond_is_refused() {
	new_test_ext(|| {
		assert_noop!(bond(13, 0), Error::<Test>::ZeroAmount);
	});
}
