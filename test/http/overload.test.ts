/**
 * Overload and lifecycle on a real server: a full work queue answers 503 `overloaded` with Retry-After
 * (and the server recovers), a request past its deadline gets 503 `timeout`, too many evaluation jobs
 * get 429 `too_many_jobs`, predictions of an unfinished job 409 `not_ready`, and graceful shutdown
 * finishes in-flight requests. Slow work is real: a 4000x4000 image takes a queue slot ~100+ ms to decode.
 */
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { AnswerResponseSchema, EvaluationStatusSchema } from '../../server/http/index.ts';
import { call, postForm, postJson, repoRoot, startTestServer, type ErrorBody } from './helpers.ts';

let bigImage: Buffer;
beforeAll(async () => {
  bigImage = await sharp({ create: { width: 4000, height: 4000, channels: 3, background: '#777777' } }).png().toBuffer();
});

const question = 'What color is the large circle?';

describe('saturation', () => {
  it('answers 503 overloaded with Retry-After when the queue is full, then recovers', async () => {
    const server = await startTestServer({ queue: { concurrency: 1, maxQueued: 1 } });
    try {
      const api = `${server.url}/api/v1`;
      const responses = await Promise.all(Array.from({ length: 12 }, () => postForm<ErrorBody>(`${api}/answer`, { question }, { bytes: bigImage })));
      const overloaded = responses.filter((r) => r.body.error?.code === 'overloaded');
      expect(overloaded.length).toBeGreaterThanOrEqual(5);
      for (const r of overloaded) {
        expect(r.status).toBe(503);
        expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      }
      // The rest were served: the image decoded, then the answer (or the honest 503 while no model is loaded).
      for (const r of responses.filter((x) => x.body.error?.code !== 'overloaded')) {
        expect([200, 503]).toContain(r.status);
        if (r.status === 503) expect(r.body.error.code).toBe('model_unavailable');
      }
      const health = await call<{ queue: { admitted: number; rejected: number; running: number; queued: number } }>(`${api}/health`);
      expect(health.body.queue).toMatchObject({ admitted: 0, running: 0, queued: 0, rejected: overloaded.length });
      const after = await postJson(`${api}/answer`, { sampleId: 'sample-000000', questionId: 'sample-000000-q1' });
      expect(after.status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('answers 503 timeout to a request that passes its deadline', async () => {
    // One slot, six ~100+ ms decodes: the last ones wait in the queue past their 400 ms deadline.
    const server = await startTestServer({ queue: { concurrency: 1, maxQueued: 8 }, limits: { requestMs: 400 } });
    try {
      const responses = await Promise.all(Array.from({ length: 6 }, () => postForm<ErrorBody>(`${server.url}/api/v1/answer`, { question }, { bytes: bigImage })));
      const timedOut = responses.filter((r) => r.body.error?.code === 'timeout');
      expect(timedOut.length).toBeGreaterThanOrEqual(1);
      for (const r of timedOut) {
        expect(r.status).toBe(503);
        expect(r.headers.get('retry-after')).toBe('1');
      }
      expect((await call(`${server.url}/api/v1/health`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});

describe('evaluation jobs', () => {
  it('limits active jobs (429 + Retry-After) and refuses predictions before the end (409)', async () => {
    const server = await startTestServer({ evaluations: { maxActive: 1 } });
    try {
      const api = `${server.url}/api/v1`;
      const base = JSON.parse(readFileSync(join(repoRoot, 'samples/world/questions.json'), 'utf8')) as Record<string, Record<string, unknown>>;
      const sceneGraphs = JSON.parse(readFileSync(join(repoRoot, 'samples/world/sceneGraphs.json'), 'utf8')) as Record<string, unknown>;
      const questions: Record<string, unknown> = {};
      for (let copy = 0; copy < 10; copy++) {
        for (const [id, q] of Object.entries(base)) questions[`${id}-${copy}`] = { ...q, entailed: [], equivalent: [] };
      }
      const first = await postJson<{ id: string; url: string }>(`${api}/evaluations`, { questions, sceneGraphs, answerer: 'symbolic' });
      expect(first.status).toBe(202);
      const second = await postJson<ErrorBody>(`${api}/evaluations`, { split: 'sample' });
      expect(second.status).toBe(429);
      expect(second.body.error.code).toBe('too_many_jobs');
      expect(Number(second.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      const early = await call<ErrorBody>(`${server.url}${first.body.url}/predictions`);
      expect(early.status).toBe(409);
      expect(early.body.error.code).toBe('not_ready');
      await server.context.evaluations.idle();
      const done = EvaluationStatusSchema.parse((await call(`${server.url}${first.body.url}`)).body);
      expect(done.status).toBe('succeeded');
      expect(done.progress.done).toBe(3200);
      expect(done.metrics!.accuracy).toBe(100);
      expect((await postJson(`${api}/evaluations`, { split: 'sample' })).status).toBe(202);
    } finally {
      await server.close();
    }
  });
});

/** Sends a request's head and the first part of its body on a raw socket; `finish` sends the rest and resolves with the response text. */
function slowRequest(port: number, body: string): Promise<{ socket: Socket; finish: () => Promise<string> }> {
  const split = Math.floor(body.length / 2);
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(`POST /api/v1/answer HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, split)}`);
      let response = '';
      const ended = new Promise<string>((done) => {
        socket.on('data', (chunk) => {
          response += chunk.toString();
        });
        socket.on('close', () => done(response));
      });
      resolve({
        socket,
        finish: async () => {
          socket.write(body.slice(split));
          return ended;
        },
      });
    });
    socket.on('error', reject);
  });
}

describe('graceful shutdown', () => {
  it('finishes a request in flight, refuses new connections, then closes', async () => {
    const server = await startTestServer();
    const request = await slowRequest(server.port, JSON.stringify({ sampleId: 'sample-000000', questionId: 'sample-000000-q1' }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    let closed = false;
    const closing = server.close().then(() => {
      closed = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(closed).toBe(false);
    await expect(fetch(`${server.url}/api/v1/health`)).rejects.toThrow();
    const response = await request.finish();
    expect(response).toMatch(/^HTTP\/1\.1 200 /);
    expect(response).toMatch(/connection: close/i);
    const answer = AnswerResponseSchema.parse(JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4)));
    expect(answer.answer).toBe('circle');
    await closing;
    expect(closed).toBe(true);
  });

  it('refuses requests with 503 shutting_down once shutdown has begun (kept-alive connections)', async () => {
    const server = await startTestServer();
    try {
      server.context.shuttingDown = true;
      const refused = await postJson<ErrorBody>(`${server.url}/api/v1/answer`, { sampleId: 'sample-000000', questionId: 'sample-000000-q1' });
      expect(refused.status).toBe(503);
      expect(refused.body.error.code).toBe('shutting_down');
      expect(refused.headers.get('connection')).toBe('close');
      const health = await call<{ status: string }>(`${server.url}/api/v1/health`);
      expect(health.status).toBe(503);
      expect(health.body.status).toBe('shutting_down');
    } finally {
      server.context.shuttingDown = false;
      await server.close();
    }
  });
});

describe('finished evaluations', () => {
  it('are forgotten oldest first once they hold more predictions than allowed', async () => {
    const server = await startTestServer({ evaluations: { maxKeptPredictions: 500 } });
    try {
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        const { body } = await postJson<{ id: string }>(`${server.url}/api/v1/evaluations`, { split: 'sample', limit: 200 });
        ids.push(body.id);
        await server.context.evaluations.idle();
      }
      const statuses = await Promise.all(ids.map((id) => call(`${server.url}/api/v1/evaluations/${id}`)));
      expect(statuses.map((s) => s.status)).toEqual([404, 200, 200]);
    } finally {
      await server.close();
    }
  });
});
