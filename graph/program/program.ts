/**
 * The typed form of a GQA semantic program: one step per entry of a question's `semantic` list, each
 * with its arguments already parsed. Steps refer to earlier steps by index (`deps`), exactly as GQA's
 * `dependencies` do, so a program is a DAG in topological order.
 *
 * Conventions taken from the real GQA questions:
 * - Object names carry the ids of the annotated objects in parentheses, `wall (722332)`, `car (-)` (no
 *   such object), `animal (1,2,3)`. They are kept in `ids` for grounding only and never used to answer.
 * - `relate: person,in,s` over [snow] yields the persons that are IN the snow: the letter says which role
 *   the NAMED objects play in `subject -predicate-> object`. `s`: they are the subjects and the input
 *   objects are the objects; `o`: the input objects are the subjects. The same holds for `verify rel`
 *   and `choose rel`.
 * - `_` as a name means "any object"; it is stored as an absent `name`.
 */

/** The role the objects named in a relation argument play: GQA's `s` = subject, `o` = object. */
export type RelationRole = 'subject' | 'object';

/** `select: wall (722332)`: the objects whose name is (or is a kind of) `name`. */
export interface SelectStep {
  kind: 'select';
  name: string;
  /** Annotated object ids (grounding only): absent when the argument has no parentheses, `[]` for `(-)`. */
  ids?: readonly string[];
  deps: readonly number[];
}

/** `select: scene`: the whole image, for `query place`, `choose weather` and the like. */
export interface SceneStep {
  kind: 'scene';
  deps: readonly number[];
}

/** `filter color: white`, `filter: ripe`, `filter pose: not(standing)`: keep the objects that (do not) have it. */
export interface FilterStep {
  kind: 'filter';
  /** Attribute category from the operation (`filter color`); absent for a plain `filter` (any category). */
  category?: string;
  value: string;
  negated: boolean;
  deps: readonly number[];
}

/** `relate: _,on,s (722335)`: the objects linked to the input by `predicate`, in the given role. */
export interface RelateStep {
  kind: 'relate';
  /** Name the related objects must have; absent for `_` (any object). */
  name?: string;
  predicate: string;
  role: RelationRole;
  ids?: readonly string[];
  deps: readonly number[];
}

/** `query: color`: the value of a category (`name`, an attribute category, `place`, `weather`, ...). */
export interface QueryStep {
  kind: 'query';
  category: string;
  deps: readonly number[];
}

/** `verify color: dark`: yes if an input object has the value (or, negated, lacks it). */
export interface VerifyStep {
  kind: 'verify';
  category?: string;
  value: string;
  negated: boolean;
  deps: readonly number[];
}

/** `verify rel: chair,behind,o (1310765)`: yes if the input is related as stated. */
export interface VerifyRelStep {
  kind: 'verifyRel';
  name?: string;
  predicate: string;
  role: RelationRole;
  ids?: readonly string[];
  deps: readonly number[];
}

/** `choose color: beige|red`, `choose: grassy|bare`, `choose name: cow|lamb`: which option holds. */
export interface ChooseStep {
  kind: 'choose';
  category?: string;
  options: readonly string[];
  deps: readonly number[];
}

/** `choose rel: giraffe,to the left of|to the right of,s (2968952)`: which relation holds. */
export interface ChooseRelStep {
  kind: 'chooseRel';
  name?: string;
  predicates: readonly string[];
  role: RelationRole;
  ids?: readonly string[];
  deps: readonly number[];
}

/** `choose healthier:  [0, 1]`: the name of the object of the two that is healthier (older, larger, ...). */
export interface CompareStep {
  kind: 'compare';
  /** The comparative of the operation: `healthier`, `less healthy`, `older`, `larger`, ... */
  comparative: string;
  deps: readonly number[];
}

/** `exist: ? [0]`: yes if the input set is not empty. */
export interface ExistStep {
  kind: 'exist';
  deps: readonly number[];
}

/** `and:  [1, 3]` / `or:  [1, 3]` over two yes/no steps. */
export interface LogicStep {
  kind: 'and' | 'or';
  deps: readonly number[];
}

/**
 * `same color:  [0, 1]` (between the objects of two steps) or `same: color [0]` (all objects of one
 * step); `different` is the negation of `same`.
 */
export interface SameDifferentStep {
  kind: 'same' | 'different';
  category: string;
  deps: readonly number[];
}

/** `common:  [0, 1]`: the attribute category the two objects share (`color`, `material`, ...). */
export interface CommonStep {
  kind: 'common';
  deps: readonly number[];
}

/** An operation this parser does not know, kept verbatim so the executor can report it by name. */
export interface UnknownStep {
  kind: 'unknown';
  operation: string;
  argument: string;
  deps: readonly number[];
}

export type ProgramStep =
  | SelectStep
  | SceneStep
  | FilterStep
  | RelateStep
  | QueryStep
  | VerifyStep
  | VerifyRelStep
  | ChooseStep
  | ChooseRelStep
  | CompareStep
  | ExistStep
  | LogicStep
  | SameDifferentStep
  | CommonStep
  | UnknownStep;

export type StepKind = ProgramStep['kind'];

/** A parsed program: steps in order; each step depends only on earlier ones. */
export interface Program {
  steps: readonly ProgramStep[];
}

/** One entry of GQA's `semantic` list. */
export interface GqaSemanticStep {
  operation: string;
  argument: string;
  dependencies: number[];
}
