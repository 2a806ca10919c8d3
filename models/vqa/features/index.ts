export { buildGraphInputs, edgeFeatureWidth, graphFeeds, graphInputNames, sceneFeatureWidth } from './graph-inputs.ts';
export type { ArrayFeedLike, GraphInputs } from './graph-inputs.ts';
export {
  graphVocabulariesFromGraphs, graphVocabulariesFromJSON, graphVocabulariesFromLists, graphVocabulariesToJSON, graphWidths,
} from './graph-vocabularies.ts';
export type { GraphVocabularies, GraphVocabulariesJson, GraphVocabularyLists, GraphWidths } from './graph-vocabularies.ts';
export { int64Writer, toInt64 } from './int64.ts';
