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
