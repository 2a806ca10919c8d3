/**
 * zod schemas of the GQA file formats (scene graphs, questions, predictions, choices). Unknown fields are
 * kept (loose objects) so that files round-trip unchanged. `toFormatError` turns a zod failure into a
 * GraphFormatError whose path points at the bad field.
 */
import { z } from 'zod';
import { GraphFormatError, type JsonPath } from '../errors/graph-format-error.ts';

const finite = z.number().finite();

export const LabelProbabilitySchema = z.object({ label: z.string(), p: finite });

export const GqaRelationSchema = z.looseObject({
  name: z.string().min(1),
  object: z.string().min(1),
  /** Predicted graphs only. */
  score: finite.optional(),
});

export const GqaObjectSchema = z.looseObject({
  name: z.string().min(1),
  x: finite,
  y: finite,
  w: finite.nonnegative(),
  h: finite.nonnegative(),
  attributes: z.array(z.string()),
  relations: z.array(GqaRelationSchema),
  /** Predicted graphs only: detection confidence and per-head top-k distributions. */
  score: finite.optional(),
  scores: z.record(z.string(), z.array(LabelProbabilitySchema)).optional(),
});

export const GqaSceneSchema = z.looseObject({
  width: finite.positive(),
  height: finite.positive(),
  location: z.string().optional(),
  weather: z.string().optional(),
  objects: z.record(z.string(), GqaObjectSchema),
});

export const GqaSceneGraphsFileSchema = z.record(z.string(), GqaSceneSchema);

export const GqaProgramStepSchema = z.looseObject({
  operation: z.string().min(1),
  argument: z.string(),
  dependencies: z.array(z.number().int().nonnegative()),
});

const nullableString = z.string().nullable();

export const GqaQuestionSchema = z.looseObject({
  imageId: z.string().min(1),
  question: z.string(),
  /** Absent in GQA's test and challenge splits. */
  answer: z.string().optional(),
  fullAnswer: z.string().optional(),
  isBalanced: z.boolean().optional(),
  types: z.looseObject({
    structural: nullableString.optional(),
    semantic: nullableString.optional(),
    detailed: nullableString.optional(),
  }).optional(),
  semantic: z.array(GqaProgramStepSchema).optional(),
  semanticStr: z.string().optional(),
  entailed: z.array(z.string()).optional(),
  equivalent: z.array(z.string()).optional(),
  groups: z.looseObject({ global: nullableString.optional(), local: nullableString.optional() }).optional(),
  annotations: z.looseObject({
    question: z.record(z.string(), z.string()).optional(),
    answer: z.record(z.string(), z.string()).optional(),
    fullAnswer: z.record(z.string(), z.string()).optional(),
  }).optional(),
});

export const GqaQuestionsFileSchema = z.record(z.string(), GqaQuestionSchema);

export const GqaPredictionSchema = z.looseObject({
  questionId: z.string().min(1),
  prediction: z.string(),
});

export const GqaPredictionsFileSchema = z.array(GqaPredictionSchema);

export const GqaChoiceSchema = z.looseObject({
  valid: z.array(z.string()),
  plausible: z.array(z.string()),
});

export const GqaChoicesFileSchema = z.record(z.string(), GqaChoiceSchema);

export type GqaRelation = z.infer<typeof GqaRelationSchema>;
export type GqaObject = z.infer<typeof GqaObjectSchema>;
export type GqaScene = z.infer<typeof GqaSceneSchema>;
export type GqaSceneGraphsFile = z.infer<typeof GqaSceneGraphsFileSchema>;
export type GqaProgramStep = z.infer<typeof GqaProgramStepSchema>;
export type GqaQuestion = z.infer<typeof GqaQuestionSchema>;
export type GqaQuestionsFile = z.infer<typeof GqaQuestionsFileSchema>;
export type GqaPrediction = z.infer<typeof GqaPredictionSchema>;
export type GqaChoice = z.infer<typeof GqaChoiceSchema>;
export type GqaChoicesFile = z.infer<typeof GqaChoicesFileSchema>;

/** A zod failure as a GraphFormatError at the first bad field, below `basePath`. */
export function toFormatError(error: z.ZodError, basePath: JsonPath = [], file?: string): GraphFormatError {
  const [issue] = error.issues;
  if (!issue) return new GraphFormatError('invalid value', basePath, file);
  const path = [...basePath, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problem(s))` : '';
  return new GraphFormatError(`${issue.message}${more}`, path, file);
}

/** Parses `value` with `schema`, or throws a GraphFormatError naming the bad field. */
export function parseWith<T extends z.ZodType>(schema: T, value: unknown, basePath: JsonPath = [], file?: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw toFormatError(result.error, basePath, file);
  return result.data;
}
