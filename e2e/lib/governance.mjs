// An OpenGov referendum from start to enactment, as token holders run one from a dApp: note the
// call's preimage, submit it on the track of `origin`, place the decision deposit, vote, and wait
// until the scheduler has dispatched the call.
import assert from 'node:assert/strict';
import { blake2AsHex } from '@polkadot/util-crypto';
import { submit, submitAll, findEvent } from './node.mjs';

/**
 * Passes `call` with `origin` (e.g. `{ Origins: 'BenchmarkStandards' }`): `proposer` submits and
 * pays the deposits, `voter` votes aye with `balance` at 1× conviction. `events` is a
 * `recordEvents` recorder. Resolves with the referendum index and the block numbers of
 * submission, confirmation and dispatch.
 */
export async function passReferendum(api, events, { call, origin, proposer, voter, balance }) {
  const encoded = call.method.toHex();
  const hash = blake2AsHex(encoded);
  const len = (encoded.length - 2) / 2;
  // The proposer's three steps (and its vote, when it votes) go in one block: consecutive
  // nonces, applied in order, the deposit naming the index the submission is about to take.
  const index = (await api.query.referenda.referendumCount()).toNumber();
  const vote = { Standard: { vote: { aye: true, conviction: 'Locked1x' }, balance } };
  const votesItself = voter.address === proposer.address;
  const steps = [
    api.tx.preimage.notePreimage(encoded),
    api.tx.referenda.submit(origin, { Lookup: { hash, len } }, { After: 1 }),
    api.tx.referenda.placeDecisionDeposit(index),
    ...(votesItself ? [api.tx.convictionVoting.vote(index, vote)] : []),
  ];
  const results = await submitAll(api, steps, proposer);
  results.forEach((r, i) => assert.equal(r.error, null, `referendum step ${i}`));
  const submitted = results[1];
  assert.equal(findEvent(submitted.events, 'referenda', 'Submitted').data.index.toNumber(), index);
  const at = async (blockHash) => (await api.rpc.chain.getHeader(blockHash)).number.toNumber();
  if (!votesItself) {
    const voted = await submit(api, api.tx.convictionVoting.vote(index, vote), voter);
    assert.equal(voted.error, null);
  }

  const ofIndex = (method) => (e) => e.section === 'referenda' && e.method === method && e.data.index.toNumber() === index;
  const confirmed = await events.waitFor(ofIndex('Confirmed'), 180_000, `referendum ${index} confirmed`);
  // Enactment is the scheduler's first dispatch after confirmation (`After(1)`).
  const dispatched = await events.waitFor(
    (e, block) => e.section === 'scheduler' && e.method === 'Dispatched' && block > confirmed.block,
    120_000, `referendum ${index} enacted`);
  const result = dispatched.event.data.result;
  assert.ok(result.isOk, `the enacted call failed: ${result.toString()}`);
  return { index, submittedAt: await at(submitted.blockHash), confirmedAt: confirmed.block, dispatchedAt: dispatched.block };
}
