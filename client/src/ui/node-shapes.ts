/**
 * Node shapes for the shapes world's objects: sigma ships circle, square, triangle and diamond; star and
 * hexagon are signed distance functions written here (the standard 2D SDFs: a regular hexagon folded
 * into one sector, a five-pointed star folded into one spike). `uv` is relative to the node centre and
 * `size` its circumradius, as in sigma's own shapes; negative values are inside.
 */
import { sdfCircle, sdfDiamond, sdfSquare, sdfTriangle } from 'sigma/rendering';
import type { NodeShapeSpec } from 'sigma/primitives';

const sdfHexagon: NodeShapeSpec = {
  name: 'hexagon',
  inradiusFactor: 0.866,
  glsl: /* glsl */ `
float sdf_hexagon(vec2 uv, float size) {
  const vec3 k = vec3(-0.866025404, 0.5, 0.577350269);
  float r = size * 0.866025404;
  vec2 p = abs(uv.yx);
  p -= 2.0 * min(dot(k.xy, p), 0.0) * k.xy;
  p -= vec2(clamp(p.x, -k.z * r, k.z * r), r);
  return length(p) * sign(p.y);
}
`,
};

const sdfStar: NodeShapeSpec = {
  name: 'star',
  inradiusFactor: 0.45,
  glsl: /* glsl */ `
float sdf_star(vec2 uv, float size) {
  const vec2 k1 = vec2(0.809016994375, -0.587785252292);
  const vec2 k2 = vec2(-0.809016994375, -0.587785252292);
  float r = size;
  float rf = 0.5;
  vec2 p = uv;
  p.x = abs(p.x);
  p -= 2.0 * max(dot(k1, p), 0.0) * k1;
  p -= 2.0 * max(dot(k2, p), 0.0) * k2;
  p.x = abs(p.x);
  p.y -= r;
  vec2 ba = rf * vec2(-k1.y, k1.x) - vec2(0.0, 1.0);
  float h = clamp(dot(p, ba) / dot(ba, ba), 0.0, r);
  return length(p - ba * h) * sign(p.y * ba.x - p.x * ba.y);
}
`,
};

/** Every shape the graph view can draw, and the object names that pick them. */
export const NODE_SHAPES: NodeShapeSpec[] = [sdfCircle(), sdfSquare(), sdfTriangle(), sdfDiamond(), sdfHexagon, sdfStar];
const SHAPE_NAMES = new Set(['circle', 'square', 'triangle', 'diamond', 'hexagon', 'star']);

/** The node shape for an object name: its own shape in the shapes world, a circle for anything else. */
export function shapeFor(name: string): string {
  return SHAPE_NAMES.has(name) ? name : 'circle';
}
