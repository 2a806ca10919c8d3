/**
 * The shapes world's vocabulary (DESIGN §5): object names, attribute groups, backgrounds and predicates.
 * One definition, used by the sampler, the renderer, the question generator and the dataset manifest.
 */

export const SHAPES = ['circle', 'square', 'triangle', 'star', 'hexagon', 'diamond'] as const;
export type Shape = (typeof SHAPES)[number];

export const COLOR_NAMES = ['red', 'orange', 'yellow', 'green', 'blue', 'purple', 'gray'] as const;
export type ColorName = (typeof COLOR_NAMES)[number];

export type Rgb = readonly [number, number, number];

/** Reference colours; each object gets a jittered copy (see `COLOR_JITTER`). */
export const COLOR_RGB: Readonly<Record<ColorName, Rgb>> = Object.freeze({
  red: [220, 40, 40],
  orange: [245, 140, 20],
  yellow: [235, 210, 30],
  green: [40, 170, 60],
  blue: [40, 90, 220],
  purple: [140, 60, 190],
  gray: [128, 128, 128],
});

/** Max per-channel jitter (uniform ±): half the smallest channel gap between two colour names is ~35. */
export const COLOR_JITTER = 12;

export const SIZE_NAMES = ['small', 'large'] as const;
export type SizeName = (typeof SIZE_NAMES)[number];

/** Diameter ranges in pixels (the shape's bounding extent), sampled uniformly. */
export const SIZE_DIAMETER: Readonly<Record<SizeName, readonly [number, number]>> = Object.freeze({
  small: [30, 44],
  large: [60, 84],
});

export const MATERIALS = ['solid', 'striped', 'dotted', 'hollow'] as const;
export type Material = (typeof MATERIALS)[number];

export const BACKGROUNDS = ['light', 'dark', 'grid'] as const;
export type BackgroundName = (typeof BACKGROUNDS)[number];

export const DIRECTION_PREDICATES = ['to the left of', 'to the right of', 'above', 'below'] as const;
export type DirectionPredicate = (typeof DIRECTION_PREDICATES)[number];

export const DEPTH_PREDICATES = ['in front of', 'behind'] as const;
export type DepthPredicate = (typeof DEPTH_PREDICATES)[number];

export const INSIDE_PREDICATE = 'inside' as const;

export const PREDICATES = [...DIRECTION_PREDICATES, ...DEPTH_PREDICATES, INSIDE_PREDICATE] as const;
export type Predicate = (typeof PREDICATES)[number];

/** Attribute category -> values: the executor's ontology for this world (order = attribute order). */
export const WORLD_ONTOLOGY: Readonly<Record<'color' | 'size' | 'material', readonly string[]>> = Object.freeze({
  color: COLOR_NAMES,
  size: SIZE_NAMES,
  material: MATERIALS,
});

export type AttributeCategory = keyof typeof WORLD_ONTOLOGY;
export const ATTRIBUTE_CATEGORIES: readonly AttributeCategory[] = ['color', 'size', 'material'];

/** The category name programs use for "any object of this world" (`select: shape`). */
export const SHAPE_CATEGORY = 'shape';

/** Image side in pixels. */
export const WORLD_IMAGE_SIZE = 256;

/** Everything a consumer needs to build label spaces, as written to manifest.json. */
export function worldVocabulary(): {
  names: string[];
  attributes: Record<string, string[]>;
  predicates: string[];
  locations: string[];
  colors: Record<string, number[]>;
} {
  return {
    names: [...SHAPES],
    attributes: { color: [...COLOR_NAMES], size: [...SIZE_NAMES], material: [...MATERIALS] },
    predicates: [...PREDICATES],
    locations: [...BACKGROUNDS],
    colors: Object.fromEntries(COLOR_NAMES.map((name) => [name, [...COLOR_RGB[name]]])),
  };
}

/** Name classes for the executor: `select: shape` matches every object of this world. */
export const WORLD_HYPERNYMS: Readonly<Record<string, readonly string[]>> = Object.freeze({ [SHAPE_CATEGORY]: SHAPES });
