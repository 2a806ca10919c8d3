/**
 * Sentences with grounding: a sentence is built from parts, some of which refer to an object; the result
 * is the text plus GQA-style annotations, `{ "<token index>": objectId }`, where tokens are the text split
 * on spaces (punctuation stays on its word, as in GQA: "pond?" is one token) and the index is the head
 * noun's (`"the small red circle"` -> the index of `circle`).
 */

/** A piece of text that names an object; `head` is the word index of its head noun within `text`. */
export interface ObjectRef {
  text: string;
  head: number;
  id: string;
}

export type Part = string | ObjectRef;

export interface Sentence {
  text: string;
  /** token index -> object id */
  annotations: Record<string, string>;
}

/** Joins parts with spaces, capitalizes the first letter and appends `end` ('?' or '.') to the last word. */
export function sentence(parts: readonly Part[], end: string): Sentence {
  const tokens: string[] = [];
  const annotations: Record<string, string> = {};
  for (const part of parts) {
    const text = typeof part === 'string' ? part : part.text;
    const words = text.split(' ').filter((word) => word !== '');
    // Punctuation opening a part belongs to the previous word: "the circle, red or blue".
    while (words.length > 0 && tokens.length > 0 && /^[,;:]$/.test(words[0]!)) tokens[tokens.length - 1] += words.shift()!;
    if (words.length > 0 && tokens.length > 0 && /^[,;:]/.test(words[0]!)) {
      tokens[tokens.length - 1] += words[0]!.charAt(0);
      words[0] = words[0]!.slice(1);
    }
    if (typeof part !== 'string') annotations[String(tokens.length + part.head)] = part.id;
    tokens.push(...words);
  }
  if (tokens.length > 0) {
    const first = tokens[0]!;
    tokens[0] = first.charAt(0).toUpperCase() + first.slice(1);
    tokens[tokens.length - 1] += end;
  }
  return { text: tokens.join(' '), annotations };
}

/** "a" or "an" for the word that follows. */
export function article(next: string): string {
  return /^[aeiou]/i.test(next) ? 'an' : 'a';
}

/** English plural of the world's nouns (shape names, `shape`, `object`). */
export function plural(noun: string): string {
  if (/(?:s|x|ch|sh)$/.test(noun)) return `${noun}es`;
  return `${noun}s`;
}

/** A ref whose text ends with its head noun. */
export function refEndingInHead(text: string, id: string): ObjectRef {
  return { text, head: text.split(' ').length - 1, id };
}

/**
 * Fills `{slot}` placeholders of a template with parts; plain text between slots stays as is.
 * `fill('is the {a} {v}', { a: ref, v: 'red' })`.
 */
export function fill(template: string, slots: Readonly<Record<string, Part>>): Part[] {
  const parts: Part[] = [];
  let last = 0;
  for (const match of template.matchAll(/\{(\w+)\}/g)) {
    if (match.index > last) parts.push(template.slice(last, match.index));
    const slot = slots[match[1] ?? ''];
    if (slot === undefined) throw new RangeError(`world/questions: template "${template}" has no value for {${match[1]}}`);
    parts.push(slot);
    last = match.index + match[0].length;
  }
  if (last < template.length) parts.push(template.slice(last));
  return parts;
}
