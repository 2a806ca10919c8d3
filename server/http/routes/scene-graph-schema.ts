/** Request and response schemas of POST /api/v1/scene-graph. */
import { z } from 'zod';
import { IdSchema, RequestSceneSchema, TimingsSchema } from '../schemas/common.ts';
import { Base64ImageSchema, exactlyOne } from '../schemas/image-source.ts';

const viewsField = z.boolean().optional().meta({ description: 'Also return two augmented views, their predicted graphs and the node correspondence.' });

export const SceneGraphJsonRequestSchema = z
  .strictObject({
    image: Base64ImageSchema.optional(),
    sampleId: IdSchema.optional().meta({ description: "A committed sample: its image's predicted graph." }),
    imageId: IdSchema.optional(),
    views: viewsField,
  })
  .superRefine(exactlyOne(['image', 'sampleId']))
  .meta({ id: 'SceneGraphJsonRequest' });

export const SceneGraphMultipartRequestSchema = z.strictObject({
  imageId: IdSchema.optional(),
  views: z.enum(['true', 'false']).optional(),
});

export const SceneGraphFormDocSchema = z
  .object({
    image: z.string().meta({ format: 'binary', description: 'PNG, JPEG or WebP file.' }),
    imageId: IdSchema.optional(),
    views: z.enum(['true', 'false']).optional(),
  })
  .meta({ id: 'SceneGraphForm' });

export const SceneGraphViewSchema = z.object({
  image: z.string().meta({ description: 'The augmented image as a data:image/png;base64 URL.' }),
  sceneGraph: RequestSceneSchema,
  transform: z.record(z.string(), z.unknown()),
});

export const SceneGraphResponseSchema = z
  .object({
    imageId: z.string(),
    sceneGraph: RequestSceneSchema,
    views: z.array(SceneGraphViewSchema).optional(),
    correspondence: z.array(z.object({ a: z.string(), b: z.string(), score: z.number() })).optional().meta({ description: 'Matched nodes: object `a` of view 0 and object `b` of view 1.' }),
    timings: TimingsSchema,
  })
  .meta({ id: 'SceneGraphResponse' });

export type SceneGraphResponse = z.infer<typeof SceneGraphResponseSchema>;
