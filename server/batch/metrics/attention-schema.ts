/**
 * Attention files for grounding: `[{ questionId, attention: [entry, ...] }]`, one entry per attended
 * region, in any of three forms:
 *
 * - `[x0, y0, x1, y1, weight]`: eval.py's object-based format (image-relative box, 0..1);
 * - `[[x0, y0, x1, y1], weight]`: the same, box and weight apart;
 * - `[objectId, weight]`: an object of the question's image in the scene-graphs file given with the
 *   attentions (its box is used, as for gold regions).
 */
import { z } from 'zod';

const finite = z.number().finite();

const ordered = (box: readonly number[]): boolean => box[0]! <= box[2]! && box[1]! <= box[3]!;
const ORDER_MESSAGE = 'box must be [x0, y0, x1, y1] with x0 <= x1 and y0 <= y1';

export const AttentionBoxSchema = z.tuple([finite, finite, finite, finite]).refine(ordered, ORDER_MESSAGE);

export const AttentionEntrySchema = z.union([
  z.tuple([finite, finite, finite, finite, finite]).refine(ordered, ORDER_MESSAGE),
  z.tuple([AttentionBoxSchema, finite]),
  z.tuple([z.string().min(1), finite]),
]);

export const QuestionAttentionSchema = z.looseObject({
  questionId: z.string().min(1),
  attention: z.array(AttentionEntrySchema),
});

export type AttentionEntry = z.infer<typeof AttentionEntrySchema>;
export type QuestionAttention = z.infer<typeof QuestionAttentionSchema>;
