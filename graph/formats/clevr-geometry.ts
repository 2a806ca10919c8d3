/**
 * Geometry for CLEVR scenes, which carry 3-D positions but no boxes: the nominal CLEVR camera (to place
 * objects of predicted scenes that have world positions only), approximate pixel boxes, and CLEVR's own
 * rule for the left / right / front / behind relationships. How the constants were measured and how far
 * the boxes can be trusted: clevr-boxes.md beside this file.
 */
import type { Box } from '../scene-graph.ts';
import { CLEVR_RELATION_KINDS, type ClevrRelationKind } from './clevr-schema.ts';

export type Vector3 = readonly [number, number, number];

/** A point in the image: x, y in pixels from the top-left corner, depth along the camera axis (world units). */
export interface ClevrPixel {
  x: number;
  y: number;
  depth: number;
}

/**
 * The CLEVR render camera without its per-image jitter (the generator moves it by up to ±0.5 per axis),
 * fitted by least squares to the `3d_coords` -> `pixel_coords` pairs of 31 ground-truth scenes (102
 * objects, 480×320 and 320×240 renders). `rotation` rows are the camera's right, down and forward axes in
 * world coordinates; `focalOverWidth` is the focal length in units of the image width (Blender's 35 mm
 * lens on its 32 mm sensor gives 1.094; the fit gives 1.095). Reprojection error of the fit: mean 3.8 px,
 * max 10.5 px at 480×320; depth error mean 0.26, max 0.66 world units.
 */
export const CLEVR_NOMINAL_CAMERA = {
  position: [7.5206, -6.5327, 5.258] as Vector3,
  rotation: [
    [0.65637, 0.75444, -0.00195],
    [0.35134, -0.30796, -0.88415],
    [-0.66764, 0.57964, -0.4672],
  ] as readonly Vector3[],
  focalOverWidth: 1.0952,
} as const;

/**
 * Pinhole projection with the nominal camera: c = R (p - C), x = W/2 + f·W·c₀/c₂, y = H/2 + f·W·c₁/c₂,
 * depth = c₂. The focal length scales with the width because Blender fits the sensor horizontally.
 */
export function projectClevrPoint(world: Vector3, imageWidth: number, imageHeight: number): ClevrPixel {
  const { position, rotation, focalOverWidth } = CLEVR_NOMINAL_CAMERA;
  const dx = world[0] - position[0];
  const dy = world[1] - position[1];
  const dz = world[2] - position[2];
  const [right, down, forward] = rotation as [Vector3, Vector3, Vector3];
  const c0 = right[0] * dx + right[1] * dy + right[2] * dz;
  const c1 = down[0] * dx + down[1] * dy + down[2] * dz;
  const c2 = forward[0] * dx + forward[1] * dy + forward[2] * dz;
  const f = focalOverWidth * imageWidth;
  return { x: imageWidth / 2 + (f * c0) / c2, y: imageHeight / 2 + (f * c1) / c2, depth: c2 };
}

/** The bounding radius r of CLEVR's two sizes, in world units (also the z of the object's centre). */
export const CLEVR_SIZE_RADIUS: Readonly<Record<string, number>> = { large: 0.7, small: 0.35 };

/** Box width and height in units of u = W·r/depth (see approximateClevrBox), per shape. */
export interface ClevrExtent {
  width: number;
  height: number;
}

/**
 * Median apparent extents measured on 37 unoccluded objects of real CLEVR renders (segmented against a
 * fitted background). A sphere's ideal value is 2·f/W ≈ 2.19; cubes are wider (their corners reach
 * r·√3/√2 and their top face shows), cylinders taller (their height is 2r and their top face shows).
 */
export const CLEVR_BOX_EXTENT: Readonly<Record<string, ClevrExtent>> = {
  sphere: { width: 2.35, height: 2.45 },
  cube: { width: 3.0, height: 3.05 },
  cylinder: { width: 2.45, height: 2.9 },
};

/** Used for shapes outside CLEVR's three (CLEVR variants): the mean of the three. */
export const CLEVR_DEFAULT_EXTENT: ClevrExtent = { width: 2.6, height: 2.8 };

/**
 * Approximate pixel box of an object centred at `pixel` with bounding radius `radius`:
 *
 *   u = W · r / depth        (apparent size; a pinhole camera shrinks size with the depth)
 *   w = k_w(shape) · u,  h = k_h(shape) · u,  centred on (x, y), clamped to the image,
 *
 * with k from CLEVR_BOX_EXTENT. Corners are rounded to whole pixels. It ignores the object's rotation and
 * its off-axis perspective and is not an occlusion-aware visible box: on the measured objects the median
 * IoU with the segmented box is 0.86 (10th percentile 0.72, 33 of 37 at least 0.7).
 */
export function approximateClevrBox(pixel: ClevrPixel, shape: string, radius: number, imageWidth: number, imageHeight: number): Box {
  const extent = CLEVR_BOX_EXTENT[shape] ?? CLEVR_DEFAULT_EXTENT;
  const unit = (imageWidth * radius) / pixel.depth;
  const halfW = (extent.width * unit) / 2;
  const halfH = (extent.height * unit) / 2;
  const x1 = clamp(Math.round(pixel.x - halfW), 0, imageWidth);
  const y1 = clamp(Math.round(pixel.y - halfH), 0, imageHeight);
  const x2 = clamp(Math.round(pixel.x + halfW), 0, imageWidth);
  const y2 = clamp(Math.round(pixel.y + halfH), 0, imageHeight);
  return { x: x1, y: y1, w: x2 - x1, h: y2 - y1 };
}

function clamp(value: number, low: number, high: number): number {
  return value < low ? low : value > high ? high : value;
}

/** CLEVR's direction vectors (identical in every scene of CLEVR v1.0 and of the generator's output). */
export const CLEVR_DEFAULT_DIRECTIONS: Readonly<Record<ClevrRelationKind, Vector3>> = {
  left: [-0.6563112735748291, -0.7544902563095093, 0],
  right: [0.6563112735748291, 0.7544902563095093, 0],
  front: [0.754490315914154, -0.6563112735748291, 0],
  behind: [-0.754490315914154, 0.6563112735748291, 0],
};

/**
 * World coordinates of a `position` written by NS-VQA style scene parsers, which predict positions in a
 * camera-aligned ground frame: x along CLEVR's `right` direction, y along `front` (towards the camera), z
 * up. So p_world = x·d_right + y·d_front + z·ẑ (d_right ⟂ d_front, both unit, in the ground plane).
 * Measured on the predicted scenes of ../shared/data/clevr-nsvqa-ce against the ground truth of the same
 * images (62 matched objects): world error mean 0.15, max 0.78; projected pixel error mean 2.7 px, max 13 px.
 */
export function clevrWorldFromCameraAligned(position: Vector3): Vector3 {
  const [x, y, z] = position;
  const right = CLEVR_DEFAULT_DIRECTIONS.right;
  const front = CLEVR_DEFAULT_DIRECTIONS.front;
  return [x * right[0] + y * front[0], x * right[1] + y * front[1], z];
}

/** CLEVR's generator threshold: j is `kind` of i when (p_j - p_i) · d_kind > 0.2. */
export const CLEVR_RELATION_EPSILON = 0.2;

/**
 * CLEVR's relationship rule, for scenes that lack `relationships` (predicted scenes): `result[kind][i]`
 * lists, ascending, every j ≠ i with (p_j − p_i) · d_kind > eps, i.e. the objects that are `kind` of i.
 * Reproduces all 368 stored lists of the ground-truth scenes in ../shared/data exactly.
 */
export function clevrRelationships(
  positions: readonly Vector3[],
  directions: Readonly<Record<ClevrRelationKind, Vector3>> = CLEVR_DEFAULT_DIRECTIONS,
  eps = CLEVR_RELATION_EPSILON,
): Record<ClevrRelationKind, number[][]> {
  const result = {} as Record<ClevrRelationKind, number[][]>;
  for (const kind of CLEVR_RELATION_KINDS) {
    const d = directions[kind];
    result[kind] = positions.map((pi, i) => {
      const related: number[] = [];
      positions.forEach((pj, j) => {
        if (j === i) return;
        const dot = (pj[0] - pi[0]) * d[0] + (pj[1] - pi[1]) * d[1] + (pj[2] - pi[2]) * d[2];
        if (dot > eps) related.push(j);
      });
      return related;
    });
  }
  return result;
}
