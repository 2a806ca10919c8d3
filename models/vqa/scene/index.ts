export { fitLocationClassifier } from './fit-location-classifier.ts';
export { LocationClassifier } from './location-classifier.ts';
export type { LocationClassifierJson } from './location-classifier.ts';
export { LOCATION_FEATURES, LOCATION_SIDE, locationFeatures, locationFeaturesOfDecoded, locationFeaturesOfRaster } from './location-features.ts';
