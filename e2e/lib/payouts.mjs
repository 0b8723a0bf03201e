// What accounts received over a stretch of blocks, net of the transaction fees they paid meanwhile
// (their off-chain workers' commits and reveals), so a payout can be checked to the unit.

/** Sum of the transaction fees `who` paid in blocks (from, to], from `events` (recordEvents). */
export const feesPaid = (events, who, from, to) => events
  .all((e) => e.section === 'transactionPayment' && e.method === 'TransactionFeePaid' && e.data.who.toString() === who)
  .filter(({ block }) => block > from && block <= to)
  .reduce((sum, { event }) => sum + event.data.actualFee.toBigInt(), 0n);

/** What `addresses` together received from block `fromHash` to the block of `done`, net of fees. */
export async function receivedNet(api, events, addresses, fromHash, done) {
  const from = (await api.rpc.chain.getHeader(fromHash)).number.toNumber();
  const doneHash = await api.rpc.chain.getBlockHash(done.block);
  const free = async (who, at) => (await (await api.at(at)).query.system.account(who)).data.free.toBigInt();
  let total = 0n;
  for (const who of addresses) {
    total += await free(who, doneHash) - await free(who, fromHash) + feesPaid(events, who, from, done.block);
  }
  return total;
}
