/**
 * Samples scenes of the shapes world: 3-8 objects with uniformly drawn shape, colour (jittered), size and
 * material, placed on a light, dark or grid background. Placement is controlled, not just random:
 * - some objects are placed to overlap an earlier one (`overlapProbability`), the rest apart from all;
 * - every object stays at least `minVisibleFraction` visible, and two objects either do not touch or
 *   share at least `minOverlapPixels` pixels, so "in front of / behind" is never a one-pixel call;
 * - every pair's centre offset is at least `directionMargin` px away from the diagonal, so its dominant
 *   direction is clear;
 * - small objects are sometimes put inside a large hollow one (`insideProbability`).
 * A placement that breaks a rule is redrawn; an object that cannot be placed is dropped, and a scene
 * that ends with too few objects is drawn again, all from the same seeded stream.
 */
import { computeCoverage, CoverageCanvas, type CoverageProbe, type PaintedRegion, type SceneCoverage } from './coverage.ts';
import type { Rng } from './prng.ts';
import { directionMargin } from './relations.ts';
import { insetPolygon, pixelBox, polygonBounds, shapeOutline } from './shape-geometry.ts';
import type { WorldBackground, WorldObject, WorldScene } from './world-scene.ts';
import { WorldError } from './world-error.ts';
import {
  BACKGROUNDS,
  COLOR_JITTER,
  COLOR_NAMES,
  COLOR_RGB,
  MATERIALS,
  SHAPES,
  SIZE_DIAMETER,
  SIZE_NAMES,
  WORLD_IMAGE_SIZE,
  type BackgroundName,
  type ColorName,
  type Material,
  type Rgb,
  type Shape,
  type SizeName,
} from './vocabulary.ts';

export interface SceneSamplerOptions {
  minObjects?: number;
  maxObjects?: number;
  /** Chance that an object after the first is placed overlapping an earlier one (default 0.3). */
  overlapProbability?: number;
  /** Chance that a small object is put inside a large hollow one when there is one (default 0.5). */
  insideProbability?: number;
  /** Fraction of its painted pixels each object keeps visible (default 0.6). */
  minVisibleFraction?: number;
  /** Overlaps smaller than this are not allowed (default 30 px). */
  minOverlapPixels?: number;
  /** Minimum ||dx| - |dy|| between box centres of any two objects (default 4 px). */
  directionMargin?: number;
  /** Free border around the image (default 2 px). */
  edgeMargin?: number;
  /** Backgrounds to draw from (default all three). */
  backgrounds?: readonly BackgroundName[];
  /** Max rotation of non-circular shapes in degrees, either way (default 10). */
  maxRotation?: number;
}

const DEFAULTS: Required<SceneSamplerOptions> = {
  minObjects: 3,
  maxObjects: 8,
  overlapProbability: 0.3,
  insideProbability: 0.5,
  minVisibleFraction: 0.6,
  minOverlapPixels: 30,
  directionMargin: 4,
  edgeMargin: 2,
  backgrounds: BACKGROUNDS,
  maxRotation: 10,
};

const PLACEMENT_ATTEMPTS = 40;
const SCENE_ATTEMPTS = 20;

export function resolveSamplerOptions(options: SceneSamplerOptions = {}): Required<SceneSamplerOptions> {
  const resolved = { ...DEFAULTS, ...options };
  const { minObjects, maxObjects } = resolved;
  if (!Number.isInteger(minObjects) || !Number.isInteger(maxObjects) || minObjects < 1 || maxObjects < minObjects || maxObjects > 16) {
    throw new WorldError(`world/sampler: need integers 1 <= minObjects <= maxObjects <= 16, got ${minObjects}..${maxObjects}`);
  }
  if (resolved.backgrounds.length === 0) throw new WorldError('world/sampler: backgrounds must not be empty');
  for (const name of resolved.backgrounds) {
    if (!BACKGROUNDS.includes(name)) throw new WorldError(`world/sampler: unknown background "${name}"`);
  }
  return resolved;
}

const clampByte = (v: number): number => Math.max(0, Math.min(255, Math.round(v)));

function jitter(rng: Rng, rgb: Rgb, amount: number): Rgb {
  return [clampByte(rgb[0] + rng.range(-amount, amount)), clampByte(rgb[1] + rng.range(-amount, amount)), clampByte(rgb[2] + rng.range(-amount, amount))];
}

function sampleBackground(rng: Rng, name: BackgroundName): WorldBackground {
  const tint = (): number => rng.range(-6, 6);
  let base: number;
  let spread: number;
  switch (name) {
    case 'light':
      base = rng.range(208, 236);
      spread = rng.range(10, 22);
      break;
    case 'dark':
      base = rng.range(34, 62);
      spread = rng.range(8, 18);
      break;
    case 'grid':
      base = rng.range(196, 226);
      spread = rng.range(8, 18);
      break;
  }
  const t: Rgb = [tint(), tint(), tint()];
  const from: Rgb = [clampByte(base + spread + t[0]), clampByte(base + spread + t[1]), clampByte(base + spread + t[2])];
  const to: Rgb = [clampByte(base - spread + t[0]), clampByte(base - spread + t[1]), clampByte(base - spread + t[2])];
  const background: WorldBackground = {
    name,
    from,
    to,
    angle: Math.round(rng.range(0, 360)),
    mottle: name === 'dark' ? rng.range(2, 4) : rng.range(3, 6),
    speckleFraction: 0.03,
    speckleAmplitude: name === 'dark' ? 10 : 14,
    noiseSeed: rng.nextUint32(),
    shadow: {
      dx: Math.round(rng.range(2, 4.5) * 10) / 10,
      dy: Math.round(rng.range(2.5, 5) * 10) / 10,
      blur: 2,
      opacity: name === 'dark' ? 0.5 : 0.32,
    },
  };
  if (name === 'grid') {
    const darker = rng.range(34, 52);
    background.grid = {
      spacing: rng.pick([16, 20, 24, 32]),
      offsetX: rng.int(0, 15),
      offsetY: rng.int(0, 15),
      color: [clampByte(base - darker), clampByte(base - darker), clampByte(base - darker + 6)],
      width: 1,
    };
  }
  return background;
}

/** Draws the attributes of one object, its placement to be decided. */
function sampleLook(rng: Rng, options: Required<SceneSamplerOptions>): ObjectLook {
  const shape = rng.pick(SHAPES);
  const color = rng.pick(COLOR_NAMES);
  const size = rng.pick(SIZE_NAMES);
  const material = rng.pick(MATERIALS);
  const [lo, hi] = SIZE_DIAMETER[size];
  const diameter = Math.round(rng.range(lo, hi) * 10) / 10;
  const rotation = shape === 'circle' ? 0 : Math.round(rng.range(-options.maxRotation, options.maxRotation));
  const look: ObjectLook = {
    shape,
    color,
    rgb: jitter(rng, COLOR_RGB[color], COLOR_JITTER),
    size,
    diameter,
    material,
    rotation,
  };
  if (material === 'hollow') look.lineWidth = hollowLineWidth(diameter);
  return look;
}

type ObjectLook = Omit<WorldObject, 'id' | 'cx' | 'cy' | 'outline' | 'box' | 'inner'>;

function place(look: ObjectLook, id: string, cx: number, cy: number): WorldObject {
  const outline = shapeOutline(look.shape, look.diameter, look.rotation, cx, cy);
  const object: WorldObject = { ...look, id, cx, cy, outline, box: pixelBox(polygonBounds(outline)) };
  if (look.material === 'hollow' && look.lineWidth !== undefined) object.inner = insetPolygon(outline, look.lineWidth);
  return object;
}

/** What a hand-built object needs; the rest defaults (reference colour, mid-range diameter, no turn). */
export interface WorldObjectSpec {
  id: string;
  shape: Shape;
  color: ColorName;
  size: SizeName;
  material: Material;
  cx: number;
  cy: number;
  diameter?: number;
  rotation?: number;
  rgb?: Rgb;
}

/** A world object from a spec, with outline and box computed exactly as the sampler does. */
export function worldObject(spec: WorldObjectSpec): WorldObject {
  const [lo, hi] = SIZE_DIAMETER[spec.size];
  const diameter = spec.diameter ?? (lo + hi) / 2;
  const look: ObjectLook = {
    shape: spec.shape,
    color: spec.color,
    rgb: spec.rgb ?? COLOR_RGB[spec.color],
    size: spec.size,
    diameter,
    material: spec.material,
    rotation: spec.shape === 'circle' ? 0 : (spec.rotation ?? 0),
  };
  if (spec.material === 'hollow') look.lineWidth = hollowLineWidth(diameter);
  return place(look, spec.id, spec.cx, spec.cy);
}

function hollowLineWidth(diameter: number): number {
  return Math.round(Math.max(3, diameter * 0.085) * 10) / 10;
}

export function paintedRegion(object: WorldObject): PaintedRegion {
  return object.inner ? { outer: object.outline, inner: object.inner } : { outer: object.outline };
}

export function sceneCoverage(objects: readonly WorldObject[], size = WORLD_IMAGE_SIZE): SceneCoverage {
  return computeCoverage(objects.map(paintedRegion), size);
}

/**
 * True when adding `candidate` on top of the canvas keeps every rule: inside the image, clear direction
 * to every other object, everyone visible enough, overlaps none or substantial (none at all when
 * `apart`), and inside its planned container if it has one.
 */
function candidateIsValid(
  canvas: CoverageCanvas,
  objects: readonly WorldObject[],
  candidate: WorldObject,
  probe: CoverageProbe,
  container: number | undefined,
  options: Required<SceneSamplerOptions>,
  apart: boolean,
): boolean {
  for (let j = 0; j < objects.length; j++) {
    const visibleAfter = canvas.visible(j) - probe.hidden[j]!;
    if (visibleAfter < options.minVisibleFraction * canvas.area(j)) return false;
    const shared = probe.overlap[j]!;
    if (shared > 0 && (apart || shared < options.minOverlapPixels)) return false;
  }
  if (container !== undefined && probe.insideOf[container] !== 1) return false;
  return probe.area > 0 && candidate.box.w > 0;
}

/** Checks that need no pixels: the border and the direction margin to every other object. */
function geometryIsValid(objects: readonly WorldObject[], candidate: WorldObject, container: number | undefined, options: Required<SceneSamplerOptions>, size: number): boolean {
  const { x, y, w, h } = candidate.box;
  const m = options.edgeMargin;
  if (x < m || y < m || x + w > size - m || y + h > size - m) return false;
  for (let j = 0; j < objects.length; j++) {
    if (j !== container && directionMargin(candidate.box, objects[j]!.box) < options.directionMargin) return false;
  }
  return true;
}

/** One scene from `rng`. `imageId` also prefixes object ids (`<imageId>-<i>`), unique across a split. */
export function sampleWorldScene(rng: Rng, imageId: string, options: SceneSamplerOptions = {}): WorldScene {
  const resolved = resolveSamplerOptions(options);
  const size = WORLD_IMAGE_SIZE;
  const background = sampleBackground(rng, rng.pick(resolved.backgrounds));
  for (let attempt = 0; attempt < SCENE_ATTEMPTS; attempt++) {
    const target = rng.int(resolved.minObjects, resolved.maxObjects);
    const objects: WorldObject[] = [];
    const hasInner: boolean[] = [];
    const canvas = new CoverageCanvas(size);
    for (let k = 0; k < target; k++) {
      const placed = placeNext(rng, canvas, objects, hasInner, resolved, size, `${imageId}-${objects.length}`);
      if (placed) {
        objects.push(placed.object);
        hasInner.push(false);
        if (placed.container !== undefined) hasInner[placed.container] = true;
      }
    }
    if (objects.length >= resolved.minObjects) return { imageId, width: size, height: size, background, objects };
  }
  throw new WorldError(`world/sampler: could not place ${resolved.minObjects} objects in ${SCENE_ATTEMPTS} attempts (options too strict?)`);
}

function placeNext(
  rng: Rng,
  canvas: CoverageCanvas,
  objects: readonly WorldObject[],
  hasInner: readonly boolean[],
  options: Required<SceneSamplerOptions>,
  size: number,
  id: string,
): { object: WorldObject; container: number | undefined } | undefined {
  for (let lookAttempt = 0; lookAttempt < 3; lookAttempt++) {
    const look = sampleLook(rng, options);
    const r = look.diameter / 2;
    const containers = look.size === 'small'
      ? objects.flatMap((o, i) => (o.material === 'hollow' && o.size === 'large' && !hasInner[i] ? [i] : []))
      : [];
    const mode = containers.length > 0 && rng.chance(options.insideProbability) ? 'inside' : objects.length > 0 && rng.chance(options.overlapProbability) ? 'overlap' : 'apart';
    const container = mode === 'inside' ? rng.pick(containers) : undefined;
    for (let attempt = 0; attempt < PLACEMENT_ATTEMPTS; attempt++) {
      let cx: number;
      let cy: number;
      if (container !== undefined) {
        const c = objects[container]!;
        const room = c.diameter / 2 - r;
        cx = c.cx + rng.range(-room, room) * 0.6;
        cy = c.cy + rng.range(-room, room) * 0.6;
      } else if (mode === 'overlap') {
        const anchor = rng.pick(objects);
        const distance = rng.range(0.55, 0.85) * (anchor.diameter / 2 + r);
        const a = rng.range(0, 2 * Math.PI);
        cx = anchor.cx + distance * Math.cos(a);
        cy = anchor.cy + distance * Math.sin(a);
      } else {
        cx = rng.range(r + options.edgeMargin, size - r - options.edgeMargin);
        cy = rng.range(r + options.edgeMargin, size - r - options.edgeMargin);
      }
      const object = place(look, id, Math.round(cx * 10) / 10, Math.round(cy * 10) / 10);
      if (!geometryIsValid(objects, object, container, options, size)) continue;
      const region = paintedRegion(object);
      const probe = canvas.probe(region);
      if (!candidateIsValid(canvas, objects, object, probe, container, options, mode === 'apart')) continue;
      canvas.commit(region, probe);
      return { object, container };
    }
  }
  return undefined;
}
