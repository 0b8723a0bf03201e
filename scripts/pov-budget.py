#!/usr/bin/env python3
"""The proof size (PoV) and ref time of every Verity extrinsic and hook at its worst case, read from
the benchmarked weights (pallets/*/src/weights.rs): each weight function evaluated at the upper end
of every component's range. On the parachain a block's proof must fit the relay chain's PoV limit
(MAX_POV_SIZE, 10 MiB); this prints each function's share of it and of the 2 s block.

    python3 scripts/pov-budget.py [--top N]
"""
import argparse
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent
MAX_POV_SIZE = 10 * 1024 * 1024
MAX_REF_TIME = 2 * 10**12  # two seconds of compute, in picoseconds
# RocksDbWeight: 25 µs a read, 100 µs a write (ref time only).
READ, WRITE = 25_000_000, 100_000_000

FN = re.compile(r"\tfn (\w+)\(([^)]*)\) -> Weight \{\n(.*?)\n\t\}", re.S)
RANGE = re.compile(r"The range of component `(\w+)` is `\[(\d+), (\d+)\]`")
NUM = r"([\d_]+)"


def num(s):
    return int(s.replace("_", ""))


def worst(params, body, ranges):
    """Ref time and proof size of one weight function with every component at its maximum."""
    comps = {c: ranges.get(c, (0, 0))[1] for c in re.findall(r"(\w+): u32", params)}
    base = re.search(rf"Weight::from_parts\({NUM}, {NUM}\)", body)
    ref, proof = num(base.group(1)), num(base.group(2))
    for r, p, c in re.findall(rf"Weight::from_parts\({NUM}, {NUM}\)\.saturating_mul\((\w+)\.into\(\)\)", body):
        ref += num(r) * comps.get(c, 0)
        proof += num(p) * comps.get(c, 0)
    for kind, n in re.findall(rf"DbWeight::get\(\)\.(reads|writes)\({NUM}_u64\)", body):
        ref += num(n) * (READ if kind == "reads" else WRITE)
    for kind, n, c in re.findall(rf"DbWeight::get\(\)\.(reads|writes)\(\(?{NUM}_u64\)?\.saturating_mul\((\w+)\.into\(\)\)\)", body):
        ref += num(n) * comps.get(c, 0) * (READ if kind == "reads" else WRITE)
    return ref, proof, comps


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--top", type=int, default=12)
    args = parser.parse_args()
    rows = []
    for path in sorted(ROOT.glob("pallets/*/src/weights.rs")):
        text = path.read_text()
        impl = text.split("impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {", 1)[-1]
        impl = impl.split("\n}\n", 1)[0] + "\n}\n"
        pallet = path.parts[-3]
        pos = 0
        for m in FN.finditer(impl):
            ranges = {c: (int(lo), int(hi)) for c, lo, hi in RANGE.findall(impl[pos:m.start()])}
            pos = m.end()
            ref, proof, comps = worst(m.group(2), m.group(3), ranges)
            rows.append((proof, ref, f"{pallet}::{m.group(1)}", comps))
    rows.sort(reverse=True)
    print(f"{len(rows)} weight functions; PoV limit {MAX_POV_SIZE} bytes, block 2 s")
    print(f"{'function':58} {'proof bytes':>12} {'% PoV':>7} {'ref ms':>8} {'% block':>8}  components")
    for proof, ref, name, comps in rows[: args.top]:
        print(f"{name:58} {proof:>12,} {100 * proof / MAX_POV_SIZE:>6.2f}% {ref / 1e9:>8.2f} "
              f"{100 * ref / MAX_REF_TIME:>7.2f}%  {comps}")


if __name__ == "__main__":
    main()
