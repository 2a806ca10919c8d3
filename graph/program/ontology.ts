/**
 * The attribute ontology the executor answers with: category -> the values that belong to it, e.g.
 * `{ color: ['red', 'blue'], size: ['small', 'large'] }`. An object's value in a category is the subset of
 * its `attributes` listed under that category (in the object's own order).
 *
 * Preparing turns the lists into Sets once per ontology object (cached), so the executor's lookups are
 * O(1) however many programs run against it.
 */

export type AttributeOntology = Readonly<Record<string, readonly string[]>>;

export interface PreparedOntology {
  /** Categories in declaration order (the order `common` tries them in). */
  categories: readonly string[];
  values: ReadonlyMap<string, ReadonlySet<string>>;
}

const prepared = new WeakMap<AttributeOntology, PreparedOntology>();

export function prepareOntology(ontology: AttributeOntology): PreparedOntology {
  let ready = prepared.get(ontology);
  if (!ready) {
    const values = new Map<string, ReadonlySet<string>>();
    for (const [category, list] of Object.entries(ontology)) values.set(category, new Set(list));
    ready = { categories: [...values.keys()], values };
    prepared.set(ontology, ready);
  }
  return ready;
}
