/**
 * `relate: name,predicate,s|o`: the objects linked to any input object by `predicate`, named `name`
 * (any name for `_`). Role `subject`: they are the subjects, `them -predicate-> input`; role `object`:
 * `input -predicate-> them`. An object never relates to itself.
 *
 * Predicates `same <category>` / `different <category>` (GQA's "the item with the same color as ...")
 * compare attribute values instead of following edges.
 */
import { objectValues } from '../category-values.ts';
import { failure, objects, type ExecutionContext, type StepOutcome } from '../execution-context.ts';
import type { RelationRole } from '../program.ts';

export interface RelationQuery {
  name?: string;
  predicate: string;
  role: RelationRole;
}

const ATTRIBUTE_RELATION = /^(same|different) (.+)$/;

export function runRelate(context: ExecutionContext, query: RelationQuery, input: readonly string[]): StepOutcome {
  const related = relatedObjects(context, query, input);
  return related === null
    ? failure('argument', `"${query.predicate}" compares a category the ontology does not have`)
    : objects(related);
}

/** The related objects in discovery order, or null for a `same <category>` the ontology lacks. */
export function relatedObjects(context: ExecutionContext, query: RelationQuery, input: readonly string[]): string[] | null {
  const attributeRelation = ATTRIBUTE_RELATION.exec(query.predicate);
  if (attributeRelation) {
    const [, sameOrDifferent, category] = attributeRelation;
    return byAttribute(context, query.name, sameOrDifferent === 'same', category ?? '', input);
  }
  const { graph, names } = context;
  const found = new Set<string>();
  const consider = (candidate: string, anchor: string, predicate: string): void => {
    if (predicate !== query.predicate || candidate === anchor || found.has(candidate)) return;
    if (query.name === undefined || names.matches(graph.getNodeAttribute(candidate, 'name'), query.name)) {
      found.add(candidate);
    }
  };
  for (const anchor of input) {
    if (query.role === 'subject') {
      graph.forEachInEdge(anchor, (_edge, attrs, source) => consider(source, anchor, attrs.predicate));
    } else {
      graph.forEachOutEdge(anchor, (_edge, attrs, _source, target) => consider(target, anchor, attrs.predicate));
    }
  }
  return [...found];
}

function byAttribute(
  context: ExecutionContext,
  name: string | undefined,
  same: boolean,
  category: string,
  input: readonly string[],
): string[] | null {
  const anchorValues = new Set<string>();
  for (const anchor of input) {
    const values = objectValues(context, context.graph.getNodeAttributes(anchor), category);
    if (values === null) return null;
    for (const value of values) anchorValues.add(value);
  }
  const inputSet = new Set(input);
  const found: string[] = [];
  context.graph.forEachNode((id, attrs) => {
    if (inputSet.has(id)) return;
    if (name !== undefined && !context.names.matches(attrs.name, name)) return;
    const values = objectValues(context, attrs, category) ?? [];
    if (values.length === 0) return;
    const shares = values.some((value) => anchorValues.has(value));
    if (shares === same) found.push(id);
  });
  return found;
}
