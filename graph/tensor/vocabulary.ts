/**
 * A vocabulary: labels <-> dense integer ids, with an explicit policy for labels it does not know.
 *
 * Id layout: `<unk>` first when reserved (id 0), then `<none>` when reserved, then the labels. With
 * `unknown: 'unk'`, an unknown label maps to the `<unk>` id; with `unknown: 'error'` (no `<unk>` id)
 * looking it up throws a VocabularyError. `<none>` stands for "no label of this kind" (an object without
 * a color, say) and is what attribute groups use.
 */
import { VocabularyError } from './vocabulary-error.ts';

export const UNK = '<unk>';
export const NONE = '<none>';

export type UnknownPolicy = 'unk' | 'error';

export interface VocabularyOptions {
  /** What an unknown label maps to: `'unk'` reserves `<unk>` (id 0) for it; `'error'` (default) throws. */
  unknown?: UnknownPolicy;
  /** Reserve `<none>` (after `<unk>`). Default false. */
  none?: boolean;
  /** `'sorted'` (default; by UTF-16 code units, locale-independent) or `'given'` (first occurrence). */
  order?: 'sorted' | 'given';
}

/** The JSON form: the ordinary labels in id order plus the policy; specials are implied by the flags. */
export interface VocabularyJson {
  labels: string[];
  unknown: UnknownPolicy;
  none: boolean;
}

export class Vocabulary {
  /** Every label in id order, specials included: `labels[id]`. */
  readonly labels: readonly string[];
  readonly unknown: UnknownPolicy;
  /** Id of `<unk>`, when reserved. */
  readonly unkId: number | undefined;
  /** Id of `<none>`, when reserved. */
  readonly noneId: number | undefined;
  private readonly ids: ReadonlyMap<string, number>;

  private constructor(labels: readonly string[], unknown: UnknownPolicy, none: boolean) {
    const all: string[] = [];
    if (unknown === 'unk') all.push(UNK);
    if (none) all.push(NONE);
    const ids = new Map<string, number>(all.map((label, id) => [label, id]));
    for (const label of labels) {
      if (label === UNK || label === NONE) throw new VocabularyError(`tensor/vocabulary: "${label}" is reserved`);
      if (ids.has(label)) continue;
      ids.set(label, all.length);
      all.push(label);
    }
    this.labels = all;
    this.ids = ids;
    this.unknown = unknown;
    this.unkId = unknown === 'unk' ? 0 : undefined;
    this.noneId = none ? (unknown === 'unk' ? 1 : 0) : undefined;
  }

  /** A vocabulary of `labels` (repeats dropped), ordered as `options.order` says. */
  static fromLabels(labels: Iterable<string>, options: VocabularyOptions = {}): Vocabulary {
    const unique = [...new Set(labels)];
    if ((options.order ?? 'sorted') === 'sorted') unique.sort();
    return new Vocabulary(unique, options.unknown ?? 'error', options.none ?? false);
  }

  /** Inverse of toJSON; ids come back identical. */
  static fromJSON(json: unknown): Vocabulary {
    const value = json as Partial<VocabularyJson> | null;
    if (
      value === null || typeof value !== 'object' || !Array.isArray(value.labels) ||
      !value.labels.every((label) => typeof label === 'string') ||
      (value.unknown !== 'unk' && value.unknown !== 'error') || typeof value.none !== 'boolean'
    ) {
      throw new VocabularyError('tensor/vocabulary: expected {labels: string[], unknown: "unk" | "error", none: boolean}');
    }
    if (new Set(value.labels).size !== value.labels.length) throw new VocabularyError('tensor/vocabulary: repeated label in JSON');
    return new Vocabulary(value.labels, value.unknown, value.none);
  }

  /** Number of ids (specials included). */
  get size(): number {
    return this.labels.length;
  }

  /** The id of `label` if the vocabulary has it (specials included), without applying the unknown policy. */
  find(label: string): number | undefined {
    return this.ids.get(label);
  }

  /** The id of `label`; an unknown label gives the `<unk>` id, or throws when there is none. */
  id(label: string): number {
    const id = this.ids.get(label) ?? this.unkId;
    if (id === undefined) throw new VocabularyError(`tensor/vocabulary: unknown label "${label}" and no ${UNK} id`);
    return id;
  }

  label(id: number): string {
    const label = this.labels[id];
    if (label === undefined) throw new VocabularyError(`tensor/vocabulary: id ${id} out of range 0..${this.labels.length - 1}`);
    return label;
  }

  toJSON(): VocabularyJson {
    const specials = (this.unkId === undefined ? 0 : 1) + (this.noneId === undefined ? 0 : 1);
    return { labels: this.labels.slice(specials), unknown: this.unknown, none: this.noneId !== undefined };
  }
}
