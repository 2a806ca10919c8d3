import { describe, expect, it } from 'vitest';
import { Rng } from '../../graph/world/prng.ts';
import { directionMargin } from '../../graph/world/relations.ts';
import { sampleWorldScene, sceneCoverage } from '../../graph/world/scene-sampler.ts';
import { BACKGROUNDS, COLOR_JITTER, COLOR_NAMES, COLOR_RGB, MATERIALS, SHAPES, SIZE_DIAMETER, SIZE_NAMES } from '../../graph/world/vocabulary.ts';
import type { WorldScene } from '../../graph/world/world-scene.ts';

const scenes: WorldScene[] = Array.from({ length: 300 }, (_, i) => sampleWorldScene(new Rng(11, 'test', i), `test-${i}`));

describe('world scene sampler', () => {
  it('is a function of its seed stream', () => {
    const again = sampleWorldScene(new Rng(11, 'test', 5), 'test-5');
    expect(again).toEqual(scenes[5]);
    expect(sampleWorldScene(new Rng(12, 'test', 5), 'test-5')).not.toEqual(scenes[5]);
  });

  it('draws 3 to 8 objects, every count, inside the image', () => {
    const counts = new Set(scenes.map((s) => s.objects.length));
    expect([...counts].sort()).toEqual([3, 4, 5, 6, 7, 8]);
    for (const scene of scenes) {
      for (const { box } of scene.objects) {
        expect(box.x).toBeGreaterThanOrEqual(2);
        expect(box.y).toBeGreaterThanOrEqual(2);
        expect(box.x + box.w).toBeLessThanOrEqual(254);
        expect(box.y + box.h).toBeLessThanOrEqual(254);
      }
    }
  });

  it('uses the whole vocabulary with sizes and colours in range', () => {
    const seen = new Set<string>();
    for (const scene of scenes) {
      seen.add(scene.background.name);
      for (const o of scene.objects) {
        seen.add(o.shape).add(o.color).add(o.size).add(o.material);
        const [lo, hi] = SIZE_DIAMETER[o.size];
        expect(o.diameter).toBeGreaterThanOrEqual(lo);
        expect(o.diameter).toBeLessThanOrEqual(hi);
        const ref = COLOR_RGB[o.color];
        for (let c = 0; c < 3; c++) expect(Math.abs(o.rgb[c]! - ref[c]!)).toBeLessThanOrEqual(COLOR_JITTER + 0.5);
      }
    }
    for (const word of [...SHAPES, ...COLOR_NAMES, ...SIZE_NAMES, ...MATERIALS, ...BACKGROUNDS]) expect(seen).toContain(word);
  });

  it('keeps objects visible, overlaps substantial and directions clear', () => {
    let overlapping = 0;
    let inside = 0;
    for (const scene of scenes) {
      const n = scene.objects.length;
      const coverage = sceneCoverage(scene.objects);
      for (let i = 0; i < n; i++) {
        expect(coverage.visible[i]! / coverage.area[i]!).toBeGreaterThanOrEqual(0.6);
        for (let j = i + 1; j < n; j++) {
          const shared = coverage.overlap[i * n + j]!;
          if (shared > 0) overlapping++;
          expect(shared === 0 || shared >= 30).toBe(true);
          const contained = coverage.inside[i * n + j] === 1 || coverage.inside[j * n + i] === 1;
          if (contained) inside++;
          else expect(directionMargin(scene.objects[i]!.box, scene.objects[j]!.box)).toBeGreaterThanOrEqual(4);
        }
      }
    }
    // Occlusion and containment are common enough to learn from.
    expect(overlapping).toBeGreaterThan(scenes.length * 0.5);
    expect(inside).toBeGreaterThan(scenes.length * 0.05);
  });

  it('rejects impossible options with a WorldError', () => {
    expect(() => sampleWorldScene(new Rng(1), 'x', { minObjects: 5, maxObjects: 2 })).toThrow(expect.objectContaining({ name: 'WorldError' }));
    expect(() => sampleWorldScene(new Rng(1), 'x', { backgrounds: [] })).toThrow(expect.objectContaining({ name: 'WorldError' }));
  });
});
