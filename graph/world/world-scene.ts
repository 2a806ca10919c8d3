/**
 * A sampled scene of the shapes world: everything needed to render it and to derive its ground truth.
 * Objects are listed in drawing order (later objects are drawn on top).
 */
import type { Box } from '../scene-graph.ts';
import type { Polygon } from './shape-geometry.ts';
import type { BackgroundName, ColorName, Material, Rgb, Shape, SizeName } from './vocabulary.ts';

export interface WorldObject {
  /** Object id in the scene graph. */
  id: string;
  shape: Shape;
  color: ColorName;
  /** The jittered colour actually drawn. */
  rgb: Rgb;
  size: SizeName;
  /** Bounding extent in pixels. */
  diameter: number;
  material: Material;
  /** Centre of the outline's bounding box. */
  cx: number;
  cy: number;
  /** Degrees, clockwise; 0 for circles. */
  rotation: number;
  /** The painted outline (see shape-geometry.ts). */
  outline: Polygon;
  /** Hollow objects: the inner edge of the outline band. */
  inner?: Polygon;
  /** Hollow objects: width of the outline band in pixels. */
  lineWidth?: number;
  /** Tight integer pixel box of the outline. */
  box: Box;
}

export interface WorldBackground {
  name: BackgroundName;
  /** Linear gradient end colours and direction (degrees, 0 = left to right, 90 = top to bottom). */
  from: Rgb;
  to: Rgb;
  angle: number;
  /** Grid backgrounds only. */
  grid?: { spacing: number; offsetX: number; offsetY: number; color: Rgb; width: number };
  /** Low-frequency mottling amplitude (grey levels) and sparse speckle (fraction of pixels, amplitude). */
  mottle: number;
  speckleFraction: number;
  speckleAmplitude: number;
  /** Seed of this scene's noise field. */
  noiseSeed: number;
  /** Soft shadow: offset in pixels, blur radius, darkening at full coverage. */
  shadow: { dx: number; dy: number; blur: number; opacity: number };
}

export interface WorldScene {
  imageId: string;
  width: number;
  height: number;
  background: WorldBackground;
  objects: WorldObject[];
}
