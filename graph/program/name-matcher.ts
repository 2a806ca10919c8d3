/**
 * Does an object's name answer a program's name? True when the names are equal, equal up to an English
 * plural (`boys` ~ `boy`, `women` ~ `woman`, `cows` ~ `cow`), or the object is a kind of the named class
 * (`man` is a person, `cows` are animals) in the name hierarchy, followed transitively (an apple is fruit,
 * fruit is food). Pluralia tantum (glasses, pants, ...) are never singularized, so `glass` stays a glass.
 */
import type { NameHierarchy } from './default-hypernyms.ts';

const IRREGULAR: Readonly<Record<string, string>> = {
  men: 'man', women: 'woman', people: 'person', persons: 'person', children: 'child', feet: 'foot',
  teeth: 'tooth', mice: 'mouse', geese: 'goose', knives: 'knife', leaves: 'leaf', shelves: 'shelf',
  wolves: 'wolf', loaves: 'loaf', halves: 'half', calves: 'calf', scarves: 'scarf', oxen: 'ox',
  policemen: 'policeman', fishermen: 'fisherman', firemen: 'fireman', gentlemen: 'gentleman',
  buses: 'bus', skis: 'ski', tomatoes: 'tomato', potatoes: 'potato', mangoes: 'mango', cookies: 'cookie',
  brownies: 'brownie', hoodies: 'hoodie', smoothies: 'smoothie', movies: 'movie', goalies: 'goalie',
};

/** Words whose trailing `s` is not a plural: never stripped. */
const KEEP = new Set([
  'glasses', 'sunglasses', 'eyeglasses', 'goggles', 'pants', 'trousers', 'jeans', 'shorts', 'scissors',
  'clothes', 'pajamas', 'tights', 'leggings', 'overalls', 'trunks', 'headphones', 'earphones', 'binoculars',
  'tongs', 'chopsticks', 'stairs', 'steps', 'noodles', 'fries', 'news', 'canvas', 'lens', 'species',
  'series', 'tennis', 'suds', 'dreadlocks',
]);

/** English singular of a (possibly multi-word) name; only the last word is inflected. */
export function singular(name: string): string {
  const space = name.lastIndexOf(' ');
  const head = space < 0 ? '' : name.slice(0, space + 1);
  const word = space < 0 ? name : name.slice(space + 1);
  if (KEEP.has(name) || KEEP.has(word)) return name;
  const irregular = IRREGULAR[word];
  if (irregular !== undefined) return head + irregular;
  if (word.length > 4 && word.endsWith('ies')) return `${head}${word.slice(0, -3)}y`;
  if (word.length > 3 && /(?:ches|shes|sses|xes)$/.test(word)) return head + word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !/(?:ss|us|is)$/.test(word)) return head + word.slice(0, -1);
  return name;
}

export interface NameMatcher {
  matches(objectName: string, programName: string): boolean;
  /** Whether the name is a class of the hierarchy (`person`, `animal`, ...). */
  isClass(name: string): boolean;
}

const matchers = new WeakMap<NameHierarchy, NameMatcher>();

/** A matcher over one hierarchy; built once per hierarchy object and cached. */
export function nameMatcher(hierarchy: NameHierarchy): NameMatcher {
  let matcher = matchers.get(hierarchy);
  if (!matcher) {
    matcher = buildMatcher(hierarchy);
    matchers.set(hierarchy, matcher);
  }
  return matcher;
}

function buildMatcher(hierarchy: NameHierarchy): NameMatcher {
  const members = closure(hierarchy);
  const singulars = new Map<string, string>();
  const singularOf = (name: string): string => {
    let found = singulars.get(name);
    if (found === undefined) {
      found = singular(name.toLowerCase());
      // Vocabularies are finite, but a long-running server sees unbounded junk: keep the cache small.
      if (singulars.size > 50_000) singulars.clear();
      singulars.set(name, found);
    }
    return found;
  };
  return {
    matches(objectName, programName) {
      if (objectName === programName) return true;
      const object = singularOf(objectName);
      const program = singularOf(programName);
      if (object === program) return true;
      return members.get(program)?.has(object) ?? false;
    },
    isClass(name) {
      return members.has(singularOf(name));
    },
  };
}

/** Category -> every member reachable through sub-categories (singular forms). */
function closure(hierarchy: NameHierarchy): Map<string, Set<string>> {
  const direct = new Map<string, string[]>();
  for (const [category, list] of Object.entries(hierarchy)) {
    direct.set(singular(category), list.map((member) => singular(member)));
  }
  const result = new Map<string, Set<string>>();
  const expand = (category: string, into: Set<string>, visiting: Set<string>): void => {
    if (visiting.has(category)) return;
    visiting.add(category);
    for (const member of direct.get(category) ?? []) {
      into.add(member);
      if (direct.has(member)) expand(member, into, visiting);
    }
  };
  for (const category of direct.keys()) {
    const into = new Set<string>();
    expand(category, into, new Set());
    result.set(category, into);
  }
  return result;
}
