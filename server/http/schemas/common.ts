/**
 * zod schemas shared by several routes. They validate requests at the HTTP edge and are the source of
 * the OpenAPI document (openapi/build-openapi.ts), so the documentation cannot drift from the checks.
 * Shared schemas carry no transforms or defaults: their input and output JSON Schemas are the same.
 */
import { z } from 'zod';
import { GqaObjectSchema, GqaSceneSchema } from '../../../graph/formats/gqa-schema.ts';

/** Longest question accepted, in characters (GQA's longest are about 150). */
export const QUESTION_MAX_CHARS = 300;
/** Objects in one scene graph sent by a client (GQA scenes have at most about 100). */
export const SCENE_MAX_OBJECTS = 1000;
/** Relations of one object in a scene graph sent by a client. */
export const OBJECT_MAX_RELATIONS = 500;

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/;

/**
 * A question: text with at least one letter, no control characters or replacement characters (which
 * is what binary data sent as a question turns into), at most QUESTION_MAX_CHARS characters.
 */
export const QuestionSchema = z
  .string({ error: (issue) => (issue.input === undefined ? 'a question is required' : 'the question must be a string') })
  .max(QUESTION_MAX_CHARS, `the question is longer than ${QUESTION_MAX_CHARS} characters`)
  .refine((text) => text.trim().length > 0, 'the question is empty')
  .refine((text) => !CONTROL.test(text), 'the question contains control or non-text characters')
  .refine((text) => /\p{L}/u.test(text), 'the question has no words')
  .meta({ description: `A natural-language question, 1..${QUESTION_MAX_CHARS} characters of text.`, examples: ['What color is the large circle?'] });

/** Ids of samples, questions and images: short and free of path characters. */
export const IdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'ids are letters, digits and . _ : - (no slashes)');

/** A client-sent GQA scene: GqaSceneSchema with bounded size, so one request cannot stall the server. */
export const RequestSceneSchema = GqaSceneSchema.extend({
  objects: z
    .record(z.string(), GqaObjectSchema.extend({ relations: GqaObjectSchema.shape.relations.max(OBJECT_MAX_RELATIONS) }))
    .refine((objects) => Object.keys(objects).length <= SCENE_MAX_OBJECTS, `a scene graph may have at most ${SCENE_MAX_OBJECTS} objects`),
}).meta({ id: 'GqaScene', description: 'One scene in the GQA scene-graph format (x, y = top-left, pixels). Predicted graphs add `score` and per-head top-k `scores` on objects and `score` on relations.' });

export const ErrorCodeSchema = z.enum([
  'invalid_json',
  'invalid_request',
  'invalid_multipart',
  'invalid_question',
  'invalid_image',
  'invalid_scene_graph',
  'unauthorized',
  'not_found',
  'method_not_allowed',
  'not_ready',
  'payload_too_large',
  'image_too_large',
  'unsupported_media_type',
  'unanswerable',
  'too_many_jobs',
  'overloaded',
  'model_unavailable',
  'timeout',
  'shutting_down',
  'internal',
]);

export const ErrorResponseSchema = z
  .object({
    error: z.object({
      code: ErrorCodeSchema,
      message: z.string(),
      path: z.string().optional().meta({ description: 'JSON path of the bad field of the request, e.g. `$.sceneGraph.objects["3"].x`.' }),
    }),
  })
  .meta({ id: 'Error', description: 'Every error response. 429 and 503 responses carry a Retry-After header.' });

export type ErrorResponse = z.infer<typeof ErrorResponseSchema>;

/** Stage -> milliseconds; `totalMs` is the whole request. */
export const TimingsSchema = z.record(z.string(), z.number()).meta({ id: 'Timings', description: 'Milliseconds per stage.' });
