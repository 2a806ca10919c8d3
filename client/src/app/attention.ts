/**
 * The attention weights to light up: the shown answer's grounding at the shown round, keyed by what the
 * panels draw. Weights apply only to the graph the question was asked on (in the differences view,
 * through that graph's side of the object matching); on another graph they would point at nothing.
 */
import { keyOfId } from '../scene/display-scene.ts';
import { activeAsk, currentDisplay } from './selectors.ts';
import type { AppState } from './state.ts';

export function attentionWeights(state: AppState): Map<string, number> | undefined {
  const ask = activeAsk(state);
  const display = currentDisplay(state);
  if (!ask?.response || state.round === undefined || !display) return undefined;
  if (state.choice !== 'diff' && state.choice !== ask.graph) return undefined;
  const round = ask.response.grounding[state.round];
  if (!round) return undefined;
  const weights = new Map<string, number>();
  for (const { id, weight } of round.objects) {
    const key = display.mode === 'diff' ? keyOfId(display, id, ask.graph) : id;
    if (key !== undefined) weights.set(key, Math.max(weights.get(key) ?? 0, weight));
  }
  return weights;
}

/** Share of a round's largest weight from which an object is one of the round's foci. */
export const FOCUS_SHARE = 0.5;

/**
 * The objects a round mostly looks at: weight at least FOCUS_SHARE of the round's largest. These are
 * named on the image and the graph and their relations shown; a soft attention spreads a little weight
 * over everything, and naming all of it would bury the few objects that matter.
 */
export function attentionFoci(weights: ReadonlyMap<string, number> | undefined): Set<string> {
  const foci = new Set<string>();
  if (!weights || weights.size === 0) return foci;
  const max = Math.max(...weights.values());
  if (max <= 0.01) return foci;
  for (const [key, weight] of weights) if (weight >= FOCUS_SHARE * max) foci.add(key);
  return foci;
}
