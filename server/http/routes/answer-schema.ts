/** Request and response schemas of POST /api/v1/answer. */
import { z } from 'zod';
import { GqaProgramStepSchema } from '../../../graph/formats/gqa-schema.ts';
import { IdSchema, QuestionSchema, RequestSceneSchema, TimingsSchema } from '../schemas/common.ts';
import { Base64ImageSchema, exactlyOne } from '../schemas/image-source.ts';

export const AnswererSchema = z
  .enum(['auto', 'model', 'symbolic'])
  .meta({
    description:
      '`model`: the SelfGraphVQA model answers the question text. `symbolic`: the GQA program executor runs the ' +
      "question's program (from `questionId` or `semantic`) on the graph. `auto` (default): the model when it is " +
      'loaded, otherwise the executor when a program is given.',
  });

const questionFields = {
  question: QuestionSchema.optional(),
  questionId: IdSchema.optional().meta({ description: "A committed sample question's id: supplies the program (and the question text if `question` is absent)." }),
  answerer: AnswererSchema.optional(),
};

function questionGiven(value: { question?: string; questionId?: string }, ctx: z.RefinementCtx): void {
  if (value.question === undefined && value.questionId === undefined) {
    ctx.addIssue({ code: 'custom', message: 'a question is required', path: ['question'] });
  }
}

export const AnswerJsonRequestSchema = z
  .strictObject({
    ...questionFields,
    semantic: z.array(GqaProgramStepSchema).min(1).max(64).optional().meta({ description: 'A GQA program for the symbolic executor.' }),
    image: Base64ImageSchema.optional(),
    sampleId: IdSchema.optional().meta({ description: "A committed sample: its annotated scene graph, or with `graph: \"predicted\"` the graph predicted from its image." }),
    graph: z.enum(['annotated', 'predicted']).optional().meta({ description: 'With `sampleId`: which graph to answer on (default `annotated`).' }),
    sceneGraph: RequestSceneSchema.optional(),
    imageId: IdSchema.optional().meta({ description: 'The id to give a `sceneGraph` or `image` (default `request`).' }),
  })
  .superRefine(questionGiven)
  .superRefine(exactlyOne(['image', 'sampleId', 'sceneGraph']))
  .superRefine((value, ctx) => {
    if (value.graph !== undefined && value.sampleId === undefined) ctx.addIssue({ code: 'custom', message: 'graph applies to sampleId only', path: ['graph'] });
  })
  .meta({ id: 'AnswerJsonRequest' });

export const AnswerMultipartRequestSchema = z
  .strictObject({
    ...questionFields,
    imageId: IdSchema.optional(),
  })
  .superRefine(questionGiven);

/** The OpenAPI form of the multipart body: the text fields plus the file. */
export const AnswerMultipartDocSchema = z
  .object({
    image: z.string().meta({ format: 'binary', description: 'PNG, JPEG or WebP file.' }),
    question: QuestionSchema.optional(),
    questionId: IdSchema.optional(),
    answerer: AnswererSchema.optional(),
    imageId: IdSchema.optional(),
  })
  .meta({ id: 'AnswerForm', description: 'multipart/form-data: the image file and the question fields.' });

export type AnswerJsonRequest = z.output<typeof AnswerJsonRequestSchema>;
export type AnswerMultipartRequest = z.output<typeof AnswerMultipartRequestSchema>;

const StepValueSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('objects'), ids: z.array(z.string()) }),
  z.object({ kind: z.literal('scene') }),
  z.object({ kind: z.literal('boolean'), value: z.boolean() }),
  z.object({ kind: z.literal('string'), value: z.string() }),
]);

export const ProgramTraceSchema = z.array(z.object({ step: z.number().int(), operation: z.string(), value: StepValueSchema }));

export const SymbolicResultSchema = z
  .object({
    semanticStr: z.string(),
    result: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('answer'), answer: z.string(), trace: ProgramTraceSchema }),
      z.object({
        kind: z.literal('unsupported'),
        step: z.number().int(),
        operation: z.string(),
        cause: z.enum(['operation', 'argument', 'empty', 'undecidable', 'no-answer']),
        reason: z.string(),
        trace: ProgramTraceSchema,
      }),
    ]),
  })
  .meta({ id: 'SymbolicResult', description: "The GQA program executor's run of the question's program on the same graph." });

export const GroundingRoundSchema = z
  .object({
    round: z.number().int(),
    kind: z.enum(['round', 'readout', 'step']).meta({ description: "`round`: a reasoning round of the model; `readout`: the model's final question-conditioned readout; `step`: a program step of the executor." }),
    operation: z.string().optional().meta({ description: 'The program step of this round (executor answers).' }),
    scene: z.number().optional().meta({ description: 'Attention on the scene node (the image as a whole), model answers.' }),
    objects: z.array(z.object({ id: z.string(), name: z.string().optional(), weight: z.number() })).meta({ description: 'Objects of `sceneGraph` with their attention weight, largest first.' }),
  })
  .meta({ id: 'GroundingRound', description: "One reasoning round's attention over the graph's objects." });

export const AnswerResponseSchema = z
  .object({
    answer: z.string(),
    confidence: z.number().min(0).max(1),
    topK: z.array(z.object({ answer: z.string(), p: z.number() })),
    grounding: z.array(GroundingRoundSchema),
    answeredBy: z.enum(['model', 'symbolic']),
    question: z.string(),
    questionId: z.string().optional(),
    goldAnswer: z.string().optional().meta({ description: "The sample question's annotated answer, when `questionId` was given." }),
    imageId: z.string(),
    graphSource: z.enum(['annotated', 'predicted', 'request']).meta({ description: "The sample's annotated graph, a graph predicted from the image, or the request's own graph." }),
    sceneGraph: RequestSceneSchema,
    program: SymbolicResultSchema.optional(),
    unknownWords: z.array(z.string()).optional().meta({ description: 'Words of the question outside the model vocabulary (read as <unk>).' }),
    warnings: z.array(z.string()).optional(),
    timings: TimingsSchema,
  })
  .meta({ id: 'AnswerResponse' });

export type AnswerResponse = z.infer<typeof AnswerResponseSchema>;
export type SymbolicResult = z.infer<typeof SymbolicResultSchema>;
export type GroundingRoundJson = z.infer<typeof GroundingRoundSchema>;
