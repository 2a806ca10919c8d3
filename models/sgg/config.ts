/**
 * The scene-graph generator's configuration: label spaces, input geometry and layer sizes. One JSON-able
 * object that builds the network, travels in checkpoints and in the shipped manifest, and is all a
 * loader needs to rebuild the model.
 */
import { COLOR_NAMES, MATERIALS, PREDICATES, SHAPES, SIZE_NAMES, WORLD_IMAGE_SIZE } from '../../graph/world/index.ts';
import { SggError } from './errors/sgg-error.ts';

/** Predicate 0 of every relation output: the pair is not related. */
export const NO_RELATION = 'no relation';

export interface AttributeGroupLabels {
  readonly name: string;
  readonly values: readonly string[];
}

export interface SggLabels {
  /** Object classes (the `name` of an object), class_logits order. */
  readonly classes: readonly string[];
  /** Attribute groups in output order; one `attr_<name>_logits` output each. */
  readonly attributeGroups: readonly AttributeGroupLabels[];
  /** Predicates; predicates[0] is NO_RELATION. */
  readonly predicates: readonly string[];
}

/** Pixel normalization: x = (value / 255 - mean[c]) / std[c], RGB order. */
export interface Normalization {
  readonly mean: readonly [number, number, number];
  readonly std: readonly [number, number, number];
}

export interface SggArchitecture {
  /** Side of the square model input (H = W). */
  readonly inputSize: number;
  /** Images are first brought to this side, then box-averaged by sourceSize / inputSize (an integer). */
  readonly sourceSize: number;
  /**
   * The backbone's first step: 'plain' = a 3x3 stride-2 convolution on the image; 'space-to-depth' = each
   * 2 x 2 pixel block folded into 12 channels first (a full-resolution image at the cost of a half-size
   * one: the 3x3 stride-2 convolution that follows sees 6 x 6 pixels with stride 4).
   */
  readonly stem: 'plain' | 'space-to-depth';
  /** Output stride of the centre heatmap: 4 with the plain stem, 8 with space-to-depth. */
  readonly stride: 4 | 8;
  /** Backbone widths after the stem's convolution and at the next two scales. */
  readonly widths: readonly [number, number, number];
  /** Channels of the stride-4 feature map the heads read. */
  readonly featureDim: number;
  /** Kernel of the neck that makes that map from the merged fine + upsampled coarse features (1 or 3). */
  readonly neckKernel: 1 | 3;
  readonly headHidden: number;
  /**
   * Object heads read a 3 x 3 ring of feature cells this many cells apart around the centre (the centre
   * and eight points towards the outline: 2 cells = 16 px of a 256 image, a small object's radius).
   */
  readonly ringSpacing: number;
  /** Per-object embedding the relation head pairs up. */
  readonly embedDim: number;
  readonly relationHidden: number;
  /** K: detections the graph keeps (top-K heatmap peaks). */
  readonly maxDetections: number;
  /** M: objects per training image (scenes have at most this many). */
  readonly maxObjects: number;
  /**
   * The attribute group whose values are the heatmap's channels (centres of small and of large objects
   * live in separate maps, so an object inside a hollow one never shares a peak with it); its logits are
   * the heatmap logits at the peak. null: one class-agnostic channel.
   */
  readonly heatmapGroup: string | null;
  /** Detections with a peak score at least this count as objects when ranking neighbours for relations. */
  readonly relationScoreGate: number;
}

export interface SggConfig {
  readonly version: 1;
  readonly labels: SggLabels;
  readonly architecture: SggArchitecture;
  readonly normalization: Normalization;
}

/** The shapes world's label spaces (graph/world vocabulary). */
export function worldLabels(): SggLabels {
  return {
    classes: [...SHAPES],
    attributeGroups: [
      { name: 'color', values: [...COLOR_NAMES] },
      { name: 'size', values: [...SIZE_NAMES] },
      { name: 'material', values: [...MATERIALS] },
    ],
    predicates: [NO_RELATION, ...PREDICATES],
  };
}

export const DEFAULT_ARCHITECTURE: SggArchitecture = {
  inputSize: WORLD_IMAGE_SIZE,
  sourceSize: WORLD_IMAGE_SIZE,
  stem: 'space-to-depth',
  stride: 8,
  widths: [16, 32, 64],
  featureDim: 64,
  neckKernel: 1,
  headHidden: 96,
  ringSpacing: 2,
  embedDim: 32,
  relationHidden: 96,
  maxDetections: 16,
  maxObjects: 8,
  heatmapGroup: 'size',
  relationScoreGate: 0.3,
};

export function defaultSggConfig(overrides: Partial<SggArchitecture> = {}, labels: SggLabels = worldLabels()): SggConfig {
  const stem = overrides.stem ?? DEFAULT_ARCHITECTURE.stem;
  const config: SggConfig = {
    version: 1,
    labels,
    architecture: { ...DEFAULT_ARCHITECTURE, stride: stem === 'space-to-depth' ? 8 : 4, ...overrides },
    normalization: { mean: [0.5, 0.5, 0.5], std: [0.25, 0.25, 0.25] },
  };
  checkConfig(config);
  return config;
}

/** Side of the heatmap grid. */
export function gridSize(arch: SggArchitecture): number {
  return arch.inputSize / arch.stride;
}

/** Heatmap channels: the heatmap group's values, or 1. */
export function heatmapChannels(config: SggConfig): number {
  const group = config.architecture.heatmapGroup;
  if (group === null) return 1;
  return config.labels.attributeGroups.find((g) => g.name === group)!.values.length;
}

/** Attribute groups predicted by the object heads (all but the heatmap group). */
export function headAttributeGroups(config: SggConfig): AttributeGroupLabels[] {
  return config.labels.attributeGroups.filter((g) => g.name !== config.architecture.heatmapGroup);
}

export function checkConfig(config: SggConfig): void {
  const a = config.architecture;
  const fail = (why: string): never => {
    throw new SggError(`sgg/config: ${why}`);
  };
  if (a.inputSize < 32) fail(`inputSize must be >= 32, got ${a.inputSize}`);
  if (a.sourceSize % a.inputSize !== 0) fail(`sourceSize ${a.sourceSize} must be a multiple of inputSize ${a.inputSize}`);
  const stride = a.stem === 'space-to-depth' ? 8 : 4;
  if (a.stem !== 'plain' && a.stem !== 'space-to-depth') fail(`stem must be 'plain' or 'space-to-depth', got ${String(a.stem)}`);
  if (a.stride !== stride) fail(`the ${a.stem} stem gives stride ${stride}, got ${String(a.stride)}`);
  if (a.inputSize % (2 * stride) !== 0) fail(`inputSize must be a multiple of ${2 * stride}, got ${a.inputSize}`);
  if (a.neckKernel !== 1 && a.neckKernel !== 3) fail(`neckKernel must be 1 or 3, got ${String(a.neckKernel)}`);
  if (a.maxDetections < 1 || a.maxObjects < 1) fail('maxDetections and maxObjects must be positive');
  if (config.labels.predicates[0] !== NO_RELATION) fail(`predicates[0] must be "${NO_RELATION}"`);
  if (config.labels.classes.length < 1) fail('no classes');
  if (a.heatmapGroup !== null && !config.labels.attributeGroups.some((g) => g.name === a.heatmapGroup)) {
    fail(`heatmapGroup "${a.heatmapGroup}" is not an attribute group`);
  }
  for (const g of config.labels.attributeGroups) {
    if (!/^[A-Za-z][\w-]*$/.test(g.name)) fail(`attribute group name "${g.name}" cannot name an output`);
  }
}

/** The image geometry of a config: input side and the box-averaging factor from the source size. */
export function imageGeometry(arch: SggArchitecture): { width: number; height: number; boxFactor: number } {
  return { width: arch.inputSize, height: arch.inputSize, boxFactor: arch.sourceSize / arch.inputSize };
}
