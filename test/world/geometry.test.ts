import { describe, expect, it } from 'vitest';
import { computeCoverage } from '../../graph/world/coverage.ts';
import { Rng } from '../../graph/world/prng.ts';
import { insetPolygon, pixelBox, polygonBounds, shapeOutline, signedArea } from '../../graph/world/shape-geometry.ts';
import { SHAPES } from '../../graph/world/vocabulary.ts';

describe('world prng', () => {
  it('repeats a stream from the same parts and separates different ones', () => {
    const a = new Rng(7, 'train', 3);
    const b = new Rng('7', 'train', '3');
    const c = new Rng(7, 'train', 4);
    const xs = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.nextUint32())).not.toEqual(xs);
  });

  it('draws integers uniformly over an inclusive range', () => {
    const rng = new Rng('uniform');
    const counts = new Array<number>(6).fill(0);
    for (let i = 0; i < 60000; i++) counts[rng.int(0, 5)]! += 1;
    for (const count of counts) expect(Math.abs(count - 10000)).toBeLessThan(400);
  });
});

describe('world shape geometry', () => {
  it('centres every shape on the requested point with extent near the diameter', () => {
    for (const shape of SHAPES) {
      const outline = shapeOutline(shape, 60, 7, 100, 120);
      const b = polygonBounds(outline);
      expect((b.minX + b.maxX) / 2).toBeCloseTo(100, 1);
      expect((b.minY + b.maxY) / 2).toBeCloseTo(120, 1);
      expect(Math.max(b.maxX - b.minX, b.maxY - b.minY)).toBeGreaterThan(50);
      expect(Math.max(b.maxX - b.minX, b.maxY - b.minY)).toBeLessThan(66);
    }
  });

  it('boxes are the integer pixels any part of the shape touches', () => {
    expect(pixelBox({ minX: 10.2, minY: 5, maxX: 20.01, maxY: 9.99 })).toEqual({ x: 10, y: 5, w: 11, h: 5 });
    expect(pixelBox(polygonBounds(shapeOutline('circle', 40, 0, 50, 50)))).toEqual({ x: 30, y: 30, w: 40, h: 40 });
  });

  it('insets a square by the line width on every side', () => {
    const square = [10, 10, 50, 10, 50, 50, 10, 50];
    expect(insetPolygon(square, 4)).toEqual([14, 14, 46, 14, 46, 46, 14, 46]);
    const star = shapeOutline('star', 80, 0, 128, 128);
    const inner = insetPolygon(star, 6);
    expect(Math.abs(signedArea(inner))).toBeLessThan(Math.abs(signedArea(star)));
    expect(Math.abs(signedArea(inner))).toBeGreaterThan(0);
  });

  it('coverage counts pixel centres: areas, overlaps, visibility and containment', () => {
    const a = { outer: [10, 10, 30, 10, 30, 30, 10, 30] };
    const b = { outer: [20, 20, 40, 20, 40, 40, 20, 40] };
    const ring = { outer: [50, 50, 90, 50, 90, 90, 50, 90], inner: [54, 54, 86, 54, 86, 86, 54, 86] };
    const dot = { outer: [60, 60, 70, 60, 70, 70, 60, 70] };
    const coverage = computeCoverage([a, b, ring, dot], 128);
    expect(Array.from(coverage.area)).toEqual([400, 400, 1600 - 1024, 100]);
    expect(coverage.overlap[0 * 4 + 1]).toBe(100);
    expect(Array.from(coverage.visible)).toEqual([300, 400, 576, 100]);
    expect(coverage.inside[3 * 4 + 2]).toBe(1);
    expect(coverage.inside[2 * 4 + 3]).toBe(0);
    expect(coverage.overlap[3 * 4 + 2]).toBe(0);
  });
});
