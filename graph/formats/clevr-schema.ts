/**
 * zod schemas of CLEVR scene files: the official ground-truth format (CLEVR v1.0 `CLEVR_<split>_scenes.json`
 * and scenes written by the CLEVR generator) and the predicted-scene variant written by NS-VQA style scene
 * parsers (`position` instead of `3d_coords`/`pixel_coords`, a `confidence`, no `relationships`). Unknown
 * fields are kept (loose objects) so that the importer can carry them along in `extra`.
 */
import { z } from 'zod';

const finite = z.number().finite();
const vector3 = z.tuple([finite, finite, finite]);

/** The four spatial relation kinds CLEVR stores; `above`/`below` exist only as directions. */
export const CLEVR_RELATION_KINDS = ['left', 'right', 'front', 'behind'] as const;
export type ClevrRelationKind = (typeof CLEVR_RELATION_KINDS)[number];

export const ClevrObjectSchema = z.looseObject({
  shape: z.string().min(1),
  color: z.string().min(1),
  size: z.string().min(1),
  material: z.string().min(1),
  /** Ground truth: [x, y] pixels from the top-left corner, then the depth along the camera axis. */
  pixel_coords: vector3.optional(),
  /** Ground truth: world coordinates; z is the object's half height (0.35 small, 0.7 large). */
  '3d_coords': vector3.optional(),
  /** Predicted scenes: world coordinates, like `3d_coords`. */
  position: vector3.optional(),
  /** Degrees about the vertical axis. */
  rotation: finite.optional(),
  /** Predicted scenes: detection confidence. */
  confidence: finite.min(0).max(1).optional(),
});

/** `relationships[kind][i]` lists the indices of the objects that are `kind` of object i. */
export const ClevrRelationshipsSchema = z.looseObject(
  Object.fromEntries(CLEVR_RELATION_KINDS.map((kind) => [kind, z.array(z.array(z.number().int().nonnegative())).optional()])) as
    Record<ClevrRelationKind, z.ZodOptional<z.ZodArray<z.ZodArray<z.ZodNumber>>>>,
);

export const ClevrDirectionsSchema = z.record(z.string(), vector3);

export const ClevrSceneSchema = z.looseObject({
  image_index: z.number().int().nonnegative().optional(),
  image_filename: z.string().min(1).optional(),
  split: z.string().optional(),
  objects: z.array(ClevrObjectSchema),
  relationships: ClevrRelationshipsSchema.optional(),
  directions: ClevrDirectionsSchema.optional(),
});

export type ClevrObject = z.infer<typeof ClevrObjectSchema>;
export type ClevrRelationships = z.infer<typeof ClevrRelationshipsSchema>;
export type ClevrScene = z.infer<typeof ClevrSceneSchema>;
