/**
 * Append-only typed arrays that double their capacity, for per-question data of ~1M questions where a
 * plain `number[]` would cost 8-16 bytes per slot plus boxing.
 */
export class GrowableInt32Array {
  private data: Int32Array;
  length = 0;

  constructor(initialCapacity = 1024) {
    this.data = new Int32Array(Math.max(16, initialCapacity));
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  get(index: number): number {
    return this.data[index] ?? 0;
  }

  /** Overwrites a filled slot. */
  set(index: number, value: number): void {
    if (index >= this.length) throw new RangeError(`growable-array: index ${index} is past the end (${this.length})`);
    this.data[index] = value;
  }

  /** A view of the filled part (shares memory; valid until the next push). */
  view(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

export class GrowableFloat64Array {
  private data: Float64Array;
  length = 0;

  constructor(initialCapacity = 1024) {
    this.data = new Float64Array(Math.max(16, initialCapacity));
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  /** A view of the filled part (shares memory; valid until the next push). */
  view(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}
