/** Response schemas of /api/v1/samples. */
import { z } from 'zod';
import { GqaChoiceSchema, GqaQuestionSchema } from '../../../graph/formats/gqa-schema.ts';
import { RequestSceneSchema } from '../schemas/common.ts';

export const SampleSummarySchema = z
  .object({
    id: z.string(),
    width: z.number(),
    height: z.number(),
    location: z.string().optional(),
    objects: z.number().int(),
    relations: z.number().int(),
    questions: z.number().int(),
    imageUrl: z.string(),
  })
  .meta({ id: 'SampleSummary' });

export const SampleListSchema = z
  .object({
    count: z.number().int(),
    world: z.object({ name: z.string(), split: z.string(), seed: z.union([z.number(), z.string()]) }),
    samples: z.array(SampleSummarySchema),
  })
  .meta({ id: 'SampleList' });

export const SampleDetailSchema = z
  .object({
    id: z.string(),
    imageUrl: z.string(),
    sceneGraph: RequestSceneSchema,
    questions: z.record(z.string(), GqaQuestionSchema).meta({ description: 'GQA questions format (qid -> question, with program and answer).' }),
    choices: z.record(z.string(), GqaChoiceSchema),
  })
  .meta({ id: 'SampleDetail' });

export type SampleSummary = z.infer<typeof SampleSummarySchema>;
export type SampleDetail = z.infer<typeof SampleDetailSchema>;
