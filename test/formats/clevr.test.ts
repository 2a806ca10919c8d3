import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CLEVR_RELATION_KINDS,
  clevrRelationships,
  readClevrScenes,
  sceneGraphFromClevr,
  sceneGraphsFromClevr,
  type ClevrImportOptions,
  type ClevrRelationKind,
  type Vector3,
} from '../../graph/formats/clevr.ts';
import { objectsOf, relationsOf, type Box, type SceneGraph } from '../../graph/scene-graph.ts';
import { sharedData } from '../helpers/shared-data.ts';

const groundTruth = sharedData('clevr-nsvqa-pr18', 'val-scenes.json');
const predicted = sharedData('clevr-nsvqa-ce', 'val_scene.json');
const generated1 = sharedData('clevr-parser-generated', '1obj', 'scenes', 'CLEVR_val_scenes.json');
const generated2 = sharedData('clevr-parser-generated', '2obj', 'scenes', 'CLEVR_val_scenes.json');

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

async function tempFile(text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sgvqa-clevr-'));
  const path = join(dir, 'scenes.json');
  await writeFile(path, text);
  return path;
}

function errorOf(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

function iou(a: Box, b: Box): number {
  const ix = Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x));
  const iy = Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));
  const inter = ix * iy;
  return inter / (a.w * a.h + b.w * b.h - inter);
}

function predicatesBetween(graph: SceneGraph, subject: string, object: string): string[] {
  return relationsOf(graph).filter((r) => r.subject === subject && r.object === object).map((r) => r.predicate).sort();
}

function pixelOf(graph: SceneGraph, node: string): [number, number, number] {
  return graph.getNodeAttribute(node, 'extra')?.pixel_coords as [number, number, number];
}

const cube = { shape: 'cube', color: 'red', size: 'large', material: 'metal' };
const sphere = { shape: 'sphere', color: 'blue', size: 'small', material: 'rubber' };

describe('CLEVR scenes (hand-made)', () => {
  const scene = {
    image_index: 7,
    image_filename: 'CLEVR_val_000007.png',
    objects: [
      { ...cube, pixel_coords: [100, 150, 10], '3d_coords': [0, -2, 0.7], rotation: 10 },
      { ...sphere, pixel_coords: [300, 120, 12], '3d_coords': [0, 2, 0.35] },
    ],
    relationships: { left: [[], [0]], right: [[1], []], front: [[], [0]], behind: [[1], []] },
  };

  it('reads j in relationships[kind][i] as the edge j -> i', () => {
    const graph = sceneGraphFromClevr(scene);
    expect(graph.getAttributes()).toMatchObject({ imageId: 'CLEVR_val_000007', width: 480, height: 320 });
    expect(graph.getNodeAttributes('0')).toMatchObject({ id: '0', name: 'cube', attributes: ['red', 'large', 'metal'] });
    // left[1] = [0]: object 0 is left of object 1; right[0] = [1]: object 1 is right of object 0.
    expect(predicatesBetween(graph, '0', '1')).toEqual(['in front of', 'to the left of']);
    expect(predicatesBetween(graph, '1', '0')).toEqual(['behind', 'to the right of']);
    expect(graph.size).toBe(4);
  });

  it('derives the box from pixel_coords, size and shape: u = W r / depth', () => {
    const graph = sceneGraphFromClevr(scene);
    // cube: u = 480 * 0.7 / 10 = 33.6, w = 3.0 u = 100.8, h = 3.05 u = 102.48, centred on (100, 150);
    // corners rounded: x 49.6 -> 50, 150.4 -> 150; y 98.76 -> 99, 201.24 -> 201.
    expect(graph.getNodeAttribute('0', 'box')).toEqual({ x: 50, y: 99, w: 100, h: 102 });
    // sphere: u = 480 * 0.35 / 12 = 14, w = 2.35 u = 32.9, h = 2.45 u = 34.3, centred on (300, 120).
    expect(graph.getNodeAttribute('1', 'box')).toEqual({ x: 284, y: 103, w: 32, h: 34 });
    // Doubling the depth halves the box: x 74.8 -> 75, 125.2 -> 125; y 124.38 -> 124, 175.62 -> 176.
    const far = sceneGraphFromClevr({ ...scene, objects: [{ ...cube, pixel_coords: [100, 150, 20] }], relationships: undefined });
    expect(far.getNodeAttribute('0', 'box')).toEqual({ x: 75, y: 124, w: 50, h: 52 });
    expect(far.size).toBe(0);
  });

  it('clamps boxes to the image size given', () => {
    const graph = sceneGraphFromClevr({ image_index: 0, objects: [{ ...cube, pixel_coords: [5, 230, 8] }] }, { imageWidth: 320, imageHeight: 240 });
    const box = graph.getNodeAttribute('0', 'box');
    expect(box.x).toBe(0);
    expect(box.y + box.h).toBe(240);
    expect(graph.getAttribute('imageId')).toBe('0');
  });

  it('keeps unknown fields in extra and confidence as score', () => {
    const graph = sceneGraphFromClevr({ image_index: 3, split: 'val', note: 'x', objects: [{ ...cube, position: [0, 0, 0.7], confidence: 0.5, mask: 'rle' }] });
    expect(graph.getAttribute('imageId')).toBe('CLEVR_val_000003');
    expect(graph.getAttribute('extra')).toEqual({ image_index: 3, split: 'val', note: 'x' });
    expect(graph.getNodeAttributes('0')).toMatchObject({ score: 0.5, extra: { position: [0, 0, 0.7], mask: 'rle' } });
  });

  it('accepts {scenes}, a bare array and one scene', () => {
    expect(sceneGraphsFromClevr({ scenes: [scene] })).toHaveLength(1);
    expect(sceneGraphsFromClevr([scene, { ...scene, image_filename: 'b.png' }])).toHaveLength(2);
    expect(sceneGraphsFromClevr(scene)[0]?.order).toBe(2);
  });
});

describe('CLEVR bad input', () => {
  const base = { image_index: 0, objects: [{ ...cube, pixel_coords: [1, 2, 10] }, { ...sphere, pixel_coords: [3, 4, 10] }] };

  it.each<[string, unknown, string, ClevrImportOptions?]>([
    ['a relation to a missing object', { scenes: [{ ...base, relationships: { left: [[], [5]] } }] }, '$.scenes[0].relationships.left[1][0]'],
    ['a self relation', { scenes: [{ ...base, relationships: { front: [[0], []] } }] }, '$.scenes[0].relationships.front[0][0]'],
    ['a list per object missing', { scenes: [{ ...base, relationships: { behind: [[]] } }] }, '$.scenes[0].relationships.behind'],
    ['a missing shape', { scenes: [{ ...base, objects: [{ color: 'red', size: 'large', material: 'metal', pixel_coords: [1, 2, 3] }] }] }, '$.scenes[0].objects[0].shape'],
    ['a wrong type', { scenes: [{ ...base, objects: [{ ...cube, pixel_coords: [1, 'x', 3] }] }] }, '$.scenes[0].objects[0].pixel_coords[1]'],
    ['an unknown size', { scenes: [{ ...base, objects: [{ ...cube, size: 'huge', pixel_coords: [1, 2, 3] }] }] }, '$.scenes[0].objects[0].size'],
    ['no position at all', { scenes: [{ ...base, objects: [cube] }] }, '$.scenes[0].objects[0]'],
    ['deriving without 3-D positions', { scenes: [base] }, '$.scenes[0].objects[0]', { deriveRelationships: 'always' }],
    ['a depth behind the camera', { scenes: [{ ...base, objects: [{ ...cube, pixel_coords: [1, 2, -3] }] }] }, '$.scenes[0].objects[0].pixel_coords[2]'],
    ['a scene without a name', { scenes: [{ objects: [] }] }, '$.scenes[0]'],
    ['a duplicate imageId', { scenes: [base, base] }, '$.scenes[1]'],
    ['something else', { images: [] }, '$'],
  ])('%s is a GraphFormatError naming the place', (_label, json, where, options = {}) => {
    const error = errorOf(() => sceneGraphsFromClevr(json, { file: 'bad.json', ...options }));
    expect(error.name).toBe('GraphFormatError');
    expect(error.message).toMatch(new RegExp(`^bad\\.json: ${where.replace(/[$.[\]]/g, '\\$&')}: `));
  });

  it.each([0, undefined])('reports malformed and truncated files with the file name (streamAbove %s)', async (streamAbove) => {
    const truncated = await tempFile(JSON.stringify({ scenes: [base, { ...base, image_index: 1 }] }).slice(0, -20));
    const error = await collect(readClevrScenes(truncated, { streamAbove })).then(() => undefined, (e: unknown) => e as Error);
    expect(error?.name).toBe('GraphFormatError');
    expect(error?.message).toContain(truncated);
    const garbage = await tempFile('not json');
    const error2 = await collect(readClevrScenes(garbage, { streamAbove })).then(() => undefined, (e: unknown) => e as Error);
    expect(error2?.name).toBe('GraphFormatError');
    const missing = await collect(readClevrScenes(`${garbage}.absent`, { streamAbove })).then(() => undefined, (e: unknown) => e as Error);
    expect(missing?.name).toBe('GraphFormatError');
  });

  it('streams a bad scene with its path', async () => {
    const file = await tempFile(JSON.stringify({ info: {}, scenes: [base, { ...base, image_index: 1, objects: [{ ...cube, size: 'huge', pixel_coords: [1, 2, 3] }] }] }));
    const error = await collect(readClevrScenes(file, { streamAbove: 0 })).then(() => undefined, (e: unknown) => e as Error);
    expect(error?.message).toBe(`${file}: $.scenes[1].objects[0].size: clevr: unknown size "huge"`);
  });
});

describe.skipIf(!groundTruth.present)('CLEVR v1.0 ground truth (../shared/data/clevr-nsvqa-pr18)', () => {
  it('loads all 11 scenes, streamed and whole alike', async () => {
    const streamed = await collect(readClevrScenes(groundTruth.path, { streamAbove: 0 }));
    expect(streamed.map((g) => g.order)).toEqual([5, 10, 8, 7, 6, 7, 3, 4, 9, 8, 5]);
    expect(streamed.map((g) => g.getAttribute('imageId'))).toEqual(
      Array.from({ length: 11 }, (_, i) => `CLEVR_val_${String(i).padStart(6, '0')}`),
    );
    const whole = sceneGraphsFromClevr(JSON.parse(await readFile(groundTruth.path, 'utf8')));
    const content = (g: SceneGraph): unknown => [g.getAttributes(), objectsOf(g), relationsOf(g)];
    expect(whole.map(content)).toEqual(streamed.map(content));
  });

  it('gets directions right on known objects', async () => {
    const [scene0] = await collect(readClevrScenes(groundTruth.path));
    if (!scene0) throw new Error('no scene');
    // Object 0 (large brown cylinder, x = 119 px) is left of object 1 (large gray cube, x = 198 px) ...
    expect(pixelOf(scene0, '0')[0]).toBeLessThan(pixelOf(scene0, '1')[0]);
    expect(predicatesBetween(scene0, '0', '1')).toContain('to the left of');
    expect(predicatesBetween(scene0, '1', '0')).toContain('to the right of');
    // ... and behind it (depth 10.8 against 8.6).
    expect(predicatesBetween(scene0, '0', '1')).toContain('behind');
    expect(predicatesBetween(scene0, '1', '0')).toContain('in front of');
  });

  it('agrees with the image: left edges go to larger x, front edges to larger depth (>= 99 %)', async () => {
    let agree = 0;
    let total = 0;
    for (const graph of await collect(readClevrScenes(groundTruth.path))) {
      for (const { subject, object, predicate } of relationsOf(graph)) {
        const [sx, , sd] = pixelOf(graph, subject);
        const [ox, , od] = pixelOf(graph, object);
        if (predicate === 'to the left of') agree += Number(sx < ox);
        else if (predicate === 'to the right of') agree += Number(sx > ox);
        else if (predicate === 'in front of') agree += Number(sd < od);
        else agree += Number(sd > od);
        total += 1;
      }
    }
    expect(total).toBeGreaterThan(400);
    expect(agree / total).toBeGreaterThanOrEqual(0.99);
  });

  it('puts boxes where the objects are in the real renders', async () => {
    const scenes = await collect(readClevrScenes(groundTruth.path));
    // Boxes segmented by colour from ../shared/data/clevr-nsvqa-ce/images/CLEVR_val_000003.png and _000010.png.
    const measured: [number, string, Box][] = [
      [3, '1', { x: 222, y: 53, w: 54, h: 54 }], // large purple metal sphere
      [3, '5', { x: 267, y: 87, w: 65, h: 65 }], // large purple metal sphere
      [3, '3', { x: 36, y: 110, w: 95, h: 102 }], // large gray rubber cube
      [10, '0', { x: 198, y: 103, w: 42, h: 43 }], // small purple metal cube
      [10, '3', { x: 254, y: 151, w: 46, h: 50 }], // large purple rubber cylinder
    ];
    for (const [scene, node, box] of measured) {
      expect(iou(scenes[scene]!.getNodeAttribute(node, 'box'), box)).toBeGreaterThan(0.7);
    }
  });

  it('clevrRelationships reproduces every stored relationship list', async () => {
    const json = JSON.parse(await readFile(groundTruth.path, 'utf8')) as {
      scenes: { objects: { '3d_coords': Vector3 }[]; relationships: Record<ClevrRelationKind, number[][]> }[];
    };
    for (const scene of json.scenes) {
      const derived = clevrRelationships(scene.objects.map((o) => o['3d_coords']));
      for (const kind of CLEVR_RELATION_KINDS) expect(derived[kind]).toEqual(scene.relationships[kind]);
    }
  });
});

describe.skipIf(!generated1.present || !generated2.present)('CLEVR generator output (../shared/data/clevr-parser-generated)', () => {
  it('loads the 1- and 2-object scenes at 320x240', async () => {
    const options = { imageWidth: 320, imageHeight: 240 };
    const one = await collect(readClevrScenes(generated1.path, options));
    const two = await collect(readClevrScenes(generated2.path, options));
    expect(one.map((g) => g.order)).toEqual(Array(10).fill(1));
    expect(one.every((g) => g.size === 0)).toBe(true);
    expect(two.map((g) => g.order)).toEqual(Array(10).fill(2));
    // 2obj scene 0: left = [[1], []], front = [[1], []]: the green cylinder (1) is left of and in front of the purple sphere (0).
    expect(objectsOf(two[0]!).map((o) => o.name)).toEqual(['sphere', 'cylinder']);
    expect(predicatesBetween(two[0]!, '1', '0')).toEqual(['in front of', 'to the left of']);
    // The 1-object scene 2: a large cyan sphere segmented at x 220..272, y 87..137 in its 320x240 render.
    expect(iou(one[2]!.getNodeAttribute('0', 'box'), { x: 220, y: 87, w: 53, h: 51 })).toBeGreaterThan(0.7);
  });
});

describe.skipIf(!predicted.present || !groundTruth.present)('CLEVR predicted scenes (../shared/data/clevr-nsvqa-ce)', () => {
  it('loads 1001 scenes named like the images, with boxes and derived relations close to the ground truth', async () => {
    const scenes = await collect(readClevrScenes(predicted.path, { split: 'val' }));
    expect(scenes).toHaveLength(1001);
    expect(scenes[998]!.getAttribute('imageId')).toBe('CLEVR_val_000998');
    const truth = await collect(readClevrScenes(groundTruth.path));
    const signature = (o: { name: string; attributes: string[] }): string => [o.name, ...o.attributes].join(' ');
    let boxes = 0;
    let goodBoxes = 0;
    let relations = 0;
    let sameRelations = 0;
    for (const [index, gt] of truth.entries()) {
      const pred = scenes[index]!;
      // Match objects by their attribute signature where it is unique in both scenes.
      const unique = (g: SceneGraph): Map<string, string> => {
        const counts = new Map<string, string[]>();
        g.forEachNode((key, attrs) => counts.set(signature(attrs), [...(counts.get(signature(attrs)) ?? []), key]));
        return new Map([...counts].filter(([, keys]) => keys.length === 1).map(([sig, keys]) => [sig, keys[0]!]));
      };
      const gtBySig = unique(gt);
      const match = new Map<string, string>();
      for (const [sig, key] of unique(pred)) if (gtBySig.has(sig)) match.set(key, gtBySig.get(sig)!);
      for (const [predKey, gtKey] of match) {
        boxes += 1;
        goodBoxes += Number(iou(pred.getNodeAttribute(predKey, 'box'), gt.getNodeAttribute(gtKey, 'box')) > 0.6);
      }
      for (const r of relationsOf(pred)) {
        const s = match.get(r.subject);
        const o = match.get(r.object);
        if (s === undefined || o === undefined) continue;
        relations += 1;
        sameRelations += Number(predicatesBetween(gt, s, o).includes(r.predicate));
      }
    }
    expect(boxes).toBeGreaterThan(40);
    expect(goodBoxes / boxes).toBeGreaterThan(0.9);
    expect(relations).toBeGreaterThan(200);
    expect(sameRelations / relations).toBeGreaterThan(0.9);
  });
});
