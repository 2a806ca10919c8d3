/**
 * The objects of a world scene as SVG on a transparent canvas, in drawing order. Materials:
 * - solid: the colour;
 * - striped: the colour with diagonal stripes of a light tint (an SVG pattern per object);
 * - dotted: the colour with a grid of light-tint dots (an SVG pattern per object);
 * - hollow: an outline band of width `lineWidth` whose outer edge is the shape's outline, drawn as an
 *   even-odd path (outline + inset inner edge), so the ground-truth box is the box of the outline.
 * Patterns are axis-aligned tiles with the diagonal drawn inside: librsvg renders a rotated pattern
 * several times slower (measured), and the tile already repeats seamlessly along the diagonal.
 */
import type { Polygon } from './shape-geometry.ts';
import type { WorldObject, WorldScene } from './world-scene.ts';
import type { Rgb } from './vocabulary.ts';

const fmt = (v: number): string => (Math.round(v * 100) / 100).toString();

function rgb(color: Rgb): string {
  return `rgb(${color[0]},${color[1]},${color[2]})`;
}

/** The colour moved `amount` of the way to white. */
export function tint(color: Rgb, amount: number): Rgb {
  return [
    Math.round(color[0] + (255 - color[0]) * amount),
    Math.round(color[1] + (255 - color[1]) * amount),
    Math.round(color[2] + (255 - color[2]) * amount),
  ];
}

/** The smallest pixel window holding every object's box (clamped to the image), or undefined if none. */
export function objectsWindow(scene: Pick<WorldScene, 'width' | 'height' | 'objects'>): PixelWindow | undefined {
  if (scene.objects.length === 0) return undefined;
  let x0 = scene.width;
  let y0 = scene.height;
  let x1 = 0;
  let y1 = 0;
  for (const { box } of scene.objects) {
    x0 = Math.min(x0, box.x);
    y0 = Math.min(y0, box.y);
    x1 = Math.max(x1, box.x + box.w);
    y1 = Math.max(y1, box.y + box.h);
  }
  x0 = Math.max(0, x0);
  y0 = Math.max(0, y0);
  x1 = Math.min(scene.width, x1);
  y1 = Math.min(scene.height, y1);
  return x1 > x0 && y1 > y0 ? { x: x0, y: y0, w: x1 - x0, h: y1 - y0 } : undefined;
}

function points(polygon: Polygon): string {
  let out = '';
  for (let i = 0; i < polygon.length; i += 2) out += `${i === 0 ? '' : ' '}${fmt(polygon[i]!)},${fmt(polygon[i + 1]!)}`;
  return out;
}

function ringPath(polygon: Polygon): string {
  let out = '';
  for (let i = 0; i < polygon.length; i += 2) out += `${i === 0 ? 'M' : 'L'}${fmt(polygon[i]!)},${fmt(polygon[i + 1]!)}`;
  return `${out}Z`;
}

const STRIPE_TILE = 8;
const DOT_TILE = 7;

function patternFor(object: WorldObject, id: string): string {
  const base = rgb(object.rgb);
  const light = rgb(tint(object.rgb, 0.62));
  if (object.material === 'striped') {
    const t = STRIPE_TILE;
    return `<pattern id="${id}" width="${t}" height="${t}" patternUnits="userSpaceOnUse">`
      + `<rect width="${t}" height="${t}" fill="${base}"/>`
      + `<path d="M-2,2L2,-2M0,${t}L${t},0M${t - 2},${t + 2}L${t + 2},${t - 2}" stroke="${light}" stroke-width="2.6"/></pattern>`;
  }
  const t = DOT_TILE;
  return `<pattern id="${id}" width="${t}" height="${t}" patternUnits="userSpaceOnUse">`
    + `<rect width="${t}" height="${t}" fill="${base}"/><circle cx="${t / 2}" cy="${t / 2}" r="1.7" fill="${light}"/></pattern>`;
}

function objectElement(object: WorldObject, fill: string): string {
  if (object.material === 'hollow') {
    const width = object.lineWidth ?? 3;
    if (object.shape === 'circle') {
      return `<circle cx="${fmt(object.cx)}" cy="${fmt(object.cy)}" r="${fmt(object.diameter / 2 - width / 2)}" fill="none" stroke="${fill}" stroke-width="${fmt(width)}"/>`;
    }
    return `<path d="${ringPath(object.outline)}${ringPath(object.inner ?? [])}" fill="${fill}" fill-rule="evenodd"/>`;
  }
  if (object.shape === 'circle') return `<circle cx="${fmt(object.cx)}" cy="${fmt(object.cy)}" r="${fmt(object.diameter / 2)}" fill="${fill}"/>`;
  return `<polygon points="${points(object.outline)}" fill="${fill}"/>`;
}

/** A window of the image in pixels. */
export interface PixelWindow {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * SVG of the scene's objects only (the background is rasterized separately, see background.ts), by
 * default over the whole image; with `window`, only that part of it (same pixel grid, so the pixels are
 * the same as in the full render): librsvg then rasterizes and converts fewer pixels.
 */
export function objectsSvg(scene: Pick<WorldScene, 'width' | 'height' | 'objects'>, window?: PixelWindow): string {
  const { x, y, w, h } = window ?? { x: 0, y: 0, w: scene.width, h: scene.height };
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="${x} ${y} ${w} ${h}">${objectsMarkup(scene, 'm')}</svg>`;
}

/** Pattern definitions and elements of the objects; pattern ids start with `prefix`. */
function objectsMarkup(scene: Pick<WorldScene, 'objects'>, prefix: string): string {
  let defs = '';
  let body = '';
  scene.objects.forEach((object, index) => {
    let fill = rgb(object.rgb);
    if (object.material === 'striped' || object.material === 'dotted') {
      const id = `${prefix}${index}`;
      defs += patternFor(object, id);
      fill = `url(#${id})`;
    }
    body += objectElement(object, fill);
  });
  return `${defs ? `<defs>${defs}</defs>` : ''}${body}`;
}

/**
 * Several scenes' objects side by side in one SVG (scene k at x = k * tileWidth), so one librsvg call
 * serves them all: its per-document cost is most of the time for a scene this small (measured).
 */
export function tiledObjectsSvg(scenes: readonly Pick<WorldScene, 'width' | 'height' | 'objects'>[], tileWidth: number, tileHeight: number): string {
  let body = '';
  scenes.forEach((scene, k) => {
    body += `<svg x="${k * tileWidth}" y="0" width="${scene.width}" height="${scene.height}" viewBox="0 0 ${scene.width} ${scene.height}">`
      + `${objectsMarkup(scene, `s${k}m`)}</svg>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${scenes.length * tileWidth}" height="${tileHeight}">${body}</svg>`;
}
