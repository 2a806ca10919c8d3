/**
 * Referring expressions: the shortest description (shape name plus as few attributes as possible, or
 * attributes plus the word `shape`) that picks out exactly one object, as a text phrase and as the GQA
 * program steps that select it (`select: circle (id)` then one `filter <category>: <value>` per
 * attribute). Categories a question asks about are excluded, so the description never gives away the
 * answer.
 */
import type { Rng } from '../prng.ts';
import { ATTRIBUTE_CATEGORIES, SHAPE_CATEGORY, type AttributeCategory } from '../vocabulary.ts';
import type { ObjectRef } from './phrase.ts';
import type { FactObject, SceneFacts } from './scene-facts.ts';
import type { ProgramBuilder } from './program-builder.ts';

/** Adjective order in English: size, colour, material ("small red striped circle"). */
const ADJECTIVE_ORDER: readonly AttributeCategory[] = ['size', 'color', 'material'];

export interface Description {
  object: FactObject;
  /** False: the description says `shape` instead of the name (for questions about the name). */
  named: boolean;
  categories: readonly AttributeCategory[];
}

export interface DescribeOptions {
  /** Categories the description must not use. */
  exclude?: readonly AttributeCategory[];
  /** Whether the name may be used (default true). Without it the noun is `shape`. */
  named?: boolean;
  /** Chance of one extra, redundant attribute (default 0.2): varied, natural phrasings. */
  extraChance?: number;
}

function matches(object: FactObject, target: FactObject, named: boolean, categories: readonly AttributeCategory[]): boolean {
  if (named && object.name !== target.name) return false;
  return categories.every((category) => object.values[category] === target.values[category]);
}

function subsets(categories: readonly AttributeCategory[]): AttributeCategory[][] {
  const out: AttributeCategory[][] = [];
  for (let mask = 0; mask < 1 << categories.length; mask++) {
    out.push(categories.filter((_c, i) => (mask & (1 << i)) !== 0));
  }
  return out.sort((a, b) => a.length - b.length);
}

/** A unique description of `object`, or undefined when none exists under the options. */
export function describe(facts: SceneFacts, object: FactObject, rng: Rng, options: DescribeOptions = {}): Description | undefined {
  const named = options.named ?? true;
  const allowed = ATTRIBUTE_CATEGORIES.filter((c) => !(options.exclude ?? []).includes(c));
  const unique = subsets(allowed).filter((categories) => {
    if (!named && categories.length === 0) return false;
    return facts.objects.filter((o) => matches(o, object, named, categories)).length === 1;
  });
  if (unique.length === 0) return undefined;
  const shortest = unique[0]!.length;
  let categories = rng.pick(unique.filter((c) => c.length === shortest));
  const longer = unique.filter((c) => c.length === shortest + 1 && categories.every((k) => c.includes(k)));
  if (longer.length > 0 && rng.chance(options.extraChance ?? 0.2)) categories = rng.pick(longer);
  return { object, named, categories: ADJECTIVE_ORDER.filter((c) => categories.includes(c)) };
}

/** Whether `object` can be described uniquely at all under the options (no randomness). */
export function isDescribable(facts: SceneFacts, object: FactObject, options: DescribeOptions = {}): boolean {
  const named = options.named ?? true;
  const key = `describable|${object.id}|${named}|${[...(options.exclude ?? [])].sort().join(',')}`;
  return facts.memo(key, () => describableNow(facts, object, named, options));
}

function describableNow(facts: SceneFacts, object: FactObject, named: boolean, options: DescribeOptions): boolean {
  const allowed = ATTRIBUTE_CATEGORIES.filter((c) => !(options.exclude ?? []).includes(c));
  return subsets(allowed).some((categories) => (named || categories.length > 0) && facts.objects.filter((o) => matches(o, object, named, categories)).length === 1);
}

/** "small red circle" (no article). */
export function nounPhrase(description: Description): string {
  const words = description.categories.map((c) => description.object.values[c]);
  words.push(description.named ? description.object.name : SHAPE_CATEGORY);
  return words.join(' ');
}

/** "the small red circle" as a grounded reference. */
export function theRef(description: Description): ObjectRef {
  const text = `the ${nounPhrase(description)}`;
  return { text, head: text.split(' ').length - 1, id: description.object.id };
}

/** Appends the select + filter steps of a description; returns the index of its last step. */
export function selectSteps(program: ProgramBuilder, description: Description): number {
  const { object } = description;
  let last = program.add('select', `${description.named ? object.name : SHAPE_CATEGORY} (${object.id})`, []);
  for (const category of description.categories) last = program.add(`filter ${category}`, object.values[category], [last]);
  return last;
}
