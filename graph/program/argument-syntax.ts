/**
 * The small grammar of GQA step arguments, both ways:
 *   named     := name [ "(" ( "-" | id { "," id } ) ")" ]        wall (722332), car (-), animal (1,2,3)
 *   negatable := value | "not(" value ")"                         white, not(clean)
 *   relation  := name-or-_ "," predicate "," ("s"|"o") [ids]       _,on,s (722335)
 *   options   := option "|" option { "|" option }                 beige|red
 * Parsers return `string` messages instead of throwing so the caller can attach the JSON path.
 */
import type { RelationRole } from './program.ts';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(message: string): Parsed<T> => ({ ok: false, message });

export interface Named {
  name: string;
  ids?: readonly string[];
}

const TRAILING_IDS = /\(([^()]*)\)\s*$/;

/** `wall (722332)` -> { name: 'wall', ids: ['722332'] }; `car (-)` -> ids []; `scene` -> no ids. */
export function parseNamed(text: string): Parsed<Named> {
  const match = TRAILING_IDS.exec(text);
  const name = (match ? text.slice(0, match.index) : text).trim();
  if (name === '') return fail(`expected an object name, got "${text}"`);
  if (!match) return ok({ name });
  const inside = (match[1] ?? '').trim();
  if (inside === '-') return ok({ name, ids: [] });
  const ids = inside.split(',').map((id) => id.trim());
  if (ids.some((id) => id === '')) return fail(`malformed object ids "(${inside})" in "${text}"`);
  return ok({ name, ids });
}

export function formatIds(ids: readonly string[] | undefined): string {
  if (ids === undefined) return '';
  return ids.length === 0 ? ' (-)' : ` (${ids.join(',')})`;
}

export interface Negatable {
  value: string;
  negated: boolean;
}

const NEGATION = /^not\((.*)\)$/;

/** `not(clean)` -> { value: 'clean', negated: true }. Trailing blanks (GQA has `small `) are dropped. */
export function parseNegatable(text: string): Parsed<Negatable> {
  const trimmed = text.trim();
  const match = NEGATION.exec(trimmed);
  const value = (match ? (match[1] ?? '') : trimmed).trim();
  if (value === '') return fail(`expected a value, got "${text}"`);
  return ok({ value, negated: match !== null });
}

export function formatNegatable({ value, negated }: Negatable): string {
  return negated ? `not(${value})` : value;
}

/** `beige|red` -> ['beige', 'red']: at least two non-empty options. */
export function parseOptions(text: string): Parsed<string[]> {
  const options = text.split('|').map((option) => option.trim());
  if (options.length < 2 || options.some((option) => option === '')) {
    return fail(`expected options "a|b", got "${text}"`);
  }
  return ok(options);
}

export interface RelationArgument {
  /** Absent for `_`. */
  name?: string;
  /** The middle field, unsplit (`to the left of|to the right of` for `choose rel`). */
  predicate: string;
  role: RelationRole;
  ids?: readonly string[];
}

/** `person,in,s (823320)` -> name person, predicate in, role subject, ids ['823320']. */
export function parseRelation(text: string): Parsed<RelationArgument> {
  const match = TRAILING_IDS.exec(text);
  const body = match ? text.slice(0, match.index) : text;
  const parts = body.split(',').map((part) => part.trim());
  if (parts.length < 3) return fail(`expected "name,predicate,s|o", got "${text}"`);
  const name = parts[0] ?? '';
  const letter = parts[parts.length - 1];
  const predicate = parts.slice(1, -1).join(',').trim();
  if (name === '') return fail(`missing object name (use "_" for any) in "${text}"`);
  if (predicate === '') return fail(`missing predicate in "${text}"`);
  if (letter !== 's' && letter !== 'o') return fail(`expected role "s" or "o" at the end of "${text}", got "${letter}"`);
  const relation: RelationArgument = { predicate, role: letter === 's' ? 'subject' : 'object' };
  if (name !== '_') relation.name = name;
  if (match) {
    const named = parseNamed(`_${match[0]}`);
    if (!named.ok) return named;
    if (named.value.ids !== undefined) relation.ids = named.value.ids;
  }
  return ok(relation);
}

export function formatRelation(relation: RelationArgument): string {
  const role = relation.role === 'subject' ? 's' : 'o';
  return `${relation.name ?? '_'},${relation.predicate},${role}${formatIds(relation.ids)}`;
}
