export { augmentImage } from './augment-image.ts';
export { iou, matchBoxes, matchGraphNodes } from './match-nodes.ts';
export { predictSceneGraph } from './scene-graph-predictor.ts';
export type { SceneGraphPredictor } from './scene-graph-predictor.ts';
export { buildViewCache, fileSha256, loadViewCache } from './view-cache.ts';
export type { BuildViewCacheOptions, ViewCacheKey, ViewCacheManifest } from './view-cache.ts';
export { DEFAULT_VIEW_RANGES, IDENTITY_VIEW, boxFromView, boxToView, sampleViewSpec } from './view-spec.ts';
export type { ViewRanges, ViewSpec, ViewTransform } from './view-spec.ts';
