/**
 * Maps an async function over items with up to `concurrency` calls in flight, yielding the results in
 * input order. Used to decode images ahead (sharp works on libuv's threads) while the model, which runs
 * on the main thread, takes them one by one.
 */
export async function* mapOrdered<T, R>(items: Iterable<T> | AsyncIterable<T>, concurrency: number, fn: (item: T, index: number) => Promise<R>): AsyncGenerator<R> {
  const inFlight: Promise<R>[] = [];
  let index = 0;
  for await (const item of items) {
    const promise = fn(item, index++);
    // Avoid unhandled-rejection warnings for results still waiting their turn.
    promise.catch(() => undefined);
    inFlight.push(promise);
    if (inFlight.length >= Math.max(1, concurrency)) yield await inFlight.shift()!;
  }
  while (inFlight.length > 0) yield await inFlight.shift()!;
}

/** A settled result: the value, or the error the call threw. */
export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

export async function settle<R>(promise: Promise<R>): Promise<Settled<R>> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    return { ok: false, error };
  }
}
