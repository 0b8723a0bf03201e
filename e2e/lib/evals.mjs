// Evaluations served by hand (no worker keys on the node): bonded evaluators drawn for a request
// commit and reveal their scores with the documented commitment bytes.
import assert from 'node:assert/strict';
import { blake2AsHex, randomAsU8a } from '@polkadot/util-crypto';
import { u8aConcat, stringToU8a, u8aToHex } from '@polkadot/util';
import { submit, findEvent } from './node.mjs';

/**
 * The documented commitment (verity_primitives::commitment with domain EVAL_SCORE):
 * blake2_256(b"vrty/evl" ‖ SCALE((request: u64, evaluator, (score: u32, contamination: Option<Perbill>), salt: H256))).
 */
export const scoreCommitment = (api, request, evaluator, score, contamination, salt) => blake2AsHex(u8aConcat(
  stringToU8a('vrty/evl'),
  api.createType('(u64, AccountId32, (u32, Option<Perbill>), H256)', [request, evaluator, [score, contamination], salt]).toU8a()));

/**
 * `requester` asks for an evaluation of `version` on the approved `benchmark` for `fee`; the
 * bonded evaluators `scores` (`[[signer, score], …]`), who must be exactly the ones the draw can
 * pick, commit and reveal. `events` is a `recordEvents` recorder. Resolves with the request id
 * and the `ScoreAttested` event with its block.
 */
export async function evaluateByHand(api, events, { requester, version, benchmark, fee, scores }) {
  const requested = await submit(api, api.tx.evalAttestation.requestEvaluation(version, benchmark, fee), requester);
  assert.equal(requested.error, null);
  const request = findEvent(requested.events, 'evalAttestation', 'EvaluationRequested').data.request.toNumber();
  const ofRequest = (method) => (e) => e.section === 'evalAttestation' && e.method === method && e.data.request.toNumber() === request;
  const drawn = await events.waitFor(ofRequest('EvaluatorsDrawn'), 60_000, `EvaluatorsDrawn(${request})`);
  assert.deepEqual(drawn.event.data.evaluators.map(String).sort(), scores.map(([who]) => who.address).sort(),
    'every bonded evaluator drawn');
  const salts = scores.map(() => u8aToHex(randomAsU8a(32)));
  const commits = await Promise.all(scores.map(([who, score], i) => submit(api,
    api.tx.evalAttestation.commit(request, scoreCommitment(api, request, who.address, score, null, salts[i])), who)));
  commits.forEach((c) => assert.equal(c.error, null));
  const reveals = await Promise.all(scores.map(([who, score], i) =>
    submit(api, api.tx.evalAttestation.reveal(request, score, null, salts[i]), who)));
  reveals.forEach((r) => assert.equal(r.error, null));
  const attested = await events.waitFor(ofRequest('ScoreAttested'), 60_000, `ScoreAttested(${request})`);
  return { request, attested };
}
