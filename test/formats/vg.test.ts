import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  normalizeVgLabel,
  readVisualGenome,
  sceneGraphsFromVisualGenome,
  type VisualGenomeFiles,
  type VisualGenomeImportOptions,
  type VisualGenomeSources,
} from '../../graph/formats/visual-genome.ts';
import { objectsOf, relationsOf, type SceneGraph } from '../../graph/scene-graph.ts';
import { sharedData } from '../helpers/shared-data.ts';

const vgDir = sharedData('vg-hf-datasets-dummy');
const vg150 = sharedData('vg-sgg-dicts', 'VG-SGG-dicts-with-attri.json');

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

async function writeFiles(files: Record<string, unknown>): Promise<Record<string, string>> {
  const dir = await mkdtemp(join(tmpdir(), 'sgvqa-vg-'));
  const paths: Record<string, string> = {};
  for (const [name, json] of Object.entries(files)) {
    paths[name] = join(dir, `${name}.json`);
    await writeFile(paths[name], typeof json === 'string' ? json : JSON.stringify(json));
  }
  return paths;
}

/** Graph content without graphology's generated edge keys. */
function content(graph: SceneGraph): unknown {
  return [graph.getAttributes(), objectsOf(graph), relationsOf(graph)];
}

function errorOf(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

const box = { x: 1, y: 2, w: 30, h: 40 };
const small: VisualGenomeSources = {
  imageData: [{ image_id: 7, width: 100, height: 80, url: 'u' }],
  objects: [{ image_id: 7, objects: [
    { object_id: 1, names: ['Man '], synsets: ['man.n.01'], ...box },
    { object_id: 2, names: ['hat', 'cap'], x: 5, y: 5, w: 10, h: 10 },
  ] }],
  attributes: [{ image_id: 7, attributes: [
    { object_id: 1, names: ['man'], attributes: ['Tall', 'tall', ' ', 'smiling'], ...box },
    { object_id: 2, names: ['hat'], attributes: ['red'], x: 5, y: 5, w: 10, h: 10 },
  ] }],
  relationships: [{ image_id: 7, relationships: [
    { relationship_id: 10, predicate: ' WEARS ', subject: { object_id: 1, name: 'man', ...box }, object: { object_id: 2, name: 'hat' } },
    // Object 3 appears only here, with its own name and box.
    { relationship_id: 11, predicate: 'next  to', subject: { object_id: 3, name: 'Dog', x: 50, y: 60, w: 20, h: 10 }, object: { object_id: 1 } },
  ] }],
};

describe('Visual Genome (hand-made)', () => {
  it('merges objects, attributes and relationships by object id', () => {
    const graphs = sceneGraphsFromVisualGenome(small);
    const graph = graphs.get('7');
    if (!graph) throw new Error('no graph');
    expect(graph.getAttributes()).toEqual({ imageId: '7', width: 100, height: 80, extra: { url: 'u' } });
    expect(objectsOf(graph)).toEqual([
      { id: '1', name: 'man', box, attributes: ['tall', 'smiling'], extra: { synsets: ['man.n.01'] } },
      { id: '2', name: 'hat', box: { x: 5, y: 5, w: 10, h: 10 }, attributes: ['red'], extra: { names: ['hat', 'cap'] } },
      { id: '3', name: 'dog', box: { x: 50, y: 60, w: 20, h: 10 }, attributes: [] },
    ]);
    expect(relationsOf(graph)).toEqual([
      { subject: '1', object: '2', predicate: 'wears', extra: { relationship_id: 10 } },
      { subject: '3', object: '1', predicate: 'next to', extra: { relationship_id: 11 } },
    ]);
  });

  it('keeps names and attributes as written when asked, but always normalizes predicates', () => {
    const graph = sceneGraphsFromVisualGenome(small, { normalizeLabels: false }).get('7');
    expect(graph?.getNodeAttribute('1', 'name')).toBe('Man ');
    expect(graph?.getNodeAttribute('1', 'attributes')).toEqual(['Tall', 'tall', ' ', 'smiling']);
    expect(relationsOf(graph!).map((r) => r.predicate)).toEqual(['wears', 'next to']);
    expect(normalizeVgLabel('  Parked \t ON ')).toBe('parked on');
  });

  it('sizes scenes from the boxes when there is no image_data', () => {
    const graph = sceneGraphsFromVisualGenome({ objects: small.objects, relationships: small.relationships }).get('7');
    expect(graph?.getAttributes()).toEqual({ imageId: '7', width: 70, height: 70 });
  });

  it('merges a repeated object id with the same box', () => {
    const objects = [{ image_id: 1, objects: [
      { object_id: 5, names: ['cup'], attributes: ['white'], ...box },
      { object_id: 5, names: ['mug'], attributes: ['big', 'white'], ...box },
    ] }];
    const graph = sceneGraphsFromVisualGenome({ objects }).get('1');
    expect(objectsOf(graph!)).toEqual([{ id: '5', name: 'cup', box, attributes: ['white', 'big'] }]);
  });

  it('applies a label filter to names (with their relations), predicates and attributes', () => {
    const graph = sceneGraphsFromVisualGenome(small, { labels: { objects: ['man', 'hat'], attributes: ['red', 'tall'], predicates: ['wears'] } }).get('7');
    expect(graph?.nodes()).toEqual(['1', '2']);
    expect(graph?.getNodeAttribute('1', 'attributes')).toEqual(['tall']);
    expect(relationsOf(graph!).map((r) => r.predicate)).toEqual(['wears']);
    const noWear = sceneGraphsFromVisualGenome(small, { labels: { predicates: ['next to'] } }).get('7');
    expect(relationsOf(noWear!).map((r) => [r.subject, r.object])).toEqual([['3', '1']]);
  });

  it.each<[string, VisualGenomeSources, string]>([
    ['a relation to a missing object',
      { objects: small.objects, relationships: [{ image_id: 7, relationships: [{ predicate: 'on', subject: { object_id: 1 }, object: { object_id: 99 } }] }] },
      'relationships.json: $[0].relationships[0].object.object_id: visual-genome: relationship refers to object_id 99'],
    ['a repeated object id with another box',
      { objects: [{ image_id: 7, objects: [{ object_id: 1, names: ['a'], ...box }, { object_id: 1, names: ['a'], ...box, w: 5 }] }] },
      'objects.json: $[0].objects[1]: visual-genome: duplicate object_id 1 with a different box (first at $[0].objects[0] of objects.json)'],
    ['a repeated image id',
      { objects: [{ image_id: 7, objects: [] }, { image_id: 7, objects: [] }] },
      'objects.json: $[1].image_id: visual-genome: image_id 7 listed twice'],
    ['an image missing from image_data',
      { imageData: [{ image_id: 1, width: 10, height: 10 }], relationships: [{ image_id: 7, relationships: [] }] },
      'relationships.json: $[0].image_id: visual-genome: image 7 is not in image_data.json'],
    ['an object without a name',
      { attributes: [{ image_id: 7, attributes: [{ object_id: 1, ...box }] }] },
      'attributes.json: $[0].attributes[0]: visual-genome: object 1 has no names or name'],
    ['an empty name',
      { objects: [{ image_id: 7, objects: [{ object_id: 1, names: ['  '], ...box }] }] },
      'objects.json: $[0].objects[0].names[0]: visual-genome: object 1 has an empty name'],
    ['an empty predicate',
      { objects: small.objects, relationships: [{ image_id: 7, relationships: [{ predicate: ' ', subject: { object_id: 1 }, object: { object_id: 2 } }] }] },
      'relationships.json: $[0].relationships[0].predicate: visual-genome: empty predicate'],
    ['a wrong type',
      { objects: [{ image_id: 7, objects: [{ object_id: 1, names: ['a'], ...box, h: '4' }] }] },
      'objects.json: $[0].objects[0].h: '],
    ['a file that is not an array',
      { relationships: { image_id: 7 } },
      'relationships.json: $: visual-genome: expected an array'],
  ])('%s is a GraphFormatError naming the place', (_label, sources, message) => {
    const error = errorOf(() => sceneGraphsFromVisualGenome(sources));
    expect(error.name).toBe('GraphFormatError');
    expect(error.message.startsWith(message)).toBe(true);
  });

  it('streams files side by side, also when they list images in different orders', async () => {
    const two: VisualGenomeSources = {
      imageData: [...(small.imageData as object[]), { image_id: 8, width: 50, height: 50 }],
      objects: [...(small.objects as object[]), { image_id: 8, objects: [{ object_id: 9, names: ['tree'], ...box }] }],
      attributes: small.attributes,
      relationships: [{ image_id: 8, relationships: [] }, ...(small.relationships as object[])],
    };
    const paths = await writeFiles(two as Record<string, unknown>);
    const streamed = await collect(readVisualGenome(paths as VisualGenomeFiles));
    const whole = sceneGraphsFromVisualGenome(two);
    expect(streamed.map((g) => g.getAttribute('imageId'))).toEqual(['7', '8']);
    expect(streamed.map(content)).toEqual([...whole.values()].map(content));
  });

  it('reports a truncated file with its name', async () => {
    const paths = await writeFiles({ objects: JSON.stringify(small.objects).slice(0, -10) });
    const error = await collect(readVisualGenome({ objects: paths.objects })).then(() => undefined, (e: unknown) => e as Error);
    expect(error?.name).toBe('GraphFormatError');
    expect(error?.message).toContain(paths.objects);
  });
});

describe.skipIf(!vgDir.present)('Visual Genome v1.2 records (../shared/data/vg-hf-datasets-dummy)', () => {
  const files: VisualGenomeFiles = {
    objects: join(vgDir.path, 'objects.json'),
    attributes: join(vgDir.path, 'attributes.json'),
    relationships: join(vgDir.path, 'relationships.json'),
    imageData: join(vgDir.path, 'image_data.json'),
  };

  it('loads the five images with every object and relationship', async () => {
    const graphs = await collect(readVisualGenome(files));
    expect(graphs.map((g) => g.getAttribute('imageId'))).toEqual(['1', '2', '3', '4', '5']);
    expect(graphs.map((g) => g.order)).toEqual([40, 27, 52, 24, 34]);
    expect(graphs.map((g) => g.size)).toEqual([41, 23, 50, 16, 28]);
    expect(graphs.map((g) => [g.getAttribute('width'), g.getAttribute('height')])).toEqual([[800, 600], [800, 600], [640, 480], [640, 480], [800, 600]]);
    const [image1] = graphs;
    if (!image1) throw new Error('no image');
    // The first object of image 1: a clock at (421, 91) 79x339, attributes from attributes.json.
    expect(image1.getNodeAttributes('1058498')).toMatchObject({ name: 'clock', box: { x: 421, y: 91, w: 79, h: 339 }, attributes: ['green', 'tall'] });
    // "man wears sneakers" and "shade ON street" (upper case in the file).
    expect(relationsOf(image1).some((r) => r.subject === '1058529' && r.object === '5048' && r.predicate === 'wears')).toBe(true);
    expect(relationsOf(image1).some((r) => r.subject === '5045' && r.object === '5046' && r.predicate === 'on')).toBe(true);
    const predicates = new Set(graphs.flatMap((g) => relationsOf(g).map((r) => r.predicate)));
    expect([...predicates].every((p) => p === normalizeVgLabel(p))).toBe(true);
  });

  it('streamed and parsed-whole imports agree', async () => {
    const json = async (path: string | undefined): Promise<unknown> => JSON.parse(await readFile(path!, 'utf8'));
    const whole = sceneGraphsFromVisualGenome({
      objects: await json(files.objects),
      attributes: await json(files.attributes),
      relationships: await json(files.relationships),
      imageData: await json(files.imageData),
    });
    const streamed = await collect(readVisualGenome(files));
    expect(streamed.map(content)).toEqual([...whole.values()].map(content));
  });

  it.skipIf(!vg150.present)('keeps only VG150 labels with the VG150 filter', async () => {
    const dicts = JSON.parse(await readFile(vg150.path, 'utf8')) as Record<string, Record<string, string>>;
    const labels = {
      objects: Object.values(dicts.idx_to_label ?? {}),
      predicates: Object.values(dicts.idx_to_predicate ?? {}),
      attributes: Object.values(dicts.idx_to_attribute ?? {}),
    };
    expect(labels.objects).toHaveLength(150);
    const options: VisualGenomeImportOptions = { labels };
    const graphs = await collect(readVisualGenome(files, options));
    // Oracle from the raw files: relationships whose normalized predicate and both endpoint names are in VG150.
    type RawRel = { predicate: string; subject: { object_id: number }; object: { object_id: number } };
    const objectsJson = JSON.parse(await readFile(files.objects!, 'utf8')) as { objects: { object_id: number; names: string[] }[] }[];
    const relsJson = JSON.parse(await readFile(files.relationships!, 'utf8')) as { relationships: RawRel[] }[];
    const keep = new Set(labels.objects);
    const keepPred = new Set(labels.predicates);
    const expected = relsJson.map((image, i) => {
      const names = new Map(objectsJson[i]!.objects.map((o) => [o.object_id, normalizeVgLabel(o.names[0]!)]));
      return image.relationships.filter((r) =>
        keepPred.has(normalizeVgLabel(r.predicate)) && keep.has(names.get(r.subject.object_id)!) && keep.has(names.get(r.object.object_id)!)).length;
    });
    expect(graphs.map((g) => g.size)).toEqual(expected);
    expect(expected.reduce((a, b) => a + b)).toBeGreaterThan(20);
    for (const graph of graphs) {
      graph.forEachNode((_key, attrs) => {
        expect(keep.has(attrs.name)).toBe(true);
        expect(attrs.attributes.every((a) => labels.attributes.includes(a))).toBe(true);
      });
    }
    expect(graphs.reduce((n, g) => n + g.order, 0)).toBeLessThan(177);
  });
});
