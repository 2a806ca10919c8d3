/** The location classifier on the committed shapes-world sample: features separate the backgrounds, the fit generalizes, JSON round-trips. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocationClassifier } from '../../models/vqa/scene/location-classifier.ts';
import { locationFeatures, locationFeaturesOfDecoded } from '../../models/vqa/scene/location-features.ts';
import sharp from 'sharp';
import { predictSceneGraph } from '../../models/vqa/views/scene-graph-predictor.ts';
import { threeObjects } from './fixtures.ts';

const sample = resolve(import.meta.dirname, '../../samples/world');
const scenes = JSON.parse(readFileSync(join(sample, 'sceneGraphs.json'), 'utf8')) as Record<string, { location: string }>;

describe('location classifier', () => {
  it('reads the same features from an already decoded 256 x 256 raster as from the bytes, and decodes other sizes again', async () => {
    const bytes = readFileSync(join(sample, 'images', 'sample-000004.png'));
    const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const raster = { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
    expect(Array.from(await locationFeaturesOfDecoded(bytes, raster, info))).toEqual(Array.from(await locationFeatures(bytes)));
    // A raster that is not the image itself (here: blank) must not be read: the bytes are decoded instead.
    const blank = { width: 256, height: 256, data: new Uint8Array(256 * 256 * 3) };
    expect(Array.from(await locationFeaturesOfDecoded(bytes, blank, { width: 512, height: 512 }))).toEqual(Array.from(await locationFeatures(bytes)));
  });

  it('learns light / dark / grid from 24 sample images and gets the other 8 right', async () => {
    const ids = Object.keys(scenes).sort();
    const features = await Promise.all(ids.map((id) => locationFeatures(join(sample, 'images', `${id}.png`))));
    const labels = ids.map((id) => scenes[id]!.location);
    const classifier = LocationClassifier.fit(features.slice(0, 24), labels.slice(0, 24));
    expect(classifier.trainAccuracy).toBe(1);
    for (let i = 24; i < ids.length; i++) {
      const p = classifier.predict(features[i]!);
      expect(p[0]!.label).toBe(labels[i]);
      expect(p.reduce((s, e) => s + e.p, 0)).toBeCloseTo(1, 6);
    }
    const back = LocationClassifier.fromJSON(JSON.parse(JSON.stringify(classifier.toJSON())));
    expect(back.predict(features[0]!)).toEqual(classifier.predict(features[0]!));
    expect(() => LocationClassifier.fromJSON({ kind: 'other' })).toThrowError(expect.objectContaining({ name: 'VqaModelError' }));
  });

  it('adds its distribution to a predicted scene graph', async () => {
    const id = Object.keys(scenes).sort()[0]!;
    const bytes = readFileSync(join(sample, 'images', `${id}.png`));
    const classifier = LocationClassifier.fit([await locationFeatures(bytes), Float32Array.of(0.1, 0.1, 0.1, 0, 0)], [scenes[id]!.location, 'elsewhere']);
    const graph = await predictSceneGraph({ predict: async () => ({ graph: threeObjects(id, 'unknown') }) }, bytes, id, classifier);
    expect(graph.getAttribute('location')).toBe(scenes[id]!.location);
    const scores = (graph.getAttribute('extra') as { scores: { location: { label: string; p: number }[] } }).scores.location;
    expect(scores[0]!.label).toBe(scenes[id]!.location);
  });
});
