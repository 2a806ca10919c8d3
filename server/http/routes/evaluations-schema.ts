/** Request and response schemas of /api/v1/evaluations. */
import { z } from 'zod';
import { GqaChoicesFileSchema, GqaPredictionsFileSchema, GqaQuestionsFileSchema } from '../../../graph/formats/gqa-schema.ts';
import { RequestSceneSchema } from '../schemas/common.ts';

export const EvaluationRequestSchema = z
  .strictObject({
    answerer: z.enum(['auto', 'model', 'symbolic']).optional().meta({ description: '`auto` (default): the VQA model when loaded, else the symbolic executor.' }),
    split: z.literal('sample').optional().meta({ description: 'Evaluate the committed sample set (its questions and choices).' }),
    graphs: z.enum(['annotated', 'predicted']).optional().meta({ description: 'With `split`: the annotated graphs (default) or graphs predicted from the images.' }),
    questions: GqaQuestionsFileSchema.optional().meta({ description: 'GQA questions (qid -> question); each needs `answer`, and `semantic` for the executor.' }),
    sceneGraphs: z.record(z.string(), RequestSceneSchema).optional().meta({ description: 'GQA scene graphs (imageId -> scene) the questions are about.' }),
    choices: GqaChoicesFileSchema.optional().meta({ description: 'GQA choices (qid -> {valid, plausible}): adds validity and plausibility.' }),
    limit: z.number().int().min(1).optional().meta({ description: 'Evaluate only the first N questions.' }),
  })
  .superRefine((value, ctx) => {
    if ((value.split === undefined) === (value.questions === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'give either split or questions (with sceneGraphs)', path: value.split === undefined ? [] : ['questions'] });
    }
    if (value.questions !== undefined && value.sceneGraphs === undefined) {
      ctx.addIssue({ code: 'custom', message: 'questions need their sceneGraphs', path: ['sceneGraphs'] });
    }
    if (value.split === undefined && value.graphs !== undefined) {
      ctx.addIssue({ code: 'custom', message: 'graphs applies to a split only (sent scene graphs are used as they are)', path: ['graphs'] });
    }
  })
  .meta({ id: 'EvaluationRequest' });

export type EvaluationRequest = z.output<typeof EvaluationRequestSchema>;

export const EvaluationSubmittedSchema = z
  .object({ id: z.string(), status: z.string(), url: z.string() })
  .meta({ id: 'EvaluationSubmitted' });

const AccuracyEntrySchema = z.looseObject({ accuracy: z.number(), count: z.number() });

export const GqaMetricsSchema = z
  .looseObject({
    accuracy: z.number(),
    binary: z.number(),
    open: z.number(),
    consistency: z.number(),
    validity: z.number().nullable(),
    plausibility: z.number().nullable(),
    grounding: z.number().nullable(),
    distribution: z.number().nullable(),
    perStructuralType: z.record(z.string(), AccuracyEntrySchema),
    perSemanticType: z.record(z.string(), AccuracyEntrySchema),
    perLength: z.record(z.string(), AccuracyEntrySchema),
    perSteps: z.record(z.string(), AccuracyEntrySchema),
    counts: z.record(z.string(), z.number().nullable()),
  })
  .meta({ id: 'GqaMetrics', description: 'GQA metrics as the official eval.py computes them (percentages 0..100); see server/batch/METRICS.md.' });

export const EvaluationStatusSchema = z
  .object({
    id: z.string(),
    status: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']),
    request: z.record(z.string(), z.unknown()),
    progress: z.object({ done: z.number().int(), total: z.number().int(), fraction: z.number() }),
    createdAt: z.string(),
    startedAt: z.string().optional(),
    finishedAt: z.string().optional(),
    summary: z
      .object({
        questions: z.number().int(),
        answered: z.number().int(),
        unanswered: z.record(z.string(), z.number().int()),
        seconds: z.number(),
        questionsPerSecond: z.number(),
      })
      .optional(),
    metrics: GqaMetricsSchema.optional(),
    error: z.object({ code: z.string(), message: z.string() }).optional(),
    links: z.object({ self: z.string(), predictions: z.string() }),
  })
  .meta({ id: 'EvaluationStatus' });

export type EvaluationStatusJson = z.infer<typeof EvaluationStatusSchema>;

export const PredictionsResponseSchema = GqaPredictionsFileSchema.meta({ id: 'Predictions', description: 'Official GQA predictions format.' });
