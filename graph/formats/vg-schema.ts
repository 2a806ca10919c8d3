/**
 * zod schemas of the Visual Genome v1.2 annotation files: objects.json, attributes.json,
 * relationships.json (each an array with one entry per image) and image_data.json. Unknown fields are kept
 * (loose objects) so the importer can carry them along in `extra`.
 */
import { z } from 'zod';

const finite = z.number().finite();
const id = z.number().int();

/** An object as objects.json and attributes.json give it (attributes.json adds `attributes`). */
export const VgObjectSchema = z.looseObject({
  object_id: id,
  x: finite,
  y: finite,
  w: finite.nonnegative(),
  h: finite.nonnegative(),
  /** v1.2: a list of names, the first being the object's name. */
  names: z.array(z.string()).optional(),
  /** v1.0, and relationship endpoints: one name. */
  name: z.string().optional(),
  synsets: z.array(z.string()).optional(),
  attributes: z.array(z.string()).optional(),
});

/** A relationship endpoint: an object id, usually with the object's name and box repeated. */
export const VgObjectRefSchema = z.looseObject({
  object_id: id,
  x: finite.optional(),
  y: finite.optional(),
  w: finite.nonnegative().optional(),
  h: finite.nonnegative().optional(),
  names: z.array(z.string()).optional(),
  name: z.string().optional(),
  synsets: z.array(z.string()).optional(),
});

export const VgRelationshipSchema = z.looseObject({
  relationship_id: id.optional(),
  predicate: z.string(),
  subject: VgObjectRefSchema,
  object: VgObjectRefSchema,
  synsets: z.array(z.string()).optional(),
});

export const VgImageObjectsSchema = z.looseObject({ image_id: id, objects: z.array(VgObjectSchema) });
export const VgImageAttributesSchema = z.looseObject({ image_id: id, attributes: z.array(VgObjectSchema) });
export const VgImageRelationshipsSchema = z.looseObject({ image_id: id, relationships: z.array(VgRelationshipSchema) });

/** image_data.json: v1.2 names the id `image_id`, v1.0 `id`. */
export const VgImageDataSchema = z.looseObject({
  image_id: id.optional(),
  id: id.optional(),
  width: finite.positive(),
  height: finite.positive(),
  url: z.string().optional(),
  coco_id: id.nullable().optional(),
  flickr_id: id.nullable().optional(),
}).refine((entry) => entry.image_id !== undefined || entry.id !== undefined, { message: 'image_id (or id) is required' });

export type VgObject = z.infer<typeof VgObjectSchema>;
export type VgObjectRef = z.infer<typeof VgObjectRefSchema>;
export type VgRelationship = z.infer<typeof VgRelationshipSchema>;
export type VgImageObjects = z.infer<typeof VgImageObjectsSchema>;
export type VgImageAttributes = z.infer<typeof VgImageAttributesSchema>;
export type VgImageRelationships = z.infer<typeof VgImageRelationshipsSchema>;
export type VgImageData = z.infer<typeof VgImageDataSchema>;
