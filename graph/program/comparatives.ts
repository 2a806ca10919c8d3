/**
 * GQA's comparative choices (`choose healthier:  [0, 1]` -> the name of the healthier of two objects),
 * decided from attributes only: each object scores +1 for a `more` attribute and -1 for a `less` one, and
 * the higher score wins. Equal scores (neither or both annotated) make the step undecidable rather than a
 * guess; box geometry is deliberately not used because image size is not real-world size.
 */

export interface Comparative {
  /** Attributes that make an object win (`healthy` for healthier). */
  more: readonly string[];
  /** Attributes that make it lose (`unhealthy` for healthier). */
  less: readonly string[];
}

const BIG = ['large', 'big', 'huge', 'giant', 'massive'];
const SMALL = ['small', 'little', 'tiny'];

export const COMPARATIVES: Readonly<Record<string, Comparative>> = Object.freeze({
  healthier: { more: ['healthy'], less: ['unhealthy'] },
  'less healthy': { more: ['unhealthy'], less: ['healthy'] },
  older: { more: ['old', 'elderly'], less: ['young', 'baby'] },
  younger: { more: ['young', 'baby'], less: ['old', 'elderly'] },
  taller: { more: ['tall'], less: ['short'] },
  shorter: { more: ['short'], less: ['tall', 'long'] },
  higher: { more: ['high'], less: ['low'] },
  lower: { more: ['low'], less: ['high'] },
  larger: { more: BIG, less: SMALL },
  bigger: { more: BIG, less: SMALL },
  smaller: { more: SMALL, less: BIG },
  longer: { more: ['long'], less: ['short'] },
  heavier: { more: ['heavy'], less: ['light'] },
  lighter: { more: ['light'], less: ['heavy'] },
});

/** +1 / 0 / -1 for one object's attributes under a comparative. */
export function comparativeScore(comparative: Comparative, attributes: readonly string[]): number {
  let score = 0;
  if (attributes.some((attribute) => comparative.more.includes(attribute))) score += 1;
  if (attributes.some((attribute) => comparative.less.includes(attribute))) score -= 1;
  return score;
}
