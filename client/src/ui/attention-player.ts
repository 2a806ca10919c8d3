/**
 * Round-by-round playback of the reasoning attention of the shown answer: each round's weights light
 * up the boxes and nodes (via the store's `round`), listed here in words as well. Play steps through the
 * rounds once; the slider and buttons move by hand; all of it works from the keyboard.
 */
import type { Actions } from '../app/actions.ts';
import { activeAsk, attributeGroups } from '../app/selectors.ts';
import { nameObject } from '../scene/describe.ts';
import type { AppState } from '../app/state.ts';
import type { Store } from '../app/store.ts';
import { h, replaceChildren } from './dom.ts';
import { distributionBars } from './distribution-bars.ts';

const STEP_MS = 1100;

export function mountAttentionPlayer(store: Store<AppState>, actions: Actions): HTMLElement {
  let timer: ReturnType<typeof setInterval> | undefined;
  const stop = () => {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
    play.textContent = '▶ Play';
    play.setAttribute('aria-pressed', 'false');
  };
  const rounds = () => activeAsk(store.get())?.response?.grounding.length ?? 0;
  const go = (round: number) => actions.setRound(Math.max(0, Math.min(rounds() - 1, round)));

  const play = h('button', { type: 'button', id: 'player-play', 'aria-pressed': 'false' }, '▶ Play');
  play.addEventListener('click', () => {
    if (timer !== undefined) {
      stop();
      return;
    }
    const total = rounds();
    if (total === 0) return;
    const current = store.get().round;
    go(current === undefined || current >= total - 1 ? 0 : current + 1);
    play.textContent = '❚❚ Pause';
    play.setAttribute('aria-pressed', 'true');
    timer = setInterval(() => {
      const round = store.get().round ?? 0;
      if (round >= rounds() - 1) stop();
      else go(round + 1);
    }, STEP_MS);
  });
  const previous = h('button', { type: 'button', class: 'icon', 'aria-label': 'Previous round', onclick: () => (stop(), go((store.get().round ?? 0) - 1)) }, '◀');
  const next = h('button', { type: 'button', class: 'icon', 'aria-label': 'Next round', id: 'player-next', onclick: () => (stop(), go((store.get().round ?? -1) + 1)) }, '▶');
  const slider = h('input', { type: 'range', min: '0', max: '0', step: '1', value: '0', id: 'player-slider', 'aria-label': 'Reasoning round' });
  slider.addEventListener('input', () => (stop(), go(Number(slider.value))));
  const caption = h('p', { class: 'round-caption', id: 'round-caption', 'aria-live': 'polite' });
  const weights = h('div', { class: 'round-weights' });
  const element = h(
    'section',
    { class: 'panel player', 'aria-labelledby': 'player-heading', id: 'attention-player' },
    h('h2', { id: 'player-heading' }, 'Reasoning, round by round'),
    h('div', { class: 'row' }, previous, play, next, slider),
    caption,
    weights,
  );

  store.watch((s) => [activeAsk(s), s.round], () => {
    const state = store.get();
    const ask = activeAsk(state);
    const grounding = ask?.response?.grounding ?? [];
    element.hidden = grounding.length === 0;
    if (grounding.length === 0) {
      stop();
      return;
    }
    slider.max = String(grounding.length - 1);
    const round = state.round;
    slider.value = String(round ?? 0);
    const current = round === undefined ? undefined : grounding[round];
    const who = ask!.response!.answeredBy === 'model' ? 'model attention' : 'executor step';
    caption.textContent = current
      ? `Round ${round! + 1} of ${grounding.length}${current.operation ? ` — ${current.operation}` : ''} (${who}, ${ask!.graph} graph${ask!.edits ? ', edited' : ''})`
      : `${grounding.length} rounds`;
    const scene = ask!.response!.sceneGraph;
    const name = (id: string) => nameObject(scene, id, state.source?.id, attributeGroups(state));
    const objects = [...(current?.objects ?? [])].sort((a, b) => b.weight - a.weight).slice(0, 6);
    replaceChildren(weights, objects.length ? distributionBars(objects.map((o) => ({ label: name(o.id), p: o.weight }))) : h('p', { class: 'meta' }, current ? 'No object attended in this round.' : ''));
  });
  return element;
}
