import { describe, expect, it } from 'vitest';
import { QueueFullError, WorkQueue } from '../../server/http/index.ts';

/** A task that finishes when its `release` is called. */
function gate(): { promise: Promise<void>; release: () => void } {
  let release!: () => void;
  const promise = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { promise, release };
}

describe('WorkQueue', () => {
  it('runs at most `concurrency` tasks at once, in arrival order', async () => {
    const queue = new WorkQueue(2, 10);
    const gates = [gate(), gate(), gate(), gate()];
    const started: number[] = [];
    let peak = 0;
    const runs = gates.map((g, i) =>
      queue.run(async () => {
        started.push(i);
        peak = Math.max(peak, queue.stats().running);
        await g.promise;
        return i;
      }),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1]);
    expect(queue.stats()).toMatchObject({ running: 2, queued: 2 });
    gates[1]!.release();
    await runs[1];
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1, 2]);
    for (const g of gates) g.release();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
    expect(peak).toBe(2);
    expect(queue.stats()).toMatchObject({ running: 0, queued: 0, completed: 4, rejected: 0 });
  });

  it('refuses work beyond the queue bound at once, with a retry estimate', async () => {
    const queue = new WorkQueue(1, 1);
    const g = gate();
    const first = queue.run(() => g.promise);
    const second = queue.run(async () => 'second');
    const error = await queue.run(async () => 'third').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueueFullError);
    expect((error as QueueFullError).name).toBe('QueueFullError');
    expect((error as QueueFullError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    g.release();
    await first;
    expect(await second).toBe('second');
    expect(queue.stats().rejected).toBe(1);
  });

  it('drops a waiting task whose signal aborts, without running it', async () => {
    const queue = new WorkQueue(1, 4);
    const g = gate();
    const first = queue.run(() => g.promise);
    const controller = new AbortController();
    let ran = false;
    const waiting = queue.run(async () => {
      ran = true;
    }, controller.signal);
    controller.abort(new Error('deadline'));
    await expect(waiting).rejects.toThrow('deadline');
    expect(queue.stats().queued).toBe(0);
    g.release();
    await first;
    expect(ran).toBe(false);
  });

  it('frees the slot when a task throws', async () => {
    const queue = new WorkQueue(1, 0);
    await expect(queue.run(async () => {
      throw new Error('boom');
    })).rejects.toThrow('boom');
    expect(await queue.run(async () => 7)).toBe(7);
  });
});

describe('WorkQueue admission', () => {
  it('admits concurrency + maxQueued requests, refuses the next, and admits again after a release', () => {
    const queue = new WorkQueue(2, 3);
    for (let i = 0; i < 5; i++) expect(queue.admit()).toBe(true);
    expect(queue.admit()).toBe(false);
    expect(queue.stats()).toMatchObject({ admitted: 5, rejected: 1 });
    queue.release();
    expect(queue.admit()).toBe(true);
  });
});

describe('WorkQueue background work', () => {
  it('runs background tasks only when no request waits, and never refuses them', async () => {
    const queue = new WorkQueue(1, 1);
    const order: string[] = [];
    const first = gate();
    const running = queue.run(async () => {
      order.push('request 1');
      await first.promise;
    });
    const jobs = [1, 2, 3].map((i) => queue.runBackground(async () => {
      order.push(`job ${i}`);
    }));
    const waiting = queue.run(async () => {
      order.push('request 2');
    });
    expect(queue.stats()).toMatchObject({ running: 1, queued: 1, background: 3 });
    first.release();
    await Promise.all([running, waiting, ...jobs]);
    expect(order).toEqual(['request 1', 'request 2', 'job 1', 'job 2', 'job 3']);
  });

  it('starts a background task at once when a slot is free', async () => {
    const queue = new WorkQueue(1, 0);
    expect(await queue.runBackground(async () => 'now')).toBe('now');
  });
});
