/**
 * The only part of the scene graphs that grounding needs: each object's box relative to its image,
 * `(x / width, y / height, (x + w) / width, (y + h) / height)` as eval.py's `getRegion` computes it.
 * Kept flat (4 float64 per object) so a train-sized scene-graphs file (~1.7M objects) stays small.
 */
import { GrowableFloat64Array } from './growable-array.ts';

export interface SceneBoxSource {
  readonly width: number;
  readonly height: number;
  readonly objects: Readonly<Record<string, { readonly x: number; readonly y: number; readonly w: number; readonly h: number }>>;
}

/** Index of an image that is not in the scene graphs. */
export const UNKNOWN_IMAGE = -1;

export class SceneBoxes {
  private readonly imageIndex = new Map<string, number>();
  /** Per image index: object id -> offset of its box in `coords`. */
  private readonly objects: Map<string, number>[] = [];
  private readonly coords = new GrowableFloat64Array(4096);

  add(imageId: string, scene: SceneBoxSource): void {
    const objects = new Map<string, number>();
    for (const [objectId, { x, y, w, h }] of Object.entries(scene.objects)) {
      objects.set(objectId, this.coords.length);
      this.coords.push(x / scene.width);
      this.coords.push(y / scene.height);
      this.coords.push((x + w) / scene.width);
      this.coords.push((y + h) / scene.height);
    }
    const known = this.imageIndex.get(imageId);
    if (known !== undefined) this.objects[known] = objects;
    else {
      this.imageIndex.set(imageId, this.objects.length);
      this.objects.push(objects);
    }
  }

  get size(): number {
    return this.objects.length;
  }

  /** The index of `imageId`, or UNKNOWN_IMAGE. */
  indexOf(imageId: string): number {
    return this.imageIndex.get(imageId) ?? UNKNOWN_IMAGE;
  }

  /** Appends the 4 coordinates of `objectId`'s box in image `image` to `out`; false when unknown. */
  pushBox(image: number, objectId: string, out: { push(value: number): void }): boolean {
    const offset = this.objects[image]?.get(objectId);
    if (offset === undefined) return false;
    const coords = this.coords.view();
    for (let k = 0; k < 4; k++) out.push(coords[offset + k]!);
    return true;
  }
}
