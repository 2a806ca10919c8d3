/**
 * The model-backed paths on a real server: a scene-graph generator with the shipped architecture, built
 * here with fresh (untrained) weights and loaded through the same loader and ONNX contract checks as the
 * shipped one. Its graphs are not meant to be right; what is checked is the plumbing: predicted graphs
 * in GQA format with scores, answers on them, the generator's image errors, /model, predicted-graph
 * evaluations. Accuracy with the shipped models is the models' own tests' and the bench's business.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initialValues } from '../../models/nn/runtime/index.ts';
import { SggNetwork, defaultSggConfig, writeGenerator } from '../../models/sgg/index.ts';
import { AnswerResponseSchema, EvaluationStatusSchema, ModelInfoSchema, SceneGraphResponseSchema, type RunningServer } from '../../server/http/index.ts';
import { call, postForm, postJson, samplePng, startTestServer, type ErrorBody } from './helpers.ts';

let dir: string;
let server: RunningServer;
let api: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sgvqa-http-sgg-'));
  const network = new SggNetwork(defaultSggConfig());
  const values = new Map<string, Float32Array | Float64Array>(network.parameters().map((p) => [p.name, initialValues(p, 7)]));
  for (const [name, value] of network.initialOverrides()) values.set(name, value);
  await writeGenerator(network, values, join(dir, 'sgg.onnx'), { name: 'untrained-test-generator' });
  server = await startTestServer({}, { models: { sgg: join(dir, 'sgg.onnx'), vqa: join(dir, 'absent-vqa.onnx') } });
  api = `${server.url}/api/v1`;
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('with a scene-graph generator loaded', () => {
  it('reports it in /model with its manifest, and the VQA model as unavailable with the reason', async () => {
    const info = ModelInfoSchema.parse((await call(`${api}/model`)).body);
    expect(info.sceneGraphGenerator.available).toBe(true);
    if (info.sceneGraphGenerator.available) {
      expect(info.sceneGraphGenerator.name).toBe('untrained-test-generator');
      expect((info.sceneGraphGenerator.manifest as { labels: { classes: string[] } }).labels.classes).toContain('hexagon');
    }
    expect(info.vqa).toMatchObject({ available: false });
  });

  it('predicts a scene graph from an upload, a base64 image and a sample, in GQA format with scores', async () => {
    const responses = [
      await postForm(`${api}/scene-graph`, { imageId: 'upload' }, { bytes: samplePng('sample-000004') }),
      await postJson(`${api}/scene-graph`, { image: samplePng('sample-000004').toString('base64'), imageId: 'b64' }),
      await postJson(`${api}/scene-graph`, { sampleId: 'sample-000004' }),
    ];
    const graphs = responses.map((response) => {
      expect(response.status).toBe(200);
      const body = SceneGraphResponseSchema.parse(response.body);
      expect(body.sceneGraph).toMatchObject({ width: 256, height: 256 });
      for (const object of Object.values(body.sceneGraph.objects)) {
        expect(object.score).toBeGreaterThan(0);
        expect(Object.keys(object.scores ?? {})).toEqual(expect.arrayContaining(['name', 'color', 'material']));
        for (const relation of object.relations) expect(body.sceneGraph.objects).toHaveProperty(relation.object);
      }
      expect(body.timings.sceneGraphMs).toBeGreaterThan(0);
      expect(body.timings['sgg.predictMs']).toBeGreaterThan(0);
      return body;
    });
    expect(graphs.map((g) => g.imageId)).toEqual(['upload', 'b64', 'sample-000004']);
    // Same image, same deterministic model: the same graph whichever way it was sent (object ids carry the image id).
    const normalized = graphs.map((g) => JSON.stringify(g.sceneGraph).replaceAll(`"${g.imageId}-`, '"IMAGE-'));
    expect(normalized[1]).toBe(normalized[0]);
    expect(normalized[2]).toBe(normalized[0]);
  });

  it("runs a sample question's program on the graph predicted from the image", async () => {
    const response = await postForm<ErrorBody>(`${api}/answer`, { questionId: 'sample-000004-q0', answerer: 'symbolic' }, { bytes: samplePng('sample-000004') });
    // An untrained generator's graph may not support the program: then the executor says so (422).
    if (response.status === 422) expect(response.body.error.code).toBe('unanswerable');
    else {
      expect(response.status).toBe(200);
      const answer = AnswerResponseSchema.parse(response.body);
      expect(answer.graphSource).toBe('predicted');
      expect(answer.answeredBy).toBe('symbolic');
    }
    const onSample = await postJson<ErrorBody>(`${api}/answer`, { sampleId: 'sample-000004', graph: 'predicted', questionId: 'sample-000004-q0', answerer: 'symbolic' });
    expect(onSample.status).toBe(response.status);
  });

  it('answers free-text questions about images with 503 until the VQA model is loaded', async () => {
    const { status, body } = await postForm<ErrorBody>(`${api}/answer`, { question: 'What color is the large circle?' }, { bytes: samplePng() });
    expect(status).toBe(503);
    expect(body.error.code).toBe('model_unavailable');
    expect(body.error.message).toContain('VQA');
  });

  it("maps the generator's own image errors to 4xx", async () => {
    const truncated = await postForm<ErrorBody>(`${api}/scene-graph`, {}, { bytes: samplePng().subarray(0, 2000) });
    expect(truncated.status).toBe(422);
    expect(truncated.body.error).toMatchObject({ code: 'invalid_image', path: '$.image' });
    expect(truncated.body.error.message).not.toContain('sgg/image');
    const health = await call(`${api}/health`);
    expect(health.status).toBe(200);
  });

  it('evaluates the sample split on predicted graphs', async () => {
    const { status, body } = await postJson<{ url: string }>(`${api}/evaluations`, { split: 'sample', graphs: 'predicted', answerer: 'symbolic', limit: 20 });
    expect(status).toBe(202);
    await server.context.evaluations.idle();
    const job = EvaluationStatusSchema.parse((await call(`${server.url}${body.url}`)).body);
    expect(job.status).toBe('succeeded');
    expect(job.request).toMatchObject({ split: 'sample', graphs: 'predicted', limit: 20 });
    expect(job.progress.done).toBe(20);
    expect(job.summary!.questions).toBe(20);
  });
});

describe('a model file that breaks the contract', () => {
  it('is refused at start-up with the reason, and the server still serves', async () => {
    const broken = join(dir, 'broken.onnx');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(broken, 'not an onnx file');
    const other = await startTestServer({}, { models: { sgg: broken } });
    try {
      const info = ModelInfoSchema.parse((await call(`${other.url}/api/v1/model`)).body);
      expect(info.sceneGraphGenerator.available).toBe(false);
      if (!info.sceneGraphGenerator.available) expect(info.sceneGraphGenerator.reason).toMatch(/broken\.onnx could not be loaded: .*manifest/);
      const { status, body } = await postForm<ErrorBody>(`${other.url}/api/v1/scene-graph`, {}, { bytes: samplePng() });
      expect(status).toBe(503);
      expect(body.error.code).toBe('model_unavailable');
    } finally {
      await other.close();
    }
  });
});
