/**
 * GQA's `hposition` / `vposition` categories (left / middle / right, top / middle / bottom), derived from
 * the box centre relative to the image, split in thirds:
 *   t = (x + w/2) / width;  t < 1/3 -> left,  t > 2/3 -> right,  else middle   (same for y / height)
 * `choose hposition: left|right` instead takes the option whose anchor (left 0, middle 0.5, right 1) is
 * nearest to t, so a two-way choice always has an answer.
 */
import type { Box, SceneAttrs } from '../scene-graph.ts';

export type PositionCategory = 'hposition' | 'vposition';

export function isPositionCategory(category: string | undefined): category is PositionCategory {
  return category === 'hposition' || category === 'vposition';
}

/** Whether the scene has the width (hposition) or height (vposition) that positions are relative to. */
export function canPlace(scene: SceneAttrs, category: PositionCategory): boolean {
  const extent = category === 'hposition' ? scene.width : scene.height;
  return extent > 0 && Number.isFinite(extent);
}

/** Centre of the box along the category's axis, in 0..1 of the image; undefined if the size is unknown. */
export function relativeCentre(box: Box, scene: SceneAttrs, category: PositionCategory): number | undefined {
  if (!canPlace(scene, category)) return undefined;
  const extent = category === 'hposition' ? scene.width : scene.height;
  const centre = category === 'hposition' ? box.x + box.w / 2 : box.y + box.h / 2;
  return centre / extent;
}

export function positionName(t: number, category: PositionCategory): string {
  const [low, high] = category === 'hposition' ? ['left', 'right'] : ['top', 'bottom'];
  if (t < 1 / 3) return low;
  if (t > 2 / 3) return high;
  return 'middle';
}

const ANCHORS: Readonly<Record<PositionCategory, Readonly<Record<string, number>>>> = {
  hposition: { left: 0, middle: 0.5, center: 0.5, right: 1 },
  vposition: { top: 0, middle: 0.5, center: 0.5, bottom: 1 },
};

/** Anchor of an option (`left` -> 0), undefined for words that are not positions. */
export function positionAnchor(option: string, category: PositionCategory): number | undefined {
  return ANCHORS[category][option];
}
