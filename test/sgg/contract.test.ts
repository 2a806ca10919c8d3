/**
 * The ONNX contract (DESIGN §3) as the loader enforces it: a second, tiny, contract-conforming model built
 * here with the models/nn builder (other labels, other input size, other K) loads and predicts through the
 * same code as the shipped model; variants that break the contract are refused with a message naming the
 * missing or misshaped tensor.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { Graph, toOnnx, type Tensor } from '../../models/nn/index.ts';
import { globalAvgPool } from '../../models/nn/functional/index.ts';
import { Linear } from '../../models/nn/modules/index.ts';
import { reshape, sigmoid } from '../../models/nn/ops/index.ts';
import { initialValues } from '../../models/nn/runtime/index.ts';
import { loadSceneGraphGenerator } from '../../models/sgg/inference/generator.ts';
import { SGG_MANIFEST_FORMAT } from '../../models/sgg/inference/manifest.ts';
import { extractSceneGraphs } from '../../models/sgg/inference/extract.ts';

const K = 4;
const SIZE = 32;
const labels = {
  classes: ['cube', 'ball'],
  attributeGroups: [{ name: 'color', values: ['red', 'green', 'blue'] }],
  predicates: ['none', 'near', 'far'],
};

interface Variant {
  /** Output name -> shape the tiny model emits (default: the contract's). */
  shapes?: Partial<Record<string, number[]>>;
  omit?: string[];
  inputSize?: number;
  extraInput?: boolean;
}

/** A tiny model: global average of the image -> one Linear per output, reshaped to the output's shape. */
function tinyModel(variant: Variant = {}): Uint8Array {
  const g = new Graph('tiny-sgg');
  const size = variant.inputSize ?? SIZE;
  const image = g.input('image', 'float32', [1, 3, size, size]);
  if (variant.extraInput) g.input('mask', 'float32', [1]);
  const pooled = globalAvgPool(image);
  const contract: Record<string, number[]> = {
    boxes: [K, 4],
    scores: [K],
    class_logits: [K, labels.classes.length],
    attr_color_logits: [K, 3],
    rel_logits: [K, K, labels.predicates.length],
  };
  for (const [name, fixed] of Object.entries(contract)) {
    if (variant.omit?.includes(name)) continue;
    const shape = variant.shapes?.[name] ?? fixed;
    const layer = new Linear(`head_${name}`, 3, shape.reduce((a, b) => a * b, 1));
    let out: Tensor = reshape(layer.forward(pooled), shape);
    if (name === 'boxes' || name === 'scores') out = sigmoid(out);
    g.output(name, out);
  }
  const values = new Map(g.params.map((p) => [p.parameter.name, initialValues(p.parameter, 3)]));
  return toOnnx(g, { paramValues: values });
}

function manifest(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    format: SGG_MANIFEST_FORMAT,
    version: 1,
    input: { name: 'image', width: SIZE, height: SIZE, normalization: { mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5] } },
    labels,
    maxDetections: K,
    ...overrides,
  };
}

const dir = mkdtempSync(join(tmpdir(), 'sgg-contract-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let counter = 0;

/** Writes a model and (unless null) its manifest; returns the .onnx path. */
function writeModel(bytes: Uint8Array, json: Record<string, unknown> | null = manifest()): string {
  const base = join(dir, `model-${counter++}`);
  writeFileSync(`${base}.onnx`, bytes);
  if (json) writeFileSync(`${base}.json`, JSON.stringify(json));
  return `${base}.onnx`;
}

async function refusal(path: string): Promise<Error> {
  try {
    const g = await loadSceneGraphGenerator(path);
    await g.release();
  } catch (error) {
    return error as Error;
  }
  throw new Error('the model was accepted');
}

describe('a second, tiny, contract-conforming model', () => {
  it('loads and predicts scene graphs through the same loader', async () => {
    const path = writeModel(tinyModel());
    const generator = await loadSceneGraphGenerator(path);
    expect(generator.maxDetections).toBe(K);
    expect(generator.geometry).toEqual({ width: SIZE, height: SIZE, boxFactor: 1 });
    const png = await sharp({ create: { width: 50, height: 40, channels: 3, background: { r: 200, g: 30, b: 30 } } }).png().toBuffer();
    const { graph } = await generator.predict(png, 'tiny', { scoreThreshold: 0, nmsIou: 1, relationThreshold: 0 });
    expect(graph.getAttribute('width')).toBe(50);
    expect(graph.order).toBe(K);
    graph.forEachNode((_id, a) => {
      expect(labels.classes).toContain(a.name);
      expect(a.attributes).toHaveLength(1);
      expect(labels.attributeGroups[0]!.values).toContain(a.attributes[0]);
      expect(Object.keys(a.scores!)).toEqual(['name', 'color']);
    });
    graph.forEachEdge((_e, a) => expect(['near', 'far']).toContain(a.predicate));
    await generator.release();
  });

  it('extracts a folder with it', async () => {
    const images = join(dir, 'images');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(images);
    await sharp({ create: { width: 32, height: 32, channels: 3, background: { r: 0, g: 0, b: 200 } } }).png().toFile(join(images, 'x.png'));
    const generator = await loadSceneGraphGenerator(writeModel(tinyModel()));
    const out = join(dir, 'graphs.json');
    const summary = await extractSceneGraphs(generator, { imagesDir: images, outPath: out, decode: { scoreThreshold: 0 } });
    expect(summary.written).toBe(1);
    const { readFileSync } = await import('node:fs');
    const json = JSON.parse(readFileSync(out, 'utf8')) as Record<string, { objects: Record<string, unknown> }>;
    expect(Object.keys(json.x!.objects).length).toBeGreaterThan(0);
    await generator.release();
  });
});

describe('models that break the contract are refused', () => {
  it('names a missing output', async () => {
    const e = await refusal(writeModel(tinyModel({ omit: ['rel_logits'] })));
    expect(e.name).toBe('ContractError');
    expect(e.message).toMatch(/no output 'rel_logits'/);
  });

  it('names a misshaped output and the label count it should match', async () => {
    const e = await refusal(writeModel(tinyModel({ shapes: { class_logits: [K, 3] } })));
    expect(e.name).toBe('ContractError');
    expect(e.message).toMatch(/output 'class_logits' has shape \[4, 3\], expected \[K, 2\] \(2 classes/);
  });

  it('names an attribute output that does not fit its group', async () => {
    const e = await refusal(writeModel(tinyModel({ shapes: { attr_color_logits: [K, 4] } })));
    expect(e.message).toMatch(/attr_color_logits.*attribute group "color"/);
  });

  it('refuses inconsistent K and wrong ranks', async () => {
    const k = await refusal(writeModel(tinyModel({ shapes: { rel_logits: [K, K + 1, 3] } })));
    expect(k.message).toMatch(/rel_logits/);
    const rank = await refusal(writeModel(tinyModel({ shapes: { scores: [K, 1] } })));
    expect(rank.message).toMatch(/output 'scores' has shape \[4, 1\], expected \[K\]/);
  });

  it('refuses an input that does not match the manifest, or inputs it cannot feed', async () => {
    const size = await refusal(writeModel(tinyModel({ inputSize: 16 })));
    expect(size.message).toMatch(/input 'image' has shape \[1, 3, 16, 16\], expected \[1, 3, 32, 32\]/);
    const extra = await refusal(writeModel(tinyModel({ extraInput: true })));
    expect(extra.message).toMatch(/inputs the contract does not feed: mask/);
  });

  it('refuses a missing or invalid manifest, and a file its manifest does not pin', async () => {
    const missing = await refusal(writeModel(tinyModel(), null));
    expect(missing.name).toBe('ContractError');
    expect(missing.message).toMatch(/cannot read its manifest/);
    const bad = await refusal(writeModel(tinyModel(), manifest({ labels: { ...labels, classes: [] } })));
    expect(bad.message).toMatch(/manifest field \$\.labels\.classes/);
    const pinned = await refusal(writeModel(tinyModel(), manifest({ sha256: '0'.repeat(64) })));
    expect(pinned.message).toMatch(/sha256/);
    const notOnnx = await refusal(writeModel(new TextEncoder().encode('not a model')));
    expect(notOnnx.name).toBe('ContractError');
  });
});
