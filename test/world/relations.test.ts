import { describe, expect, it } from 'vitest';
import { relationsOf } from '../../graph/scene-graph.ts';
import { worldObject, type WorldObjectSpec } from '../../graph/world/scene-sampler.ts';
import { dominantDirection, nearestNeighbours } from '../../graph/world/relations.ts';
import { worldSceneGraph } from '../../graph/world/world-graph.ts';
import type { WorldScene } from '../../graph/world/world-scene.ts';

/** A scene from hand-placed objects (drawing order = list order), ids a, b, c, ... */
function layout(...objects: Omit<WorldObjectSpec, 'id'>[]): WorldScene {
  return {
    imageId: 'hand',
    width: 256,
    height: 256,
    background: {
      name: 'light', from: [230, 230, 230], to: [200, 200, 200], angle: 0, mottle: 0, speckleFraction: 0,
      speckleAmplitude: 0, noiseSeed: 1, shadow: { dx: 3, dy: 4, blur: 2, opacity: 0.3 },
    },
    objects: objects.map((spec, i) => worldObject({ ...spec, id: String.fromCharCode(97 + i) })),
  };
}

const small = (shape: WorldObjectSpec['shape'], cx: number, cy: number, material: WorldObjectSpec['material'] = 'solid') =>
  ({ shape, color: 'red', size: 'small', material, cx, cy }) as const;
const large = (shape: WorldObjectSpec['shape'], cx: number, cy: number, material: WorldObjectSpec['material'] = 'solid') =>
  ({ shape, color: 'blue', size: 'large', material, cx, cy }) as const;

/** Relations as sorted "subject predicate object" lines. */
function triples(scene: WorldScene): string[] {
  return relationsOf(worldSceneGraph(scene)).map((r) => `${r.subject} ${r.predicate} ${r.object}`).sort();
}

describe('world relations on hand-built layouts', () => {
  it('three objects in a row: every ordered pair gets its horizontal direction', () => {
    expect(triples(layout(small('circle', 40, 128), small('square', 128, 120), small('star', 216, 136)))).toEqual([
      'a to the left of b', 'a to the left of c',
      'b to the left of c', 'b to the right of a',
      'c to the right of a', 'c to the right of b',
    ].sort());
  });

  it('the axis of the larger centre offset decides, y grows downwards', () => {
    expect(triples(layout(small('circle', 100, 60), small('square', 130, 200), small('hexagon', 236, 170)))).toEqual([
      'a above b', 'a to the left of c',
      'b below a', 'b to the left of c',
      'c to the right of a', 'c to the right of b',
    ].sort());
  });

  it('ties on |dx| = |dy| go to the horizontal axis', () => {
    const a = { x: 0, y: 0, w: 10, h: 10 };
    expect(dominantDirection(a, { x: 20, y: 20, w: 10, h: 10 })).toBe('to the left of');
    expect(dominantDirection(a, { x: 20, y: 21, w: 10, h: 10 })).toBe('above');
  });

  it('directions go only to the 3 nearest neighbours, so far pairs are not stored', () => {
    // a at the centre, b/c/d around it, e far in the corner.
    const scene = layout(small('circle', 128, 128), small('square', 128, 70), small('star', 190, 128), small('diamond', 128, 180), small('triangle', 20, 20));
    const lines = triples(scene);
    expect(lines.filter((l) => l.startsWith('a '))).toEqual(['a below b', 'a to the left of c', 'a above d'].sort());
    // Offsets from e to b (108,50), a (108,108), d (108,160), c (170,108): nearest b, a, d; e-a is a tie.
    expect(lines.filter((l) => l.startsWith('e '))).toEqual(['e to the left of b', 'e to the left of a', 'e above d'].sort());
    expect(lines.some((l) => l.startsWith('a ') && l.endsWith(' e'))).toBe(false);
    expect(nearestNeighbours(scene.objects.map((o) => o.box), 4, 3)).toEqual([1, 0, 3]);
  });

  it('overlapping objects: the later-drawn one is in front, the other behind', () => {
    const lines = triples(layout(large('square', 100, 128), large('circle', 150, 128), small('star', 220, 40)));
    expect(lines).toContain('b in front of a');
    expect(lines).toContain('a behind b');
    expect(lines.filter((l) => l.includes('front') || l.includes('behind'))).toHaveLength(2);
  });

  it('objects that do not touch get no depth relation', () => {
    const lines = triples(layout(large('square', 60, 128), large('circle', 190, 128), small('star', 128, 30)));
    expect(lines.some((l) => l.includes('front') || l.includes('behind'))).toBe(false);
  });

  it('a small object within a hollow one is inside it, with no direction or depth between them', () => {
    const lines = triples(layout(large('square', 90, 128, 'hollow'), small('circle', 90, 128), small('star', 200, 60), small('triangle', 200, 200)));
    expect(lines).toContain('b inside a');
    expect(lines.filter((l) => (l.startsWith('a ') && l.endsWith(' b')) || (l.startsWith('b ') && l.endsWith(' a')))).toEqual(['b inside a']);
    // The neighbour slots they would have taken go to the other objects.
    expect(lines.filter((l) => l.startsWith('b ') && !l.includes('inside'))).toEqual(['b to the left of c', 'b to the left of d'].sort());
  });

  it('within a solid object is occlusion, not inside', () => {
    const lines = triples(layout(large('square', 90, 128), small('circle', 90, 128), small('star', 200, 60)));
    expect(lines).toContain('b in front of a');
    expect(lines).toContain('a behind b');
    expect(lines.some((l) => l.includes('inside'))).toBe(false);
  });

  it('an object that crosses a hollow outline overlaps it instead of being inside', () => {
    const lines = triples(layout(large('square', 90, 128, 'hollow'), small('circle', 118, 128), small('star', 220, 40)));
    expect(lines).toContain('b in front of a');
    expect(lines.some((l) => l.includes('inside'))).toBe(false);
  });
});
