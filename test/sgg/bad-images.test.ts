/**
 * Bad input (DESIGN §8): corrupt, truncated, empty, non-image and over-pixel-limit files give clear
 * ImageInputErrors with a problem code, and batch extraction records each one, keeps going, and resumes an
 * interrupted run from its partial file without redoing finished images.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Graph, toOnnx } from '../../models/nn/index.ts';
import { globalAvgPool } from '../../models/nn/functional/index.ts';
import { Linear } from '../../models/nn/modules/index.ts';
import { reshape, sigmoid } from '../../models/nn/ops/index.ts';
import { initialValues } from '../../models/nn/runtime/index.ts';
import { decodeImage } from '../../models/sgg/inference/image-input.ts';
import { errorsPathFor, extractSceneGraphs } from '../../models/sgg/inference/extract.ts';
import { type SceneGraphGenerator, loadSceneGraphGenerator } from '../../models/sgg/inference/generator.ts';
import { SGG_MANIFEST_FORMAT } from '../../models/sgg/inference/manifest.ts';

const geometry = { width: 64, height: 64, boxFactor: 2 };

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A valid PNG whose header is rewritten to claim width x height (the pixel data stays tiny). */
async function pngClaiming(width: number, height: number): Promise<Buffer> {
  const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 9, g: 9, b: 9 } } }).png().toBuffer();
  const out = Buffer.from(png);
  // IHDR data starts at 16 (8 signature + 4 length + 4 type); its CRC follows the 13 data bytes.
  out.writeUInt32BE(width, 16);
  out.writeUInt32BE(height, 20);
  out.writeUInt32BE(crc32(out.subarray(12, 29)), 29);
  return out;
}

let good: Buffer;
const bad: Record<string, Buffer> = {};

beforeAll(async () => {
  good = await sharp({ create: { width: 128, height: 128, channels: 3, background: { r: 20, g: 200, b: 40 } } }).png().toBuffer();
  const garbage = Buffer.from(Array.from({ length: 400 }, (_, i) => (i * 97 + 13) & 0xff));
  bad.corrupt = Buffer.concat([good.subarray(0, 40), garbage]);
  bad.truncated = good.subarray(0, Math.floor(good.length * 0.6));
  bad.empty = Buffer.alloc(0);
  bad.text = Buffer.from('this is not an image, just some words in a file\n');
  bad.huge = await pngClaiming(30000, 30000);
});

describe('decodeImage', () => {
  it('decodes a good image at boxFactor x the input size, with the original size', async () => {
    const { image, width, height } = await decodeImage(good, geometry, 'good.png');
    expect([image.width, image.height, image.data.length]).toEqual([128, 128, 128 * 128 * 3]);
    expect([width, height]).toEqual([128, 128]);
    expect([image.data[0], image.data[1], image.data[2]]).toEqual([20, 200, 40]);
  });

  it.each([
    ['corrupt', 'corrupt'],
    ['truncated', 'corrupt'],
    ['empty', 'empty'],
    ['text', 'not-an-image'],
    ['huge', 'too-large'],
  ])('a %s file is an ImageInputError (%s) naming the source', async (kind, problem) => {
    const error = await decodeImage(bad[kind]!, geometry, `${kind}.png`).then(
      () => null,
      (e: unknown) => e as Error & { problem?: string },
    );
    expect(error).not.toBeNull();
    expect(error!.name).toBe('ImageInputError');
    expect(error!.problem).toBe(problem);
    expect(error!.message).toMatch(new RegExp(`^sgg/image: ${kind}\\.png: `));
  });

  it('honours a lower pixel limit', async () => {
    const error = await decodeImage(good, geometry, 'good.png', { limitInputPixels: 100 }).catch((e: Error & { problem?: string }) => e);
    expect((error as { problem?: string }).problem).toBe('too-large');
  });
});

describe('batch extraction with bad images', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sgg-bad-'));
  const images = join(dir, 'images');
  let generator: SceneGraphGenerator;

  beforeAll(async () => {
    mkdirSync(images);
    for (const id of ['a', 'b', 'c']) writeFileSync(join(images, `${id}.png`), good);
    for (const [kind, bytes] of Object.entries(bad)) writeFileSync(join(images, `bad-${kind}.png`), bytes);
    writeFileSync(join(images, 'a.jpg'), good); // a second file for id "a"
    writeFileSync(join(images, 'notes.txt'), 'not listed');
    // A tiny contract model (see contract.test.ts): mean colour -> outputs.
    const g = new Graph('tiny');
    const pooled = globalAvgPool(g.input('image', 'float32', [1, 3, 64, 64]));
    const shapes: Record<string, number[]> = { boxes: [3, 4], scores: [3], class_logits: [3, 2], attr_color_logits: [3, 2], rel_logits: [3, 3, 2] };
    for (const [name, shape] of Object.entries(shapes)) {
      const out = reshape(new Linear(name, 3, shape.reduce((a, b) => a * b, 1)).forward(pooled), shape);
      g.output(name, name === 'boxes' || name === 'scores' ? sigmoid(out) : out);
    }
    writeFileSync(join(dir, 'm.onnx'), toOnnx(g, { paramValues: new Map(g.params.map((p) => [p.parameter.name, initialValues(p.parameter, 1)])) }));
    writeFileSync(join(dir, 'm.json'), JSON.stringify({
      format: SGG_MANIFEST_FORMAT, version: 1, maxDetections: 3,
      input: { name: 'image', width: 64, height: 64, boxFactor: 2, normalization: { mean: [0, 0, 0], std: [1, 1, 1] } },
      labels: { classes: ['x', 'y'], attributeGroups: [{ name: 'color', values: ['dark', 'light'] }], predicates: ['none', 'near'] },
    }));
    generator = await loadSceneGraphGenerator(join(dir, 'm.onnx'));
  });

  afterAll(async () => {
    await generator.release();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records every bad file with its problem and writes the good ones', async () => {
    const out = join(dir, 'graphs.json');
    const summary = await extractSceneGraphs(generator, { imagesDir: images, outPath: out, decode: { scoreThreshold: 0 } });
    expect(summary.written).toBe(3);
    const problems = Object.fromEntries(summary.failures.map((f) => [f.imageId, f.problem]));
    expect(problems).toEqual({
      'a': 'duplicate', 'bad-corrupt': 'corrupt', 'bad-truncated': 'corrupt', 'bad-empty': 'empty', 'bad-text': 'not-an-image', 'bad-huge': 'too-large',
    });
    const graphs = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(graphs).sort()).toEqual(['a', 'b', 'c']);
    const errors = JSON.parse(readFileSync(errorsPathFor(out), 'utf8')) as { imageId: string; message: string }[];
    expect(errors).toHaveLength(6);
    expect(errors.find((e) => e.imageId === 'bad-truncated')!.message).toMatch(/corrupt or truncated/);
  });

  it('resumes from the partial file of an interrupted run', async () => {
    const out = join(dir, 'resumed.json');
    // As if a run stopped after image "a" and while writing the next line.
    const partial = `${JSON.stringify({ id: 'a', scene: { width: 1, height: 1, objects: {} } })}\n{"id":"b","sce`;
    writeFileSync(`${out}.partial`, partial);
    const summary = await extractSceneGraphs(generator, { imagesDir: images, outPath: out, decode: { scoreThreshold: 0 } });
    expect(summary.resumed).toBe(1);
    const graphs = JSON.parse(readFileSync(out, 'utf8')) as Record<string, { width: number }>;
    // "a" comes from the partial file (width 1), "b" was redone, the torn line ignored.
    expect(graphs.a!.width).toBe(1);
    expect(graphs.b!.width).toBe(128);
    expect(Object.keys(graphs).sort()).toEqual(['a', 'b', 'c']);
  });
});
