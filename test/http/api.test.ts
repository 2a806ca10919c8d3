/**
 * Integration tests of every endpoint against a real server on loopback (port 0). Responses are checked
 * against the same zod schemas the OpenAPI document is generated from. The model-backed paths are
 * covered in models.test.ts; here the symbolic executor and the committed samples answer.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AnswerResponseSchema,
  EvaluationStatusSchema,
  HealthSchema,
  ModelInfoSchema,
  SampleDetailSchema,
  SampleListSchema,
  type RunningServer,
} from '../../server/http/index.ts';
import { call, postJson, repoRoot, samplePng, startTestServer, type ErrorBody } from './helpers.ts';

const questions = JSON.parse(readFileSync(join(repoRoot, 'samples/world/questions.json'), 'utf8')) as Record<string, { imageId: string; question: string; answer: string; semantic: unknown[] }>;
const scenes = JSON.parse(readFileSync(join(repoRoot, 'samples/world/sceneGraphs.json'), 'utf8')) as Record<string, { objects: Record<string, { relations: { name: string; object: string }[] }> }>;

let server: RunningServer;
let api: string;

beforeAll(async () => {
  server = await startTestServer();
  api = `${server.url}/api/v1`;
});
afterAll(async () => {
  await server.close();
});

describe('GET /health, /model, /openapi.json', () => {
  it('reports health with queue and event-loop figures', async () => {
    const { status, body } = await call(`${api}/health`);
    expect(status).toBe(200);
    const health = HealthSchema.parse(body);
    expect(health.status).toBe('ok');
    expect(health.models.symbolic).toBe(true);
    expect(health.queue.concurrency).toBe(2);
    expect(health.memory.rssBytes).toBeGreaterThan(10e6);
  });

  it('describes the models, labels, versions and limits', async () => {
    const { status, body } = await call(`${api}/model`);
    expect(status).toBe(200);
    const info = ModelInfoSchema.parse(body);
    expect(info.labels.names).toContain('hexagon');
    expect(info.labels.attributes.color).toContain('purple');
    expect(info.symbolic.ontology.material).toEqual(['solid', 'striped', 'dotted', 'hollow']);
    expect(info.versions.node).toBe(process.versions.node);
    expect(info.limits.questionChars).toBe(300);
    // A model that is not loaded says why instead of pretending.
    for (const model of [info.sceneGraphGenerator, info.vqa]) {
      if (!model.available) expect(model.reason.length).toBeGreaterThan(10);
    }
  });

  it('serves an OpenAPI 3.1 document covering every route, with resolvable $refs', async () => {
    const { status, body } = await call<{ openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown> }>>; components: { schemas: Record<string, unknown> } }>(`${api}/openapi.json`);
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    expect(Object.keys(body.paths).sort()).toEqual([
      '/answer', '/evaluations', '/evaluations/{id}', '/evaluations/{id}/predictions', '/health', '/model', '/openapi.json',
      '/samples', '/samples/{id}', '/samples/{id}/image', '/scene-graph',
    ]);
    expect(Object.keys(body.paths['/answer']!.post!.responses)).toEqual(expect.arrayContaining(['200', '400', '413', '415', '422', '503']));
    const refs = JSON.stringify(body).match(/"\$ref":"#\/components\/schemas\/[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) expect(body.components.schemas).toHaveProperty(ref.slice('"$ref":"#/components/schemas/'.length, -1));
    // The question limit in the document is the one the server enforces.
    expect(JSON.stringify(body.components.schemas.AnswerJsonRequest ?? body.components.schemas.AnswerJsonRequestInput)).toContain('"maxLength":300');
  });
});

describe('GET /samples', () => {
  it('lists the 32 committed samples', async () => {
    const { status, body } = await call(`${api}/samples`);
    expect(status).toBe(200);
    const list = SampleListSchema.parse(body);
    expect(list.count).toBe(32);
    expect(list.samples[0]).toMatchObject({ id: 'sample-000000', width: 256, height: 256, questions: 10, imageUrl: '/api/v1/samples/sample-000000/image' });
    const objects = Object.keys(scenes['sample-000000']!.objects).length;
    expect(list.samples[0]!.objects).toBe(objects);
  });

  it('returns a sample with its annotated graph, questions and choices', async () => {
    const { status, body } = await call(`${api}/samples/sample-000003`);
    expect(status).toBe(200);
    const sample = SampleDetailSchema.parse(body);
    expect(sample.sceneGraph).toEqual(scenes['sample-000003']);
    expect(Object.keys(sample.questions)).toHaveLength(10);
    expect(sample.questions['sample-000003-q0']!.answer).toBe(questions['sample-000003-q0']!.answer);
    expect(Object.keys(sample.choices)).toHaveLength(10);
  });

  it('serves the sample image byte for byte', async () => {
    const response = await fetch(`${api}/samples/sample-000001/image`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await response.arrayBuffer()).equals(samplePng('sample-000001'))).toBe(true);
  });

  it('answers 404 for unknown samples and refuses path tricks', async () => {
    for (const id of ['sample-999999', '..%2F..%2Fpackage.json', '%2e%2e']) {
      const { status, body } = await call<ErrorBody>(`${api}/samples/${id}/image`);
      expect(status).toBe(404);
      expect(body.error.code).toBe('not_found');
    }
  });
});

// These ask for the executor by name: with the shipped models loaded, `auto` would pick the model.
describe('POST /answer (symbolic executor on sample programs)', () => {
  it('answers every question of a sample with its gold answer, trace and grounding', async () => {
    for (let i = 0; i < 10; i++) {
      const questionId = `sample-000005-q${i}`;
      const { status, body } = await postJson(`${api}/answer`, { sampleId: 'sample-000005', questionId, answerer: 'symbolic' });
      expect(status).toBe(200);
      const answer = AnswerResponseSchema.parse(body);
      expect(answer.answer).toBe(questions[questionId]!.answer);
      expect(answer).toMatchObject({ answeredBy: 'symbolic', graphSource: 'annotated', imageId: 'sample-000005', goldAnswer: answer.answer, question: questions[questionId]!.question });
      expect(answer.program?.result.kind).toBe('answer');
      expect(answer.program!.result.trace).toHaveLength(questions[questionId]!.semantic.length);
      for (const round of answer.grounding) {
        for (const object of round.objects) expect(answer.sceneGraph.objects).toHaveProperty(object.id);
      }
      expect(answer.timings.totalMs).toBeGreaterThan(0);
    }
  });

  it('answers on an edited scene graph sent by the client (counterfactual)', async () => {
    // q1 of sample-000000: "Which shape is below the solid hexagon?" -> circle. Relabel the answer object.
    const original = await postJson(`${api}/answer`, { sampleId: 'sample-000000', questionId: 'sample-000000-q1', answerer: 'symbolic' });
    const grounded = AnswerResponseSchema.parse(original.body);
    const target = grounded.grounding.at(-1)!.objects[0]!.id;
    const edited = structuredClone(scenes['sample-000000']!) as unknown as { objects: Record<string, { name: string }> };
    edited.objects[target]!.name = 'star';
    const { status, body } = await postJson(`${api}/answer`, { sceneGraph: edited, imageId: 'edited', questionId: 'sample-000000-q1', answerer: 'symbolic' });
    expect(status).toBe(200);
    const answer = AnswerResponseSchema.parse(body);
    expect(grounded.answer).toBe('circle');
    expect(answer.answer).toBe('star');
    expect(answer.graphSource).toBe('request');
    expect(answer.imageId).toBe('edited');
  });

  it('runs a program sent as GQA semantic steps', async () => {
    const q = questions['sample-000002-q4']!;
    const { status, body } = await postJson(`${api}/answer`, { sampleId: 'sample-000002', question: q.question, semantic: q.semantic, answerer: 'symbolic' });
    expect(status).toBe(200);
    expect(AnswerResponseSchema.parse(body).answer).toBe(q.answer);
  });

  it('says 422 unanswerable when the program cannot run on the graph', async () => {
    const emptied = { width: 256, height: 256, objects: {} };
    const { status, body } = await postJson<ErrorBody>(`${api}/answer`, { sceneGraph: emptied, questionId: 'sample-000000-q1', answerer: 'symbolic' });
    expect(status).toBe(422);
    expect(body.error.code).toBe('unanswerable');
    expect(body.error.message).toMatch(/step 3 \(query\): no object/);
  });

  it('answers many concurrent requests correctly', async () => {
    // Waves of 32 concurrent requests: within what the server admits at once (2 running + 32 waiting).
    const ids = Object.keys(questions).slice(0, 96);
    for (let start = 0; start < ids.length; start += 32) {
      const wave = ids.slice(start, start + 32);
      const responses = await Promise.all(wave.map((questionId) => postJson(`${api}/answer`, { sampleId: questions[questionId]!.imageId, questionId, answerer: 'symbolic' })));
      responses.forEach((response, i) => {
        expect(response.status).toBe(200);
        expect(AnswerResponseSchema.parse(response.body).answer).toBe(questions[wave[i]!]!.answer);
      });
    }
  });
});

describe('evaluations', () => {
  type Status = ReturnType<typeof EvaluationStatusSchema.parse>;
  async function finished(url: string): Promise<Status> {
    for (;;) {
      const { status, body } = await call(`${server.url}${url}`);
      expect(status).toBe(200);
      const job = EvaluationStatusSchema.parse(body);
      if (job.status !== 'queued' && job.status !== 'running') return job;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('evaluates the sample split with the executor: 100 % on annotated graphs', async () => {
    const { status, headers, body } = await postJson<{ id: string; url: string }>(`${api}/evaluations`, { split: 'sample', answerer: 'symbolic' });
    expect(status).toBe(202);
    expect(headers.get('location')).toBe(body.url);
    const job = await finished(body.url);
    expect(job.status).toBe('succeeded');
    expect(job.progress).toEqual({ done: 320, total: 320, fraction: 1 });
    expect(job.metrics!.accuracy).toBe(100);
    expect(job.metrics!.validity).toBe(100);
    expect(job.summary).toMatchObject({ questions: 320, answered: 320 });
    const predictions = await call<{ questionId: string; prediction: string }[]>(`${server.url}${job.links.predictions}`);
    expect(predictions.status).toBe(200);
    expect(predictions.body).toHaveLength(320);
    expect(predictions.body[0]).toEqual({ questionId: 'sample-000000-q0', prediction: questions['sample-000000-q0']!.answer });
  });

  it('scores submitted questions and graphs: one wrong gold answer in 20 is 95 %', async () => {
    const ids = Object.keys(questions).filter((id) => id.startsWith('sample-000001-') || id.startsWith('sample-000002-'));
    const submitted: Record<string, unknown> = {};
    for (const id of ids) submitted[id] = { ...questions[id], entailed: [], equivalent: [] };
    (submitted[ids[0]!] as { answer: string }).answer = 'not the answer';
    const sceneGraphs = { 'sample-000001': scenes['sample-000001'], 'sample-000002': scenes['sample-000002'] };
    const { status, body } = await postJson<{ url: string }>(`${api}/evaluations`, { questions: submitted, sceneGraphs, answerer: 'symbolic' });
    expect(status).toBe(202);
    const job = await finished(body.url);
    expect(job.status).toBe('succeeded');
    expect(ids).toHaveLength(20);
    expect(job.metrics!.accuracy).toBeCloseTo(95, 10);
    expect(job.request).toMatchObject({ answerer: 'symbolic', questions: 20, sceneGraphs: 2 });
  });

  it('counts questions whose image has no graph as unanswered, with an empty prediction', async () => {
    const q = { ...questions['sample-000004-q0'], entailed: [], equivalent: [] };
    const { body } = await postJson<{ url: string }>(`${api}/evaluations`, { questions: { a: q }, sceneGraphs: {}, answerer: 'symbolic' });
    const job = await finished(body.url);
    expect(job.summary!.unanswered).toEqual({ 'no-graph': 1 });
    expect(job.metrics!.accuracy).toBe(0);
  });

  it('answers 404 for unknown jobs', async () => {
    const { status, body } = await call<ErrorBody>(`${api}/evaluations/00000000-0000-0000-0000-000000000000`);
    expect(status).toBe(404);
    expect(body.error.code).toBe('not_found');
  });
});

describe('routing, headers and errors', () => {
  it('sets security headers and a CSP on every response', async () => {
    for (const url of [`${api}/health`, `${api}/nope`, `${server.url}/`]) {
      const response = await fetch(url);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-powered-by')).toBeNull();
      expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('answers unknown routes with 404 and wrong methods with 405 + Allow', async () => {
    const missing = await call<ErrorBody>(`${api}/no-such-thing`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
    const oldVersion = await call<ErrorBody>(`${server.url}/api/v0/health`);
    expect(oldVersion.status).toBe(404);
    const wrong = await call<ErrorBody>(`${api}/answer`);
    expect(wrong.status).toBe(405);
    expect(wrong.body.error.code).toBe('method_not_allowed');
    expect(wrong.headers.get('allow')).toBe('POST');
    const del = await call<ErrorBody>(`${api}/samples`, { method: 'DELETE' });
    expect(del.status).toBe(405);
    expect(del.headers.get('allow')).toBe('GET, HEAD');
  });
});

describe('API key', () => {
  const key = 'test-key-0123456789';
  let keyed: RunningServer;
  beforeAll(async () => {
    keyed = await startTestServer({ apiKey: key });
  });
  afterAll(async () => {
    await keyed.close();
  });

  it('leaves /health open', async () => {
    expect((await call(`${keyed.url}/api/v1/health`)).status).toBe(200);
  });

  it('requires the key on every other /api route, before reading any body', async () => {
    const routes: [string, RequestInit?][] = [
      ['/api/v1/samples'], ['/api/v1/samples/sample-000000'], ['/api/v1/samples/sample-000000/image'], ['/api/v1/model'], ['/api/v1/openapi.json'],
      ['/api/v1/evaluations/x'], ['/api/v1/nope'],
      ['/api/v1/answer', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' }],
      ['/api/v1/evaluations', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }],
    ];
    for (const [path, init] of routes) {
      const { status, headers, body } = await call<ErrorBody>(`${keyed.url}${path}`, init);
      expect(status, path).toBe(401);
      expect(body.error.code).toBe('unauthorized');
      expect(headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
    const wrong = await call<ErrorBody>(`${keyed.url}/api/v1/samples`, { headers: { 'x-api-key': `${key}x` } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).toMatch(/not valid/);
  });

  it('accepts the key as X-API-Key or as a Bearer token', async () => {
    expect((await call(`${keyed.url}/api/v1/samples`, { headers: { 'x-api-key': key } })).status).toBe(200);
    expect((await call(`${keyed.url}/api/v1/samples`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
    const answer = await postJson(`${keyed.url}/api/v1/answer`, { sampleId: 'sample-000000', questionId: 'sample-000000-q0' }, { 'x-api-key': key });
    expect(answer.status).toBe(200);
  });

  it('documents the key in the OpenAPI document, and health as open', async () => {
    const { body } = await call<{ security: unknown[]; paths: Record<string, Record<string, { security?: unknown[] }>>; components: { securitySchemes: Record<string, unknown> } }>(`${keyed.url}/api/v1/openapi.json`, { headers: { 'x-api-key': key } });
    expect(body.security).toEqual([{ apiKey: [] }, { bearer: [] }]);
    expect(body.components.securitySchemes.apiKey).toEqual({ type: 'apiKey', in: 'header', name: 'X-API-Key' });
    expect(body.paths['/health']!.get!.security).toEqual([]);
  });

  it('is off when not configured', async () => {
    expect((await call(`${api}/samples`)).status).toBe(200);
  });
});

describe('the inspection page hook', () => {
  it('serves client/dist at / with the CSP, and says so when it is not built', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'sgvqa-client-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>SelfGraphVQA</title><script type="module" src="app.js"></script>');
    const withPage = await startTestServer({ clientDir: dir });
    try {
      const page = await fetch(`${withPage.url}/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await page.text()).toContain('<title>SelfGraphVQA</title>');
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(page.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    } finally {
      await withPage.close();
    }
    const withoutPage = await startTestServer({ clientDir: join(dir, 'missing') });
    try {
      const { status, body } = await call<ErrorBody>(`${withoutPage.url}/`);
      expect(status).toBe(404);
      expect(body.error.message).toContain('client/dist is missing');
    } finally {
      await withoutPage.close();
    }
  });
});
