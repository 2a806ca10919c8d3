/**
 * The bad-input corpus: corrupt, truncated, empty, huge-dimension and non-image files; wrong content
 * types; oversized and malformed bodies; empty, overlong and non-text questions; malformed graphs and
 * programs. Each must get a clear 4xx with a stable code (and the bad field's path where there is one),
 * no stack trace, and the server must still answer correctly afterwards.
 */
import { crc32 } from 'node:zlib';
import { connect } from 'node:net';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnswerResponseSchema, type RunningServer } from '../../server/http/index.ts';
import { call, postForm, postJson, samplePng, startTestServer, type ErrorBody, type JsonResponse } from './helpers.ts';

const UPLOAD_BYTES = 1024 * 1024;
const JSON_BYTES = 256 * 1024;

let server: RunningServer;
let api: string;

beforeAll(async () => {
  server = await startTestServer({ limits: { uploadBytes: UPLOAD_BYTES, jsonBodyBytes: JSON_BYTES, evaluationBodyBytes: JSON_BYTES } });
  api = `${server.url}/api/v1`;
});
afterAll(async () => {
  await server.close();
});

/** A PNG whose IHDR claims width x height (CRC fixed, so only the size is wrong). */
function pngClaiming(width: number, height: number): Buffer {
  const png = Buffer.from(samplePng());
  // Signature (8) + chunk length (4) + "IHDR" (4): width and height follow.
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}

function corrupted(bytes: Buffer): Buffer {
  const out = Buffer.from(bytes);
  for (let i = Math.floor(out.length / 3); i < Math.floor(out.length / 3) + 400; i++) out[i] = (i * 37) & 0xff;
  return out;
}

interface Expectation {
  status: number;
  code: string;
  path?: string;
}

function expectError(response: JsonResponse<unknown>, expected: Expectation, label: string): void {
  const body = response.body as ErrorBody;
  expect(response.status, label).toBe(expected.status);
  expect(response.headers.get('content-type'), label).toMatch(/^application\/json/);
  expect(body.error?.code, `${label}: ${JSON.stringify(body)}`).toBe(expected.code);
  expect(body.error.message.length, label).toBeGreaterThan(5);
  expect(body.error.message, label).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
  if (expected.path !== undefined) expect(body.error.path, label).toBe(expected.path);
  expect(Object.keys(body), label).toEqual(['error']);
}

const question = 'What color is the large circle?';

describe('bad images (multipart and base64 JSON)', () => {
  const images: [string, () => Promise<Buffer> | Buffer, Expectation][] = [
    ['an empty file', () => Buffer.alloc(0), { status: 422, code: 'invalid_image', path: '$.image' }],
    ['a truncated PNG', () => samplePng().subarray(0, 3000), { status: 422, code: 'invalid_image', path: '$.image' }],
    ['a PNG with corrupt data', () => corrupted(samplePng()), { status: 422, code: 'invalid_image', path: '$.image' }],
    ['a truncated JPEG', async () => (await sharp(samplePng()).jpeg().toBuffer()).subarray(0, 2000), { status: 422, code: 'invalid_image', path: '$.image' }],
    ['a PNG header claiming 100000 x 100000 pixels', () => pngClaiming(100_000, 100_000), { status: 413, code: 'image_too_large', path: '$.image' }],
    ['a real 4100 x 4100 image (over the 4096^2 pixel limit)', () => sharp({ create: { width: 4100, height: 4100, channels: 3, background: '#808080' } }).png().toBuffer(), { status: 413, code: 'image_too_large', path: '$.image' }],
    ['a text file', () => Buffer.from('What color is the large circle?\n'.repeat(20)), { status: 415, code: 'unsupported_media_type', path: '$.image' }],
    ['a PDF', () => Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n'), { status: 415, code: 'unsupported_media_type', path: '$.image' }],
    ['an SVG', () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><circle r="9"/></svg>'), { status: 415, code: 'unsupported_media_type', path: '$.image' }],
    ['a GIF', () => sharp(samplePng()).gif().toBuffer(), { status: 415, code: 'unsupported_media_type', path: '$.image' }],
    ['random bytes', () => Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) & 0xff)), { status: 415, code: 'unsupported_media_type', path: '$.image' }],
  ];

  it.each(images)('multipart: %s', async (label, make, expected) => {
    const response = await postForm(`${api}/answer`, { question }, { bytes: await make() });
    expectError(response, expected, label);
    const sceneGraph = await postForm(`${api}/scene-graph`, {}, { bytes: await make() });
    expectError(sceneGraph, expected, `scene-graph: ${label}`);
  });

  it.each(images)('JSON base64: %s', async (label, make, expected) => {
    const bytes = await make();
    if (bytes.length === 0) return; // an empty base64 string is a schema error, tested below
    const response = await postJson(`${api}/answer`, { question, image: bytes.toString('base64') });
    expectError(response, expected, label);
  });

  it('rejects an upload over the size limit with 413 before buffering it', async () => {
    const big = Buffer.alloc(UPLOAD_BYTES + 10, 1);
    expectError(await postForm(`${api}/answer`, { question }, { bytes: big }), { status: 413, code: 'payload_too_large', path: '$.image' }, 'big upload');
  });

  it('rejects broken base64 and an empty image string with 400', async () => {
    expectError(await postJson(`${api}/answer`, { question, image: 'not*base64!' }), { status: 400, code: 'invalid_request', path: '$.image' }, 'bad base64');
    expectError(await postJson(`${api}/answer`, { question, image: '' }), { status: 400, code: 'invalid_request', path: '$.image' }, 'empty base64');
  });
});

describe('wrong content types and malformed bodies', () => {
  const post = (body: string | Buffer, contentType?: string): Promise<JsonResponse<unknown>> =>
    call(`${api}/answer`, { method: 'POST', body: new Uint8Array(Buffer.from(body)), headers: contentType ? { 'content-type': contentType } : {} });

  it.each([
    ['text/plain', 'text/plain'],
    ['XML', 'application/xml'],
    ['a form-urlencoded body', 'application/x-www-form-urlencoded'],
    ['an image body without a form', 'image/png'],
  ])('answers 415 to %s', async (label, type) => {
    expectError(await post('question=hi', type), { status: 415, code: 'unsupported_media_type' }, label);
  });

  it('answers 415 to a body without Content-Type', async () => {
    const response = await call(`${api}/answer`, { method: 'POST', body: new Uint8Array(Buffer.from('{"question":"hi"}')) });
    expectError(response, { status: 415, code: 'unsupported_media_type' }, 'no content-type');
  });

  it('answers 415 to an unknown charset or content encoding', async () => {
    expectError(await post('{}', 'application/json; charset=klingon'), { status: 415, code: 'unsupported_media_type' }, 'charset');
    const encoded = await call(`${api}/answer`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json', 'content-encoding': 'x-custom' } });
    expectError(encoded, { status: 415, code: 'unsupported_media_type' }, 'encoding');
  });

  it.each([
    ['truncated JSON', '{"question": "What is'],
    ['a trailing comma', '{"question": "What?",}'],
    ['binary garbage', Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x01])],
  ])('answers 400 invalid_json to %s', async (label, body) => {
    expectError(await post(body, 'application/json'), { status: 400, code: 'invalid_json' }, label);
  });

  it.each([
    ['an array', [], ''],
    ['null', null, ''],
    ['a bare string', 'What color?', ''],
    ['an empty object', {}, '$.question'],
    ['an unknown field', { question, sampleId: 'sample-000000', colour: 'red' }, '$'],
    ['two graph sources', { question, sampleId: 'sample-000000', sceneGraph: { width: 1, height: 1, objects: {} } }, '$.sceneGraph'],
    ['no graph source', { question }, '$'],
    ['a sample id with a path in it', { question, sampleId: '../../package.json' }, '$.sampleId'],
    ['an unknown answerer', { question, sampleId: 'sample-000000', answerer: 'oracle' }, '$.answerer'],
  ])('answers 400 invalid_request to %s', async (label, body, path) => {
    const response = await postJson(`${api}/answer`, body);
    const code = path === '$.question' ? 'invalid_question' : 'invalid_request';
    expectError(response, { status: 400, code, ...(path ? { path } : {}) }, label);
  });

  it('answers 413 to a JSON body over the limit', async () => {
    const response = await postJson(`${api}/answer`, { question, image: 'A'.repeat(JSON_BYTES + 100) });
    expectError(response, { status: 413, code: 'payload_too_large' }, 'big json');
  });

  it('answers 400 invalid_multipart to broken forms', async () => {
    const boundary = 'XyZ';
    const truncated = `--${boundary}\r\nContent-Disposition: form-data; name="question"\r\n\r\nWhat?\r\n--${boundary}\r\nContent-Disposition: form-data; name="image"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`;
    expectError(await post(Buffer.concat([Buffer.from(truncated), samplePng().subarray(0, 100)]), `multipart/form-data; boundary=${boundary}`), { status: 400, code: 'invalid_multipart' }, 'truncated form');
    expectError(await post('abc', 'multipart/form-data'), { status: 400, code: 'invalid_multipart' }, 'no boundary');
    expectError(await postForm(`${api}/answer`, { question }), { status: 400, code: 'invalid_multipart', path: '$.image' }, 'no file');
    expectError(await postForm(`${api}/answer`, { question }, { name: 'picture', bytes: samplePng() }), { status: 400, code: 'invalid_multipart', path: '$.picture' }, 'wrong file field');
    const twoFiles = new FormData();
    twoFiles.append('question', question);
    twoFiles.append('image', new Blob([new Uint8Array(samplePng())]), 'a.png');
    twoFiles.append('image', new Blob([new Uint8Array(samplePng())]), 'b.png');
    expectError(await call(`${api}/answer`, { method: 'POST', body: twoFiles }), { status: 400, code: 'invalid_multipart' }, 'two files');
    expectError(await postForm(`${api}/answer`, { question, extra: 'x' }, { bytes: samplePng() }), { status: 400, code: 'invalid_request', path: '$' }, 'unknown field');
  });
});

describe('bad questions', () => {
  const cases: [string, unknown, string][] = [
    ['an empty question', '', 'the question is empty'],
    ['a blank question', '   \t ', 'the question is empty'],
    ['a 301-character question', `What ${'a'.repeat(296)}?`, 'longer than 300'],
    ['a number', 42, 'must be a string'],
    ['a list', ['What', 'color?'], 'must be a string'],
    ['an object', { text: 'What?' }, 'must be a string'],
    ['null', null, 'must be a string'],
    ['binary data', 'What\u0000\u0001\u0002 color?', 'non-text'],
    ['replacement characters (undecodable bytes)', 'What \ufffd\ufffd color?', 'non-text'],
    ['punctuation only', '?!?', 'no words'],
  ];

  it.each(cases)('JSON: %s -> 400 invalid_question', async (label, value, message) => {
    const response = await postJson<ErrorBody>(`${api}/answer`, { question: value, sampleId: 'sample-000000' });
    expectError(response, { status: 400, code: 'invalid_question', path: '$.question' }, label);
    expect(response.body.error.message).toContain(message);
  });

  it('multipart: empty, overlong and non-text questions are 400; a huge field is 413', async () => {
    for (const [label, value] of [['empty', ''], ['overlong', 'w'.repeat(301)], ['control', 'What\u0007?']] as const) {
      expectError(await postForm(`${api}/answer`, { question: value }, { bytes: samplePng() }), { status: 400, code: 'invalid_question', path: '$.question' }, label);
    }
    expectError(await postForm(`${api}/answer`, {}, { bytes: samplePng() }), { status: 400, code: 'invalid_question', path: '$.question' }, 'missing');
    expectError(await postForm(`${api}/answer`, { question: 'w'.repeat(10_000) }, { bytes: samplePng() }), { status: 413, code: 'payload_too_large', path: '$.question' }, 'huge');
  });
});

describe('bad graphs, programs and ids', () => {
  const scene = { width: 256, height: 256, objects: { a: { name: 'circle', x: 1, y: 2, w: 30, h: 30, attributes: ['red'], relations: [] as { name: string; object: string }[] } } };
  const q = { questionId: 'sample-000000-q1' };

  it('names the bad field of a scene graph (400) and a dangling relation (422)', async () => {
    const wrongType = structuredClone(scene) as unknown as { objects: { a: { x: unknown } } };
    wrongType.objects.a.x = 'left';
    expectError(await postJson(`${api}/answer`, { ...q, sceneGraph: wrongType }), { status: 400, code: 'invalid_request', path: '$.sceneGraph.objects.a.x' }, 'wrong type');
    const missing = structuredClone(scene) as unknown as { objects: { a: Record<string, unknown> } };
    delete missing.objects.a.attributes;
    expectError(await postJson(`${api}/answer`, { ...q, sceneGraph: missing }), { status: 400, code: 'invalid_request', path: '$.sceneGraph.objects.a.attributes' }, 'missing field');
    const dangling = structuredClone(scene);
    dangling.objects.a.relations.push({ name: 'above', object: 'ghost' });
    expectError(await postJson(`${api}/answer`, { ...q, sceneGraph: dangling }), { status: 422, code: 'invalid_scene_graph', path: '$.sceneGraph.objects.a.relations[0].object' }, 'dangling');
  });

  it('bounds the size of a client graph', async () => {
    const objects: Record<string, unknown> = {};
    for (let i = 0; i < 1001; i++) objects[`o${i}`] = { ...scene.objects.a };
    expectError(await postJson(`${api}/answer`, { ...q, sceneGraph: { ...scene, objects } }), { status: 400, code: 'invalid_request', path: '$.sceneGraph.objects' }, 'too many objects');
  });

  it('names the bad step of a program', async () => {
    const semantic = [{ operation: 'select', argument: 'circle', dependencies: [] }, { operation: 'query', argument: 'color', dependencies: [5] }];
    expectError(await postJson(`${api}/answer`, { question, sampleId: 'sample-000000', semantic }), { status: 400, code: 'invalid_request', path: '$.semantic[1].dependencies[0]' }, 'bad dependency');
    expectError(await postJson(`${api}/answer`, { question, sampleId: 'sample-000000', semantic: [{ operation: 'select' }] }), { status: 400, code: 'invalid_request', path: '$.semantic[0].argument' }, 'missing argument');
  });

  it('answers 404 for unknown samples and questions, 400 for a symbolic answer without a program', async () => {
    expectError(await postJson(`${api}/answer`, { question, sampleId: 'sample-424242' }), { status: 404, code: 'not_found', path: '$.sampleId' }, 'unknown sample');
    expectError(await postJson(`${api}/answer`, { sampleId: 'sample-000000', questionId: 'q-unknown' }), { status: 404, code: 'not_found', path: '$.questionId' }, 'unknown question');
    expectError(await postJson(`${api}/answer`, { question, sampleId: 'sample-000000', answerer: 'symbolic' }), { status: 400, code: 'invalid_request', path: '$.answerer' }, 'no program');
    expectError(await postJson(`${api}/scene-graph`, { sampleId: 'nope' }), { status: 404, code: 'not_found', path: '$.sampleId' }, 'scene-graph unknown sample');
  });
});

describe('bad evaluation requests', () => {
  it.each([
    ['neither split nor questions', {}, 400, 'invalid_request', '$'],
    ['both split and questions', { split: 'sample', questions: {}, sceneGraphs: {} }, 400, 'invalid_request', '$.questions'],
    ['questions without graphs', { questions: {} }, 400, 'invalid_request', '$.sceneGraphs'],
    ['an unknown split', { split: 'train' }, 400, 'invalid_request', '$.split'],
    ['a question without a program step list', { questions: { q: { imageId: 'i', question: 'Q?', semantic: 'select' } }, sceneGraphs: {} }, 400, 'invalid_request', '$.questions.q.semantic'],
    ['a question without an answer', { questions: { q: { imageId: 'i', question: 'Q?' } }, sceneGraphs: {} }, 422, 'invalid_request', '$.questions.q.answer'],
    ['a dangling relation', { questions: {}, sceneGraphs: { i: { width: 1, height: 1, objects: { a: { name: 'x', x: 0, y: 0, w: 1, h: 1, attributes: [], relations: [{ name: 'on', object: 'b' }] } } } } }, 422, 'invalid_scene_graph', '$.sceneGraphs.i.objects.a.relations[0].object'],
  ])('%s', async (label, body, status, code, path) => {
    expectError(await postJson(`${api}/evaluations`, body), { status, code, path }, label);
  });

  it('answers 413 to an evaluation body over its limit', async () => {
    const questions: Record<string, unknown> = {};
    for (let i = 0; i < 3000; i++) questions[`q${i}`] = { imageId: 'i', question: 'What color is the large circle on the left?', answer: 'red' };
    expectError(await postJson(`${api}/evaluations`, { questions, sceneGraphs: {} }), { status: 413, code: 'payload_too_large' }, 'big evaluation');
  });
});

describe('after the corpus', () => {
  it('a half-sent request that the client abandons does not hurt the server', async () => {
    const { port } = server;
    await new Promise<void>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write('POST /api/v1/answer HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"question": "Wh');
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 50);
      });
      socket.on('error', reject);
    });
  });

  it('the server is healthy and still answers correctly', async () => {
    const health = await call<{ status: string }>(`${api}/health`);
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');
    const { status, body } = await postJson(`${api}/answer`, { sampleId: 'sample-000000', questionId: 'sample-000000-q1' });
    expect(status).toBe(200);
    expect(AnswerResponseSchema.parse(body).answer).toBe('circle');
  });
});
