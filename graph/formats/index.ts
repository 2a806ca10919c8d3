/**
 * Scene-graph file formats, public surface. GQA is the project's own format (everything downstream reads
 * it); CLEVR and Visual Genome are imported into the same SceneGraph. Large files are streamed.
 */
export { sceneGraphFromGqa, sceneGraphsToGqaFile, sceneGraphToGqa } from './gqa.ts';
export type { FromGqaOptions } from './gqa.ts';
export {
  GqaChoiceSchema,
  GqaChoicesFileSchema,
  GqaObjectSchema,
  GqaPredictionSchema,
  GqaPredictionsFileSchema,
  GqaProgramStepSchema,
  GqaQuestionSchema,
  GqaQuestionsFileSchema,
  GqaRelationSchema,
  GqaSceneGraphsFileSchema,
  GqaSceneSchema,
  LabelProbabilitySchema,
  parseWith,
  toFormatError,
} from './gqa-schema.ts';
export type {
  GqaChoice,
  GqaChoicesFile,
  GqaObject,
  GqaPrediction,
  GqaProgramStep,
  GqaQuestion,
  GqaQuestionsFile,
  GqaRelation,
  GqaScene,
  GqaSceneGraphsFile,
} from './gqa-schema.ts';
export {
  collect,
  readGqaChoices,
  readGqaPredictions,
  readGqaQuestions,
  readGqaScenes,
  readSceneGraphs,
} from './gqa-files.ts';
export type { ReadOptions } from './gqa-files.ts';
export { streamJsonArray, streamJsonObject } from './json-stream.ts';
export type { JsonSource, JsonStreamOptions } from './json-stream.ts';
export { readClevrScenes, sceneGraphFromClevr, sceneGraphsFromClevr } from './clevr.ts';
export type { ClevrImportOptions, ClevrReadOptions } from './clevr.ts';
export { readVisualGenome, sceneGraphsFromVisualGenome } from './visual-genome.ts';
export type { VisualGenomeFiles, VisualGenomeImportOptions } from './visual-genome.ts';
