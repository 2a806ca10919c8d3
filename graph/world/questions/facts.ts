/**
 * Fact keys for entailment: a question `needs` some facts to be answered and `reveals` the facts its
 * answer makes known. Q1 entails Q2 when everything Q2 needs is revealed by Q1 (GQA's `entailed`).
 */
import { SHAPES, WORLD_ONTOLOGY, type AttributeCategory } from '../vocabulary.ts';

export const hasFact = (id: string, value: string): string => `has:${id}:${value}`;

/** All value facts of one category of an object: knowing the value settles every one of them. */
export function categoryFacts(id: string, category: AttributeCategory): string[] {
  return WORLD_ONTOLOGY[category].map((value) => hasFact(id, value));
}

export function nameFacts(id: string): string[] {
  return SHAPES.map((shape) => `is:${id}:${shape}`);
}

export const relFact = (subject: string, predicate: string, object: string): string => `rel:${subject}:${predicate}:${object}`;

export const placeFacts = (values: readonly string[]): string[] => values.map((value) => `place:${value}`);
