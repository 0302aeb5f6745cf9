// Shared by the benchmarks: each prints one JSON object per measure on stdout.
export function emit(measure: Record<string, unknown>) {
  console.log(JSON.stringify(measure));
}

export const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];

/** Runs `fn` n times and returns the median duration in milliseconds. */
export async function medianMs(n: number, fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

/** Measures a and b interleaved in rounds, so machine noise hits both alike. */
export async function sideBySide(rounds: number, perRound: number, a: () => Promise<unknown>, b: () => Promise<unknown>) {
  const as: number[] = [];
  const bs: number[] = [];
  for (let r = 0; r < rounds; r++) {
    as.push(await medianMs(perRound, a));
    bs.push(await medianMs(perRound, b));
  }
  const aMs = median(as);
  const bMs = median(bs);
  return { aMs: round(aMs), bMs: round(bMs), ratio: round(aMs / bMs) };
}

export const round = (x: number, digits = 3) => Number(x.toFixed(digits));
