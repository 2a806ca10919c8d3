/**
 * The page's state container: one typed state value, replaced (never mutated) by `set`, and listeners
 * called with the new and the previous state so each panel redraws only when its part changed.
 */
export type Listener<S> = (state: S, previous: S) => void;

export class Store<S extends object> {
  private state: S;
  private readonly listeners = new Set<Listener<S>>();

  constructor(initial: S) {
    this.state = initial;
  }

  get(): S {
    return this.state;
  }

  set(patch: Partial<S> | ((state: S) => Partial<S>)): void {
    const previous = this.state;
    const change = typeof patch === 'function' ? patch(previous) : patch;
    this.state = { ...previous, ...change };
    for (const listener of [...this.listeners]) listener(this.state, previous);
  }

  subscribe(listener: Listener<S>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Calls `render` now and whenever `select(state)` changes: by identity, or element by element when
   * it returns an array (so a panel can depend on several parts of the state).
   */
  watch<T>(select: (state: S) => T, render: (value: T, state: S) => void): () => void {
    let last = select(this.state);
    render(last, this.state);
    return this.subscribe((state) => {
      const next = select(state);
      if (same(next, last)) return;
      last = next;
      render(next, state);
    });
  }
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  return a.every((value, index) => value === b[index]);
}
