// Repeated timings of one call, summarised the way the closing notes quote them.

/** Runs `fn` `n` times one after another; returns { median, p90, min, max } in ms. */
export async function timeCalls(n, fn) {
  const ms = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    await fn(i);
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  ms.sort((a, b) => a - b);
  const at = (q) => ms[Math.min(ms.length - 1, Math.ceil(q * ms.length) - 1)];
  return { n, median: at(0.5), p90: at(0.9), min: ms[0], max: ms[ms.length - 1] };
}

/** `median 1.23 ms, p90 2.34 ms (min …, max …, n calls)`. */
export const describeTimes = ({ n, median, p90, min, max }) =>
  `median ${median.toFixed(2)} ms, p90 ${p90.toFixed(2)} ms (min ${min.toFixed(2)}, max ${max.toFixed(2)}, ${n} calls)`;
