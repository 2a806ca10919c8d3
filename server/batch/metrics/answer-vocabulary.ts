/** Interns answer strings as small integers: 1M predictions share a few thousand distinct answers. */
export class AnswerVocabulary {
  private readonly ids = new Map<string, number>();
  private readonly texts: string[] = [];

  /** The id of `answer`, adding it when new. */
  intern(answer: string): number {
    let id = this.ids.get(answer);
    if (id === undefined) {
      id = this.texts.length;
      this.ids.set(answer, id);
      this.texts.push(answer);
    }
    return id;
  }

  text(id: number): string {
    const text = this.texts[id];
    if (text === undefined) throw new RangeError(`answer-vocabulary: unknown answer id ${id}`);
    return text;
  }

  get size(): number {
    return this.texts.length;
  }
}
