/**
 * The Inspect tab: image and graph side by side (hover and selection shared through the store), the
 * object list, details and edits below, the question panel and reasoning player on the right.
 */
import type { Actions } from '../app/actions.ts';
import { attentionWeights } from '../app/attention.ts';
import { currentDisplay } from '../app/selectors.ts';
import { displayShortId, type DisplayObject } from '../scene/display-scene.ts';
import type { AppState } from '../app/state.ts';
import type { Store } from '../app/store.ts';
import { mountAskPanel } from './ask-panel.ts';
import { mountAttentionPlayer } from './attention-player.ts';
import { mountDiffSummary } from './diff-summary.ts';
import { h } from './dom.ts';
import { mountEditLog } from './edit-log.ts';
import { mountGraphChoice } from './graph-choice.ts';
import { GraphView } from './graph-view.ts';
import { ImagePanel } from './image-panel.ts';
import { mountObjectDetails } from './object-details.ts';
import { mountObjectList } from './object-list.ts';
import { mountSourcePanel } from './source-panel.ts';

export function mountInspectTab(store: Store<AppState>, actions: Actions): { element: HTMLElement; afterMount: () => void; prepare: () => void } {
  const idOf = (object: DisplayObject) => displayShortId(object, store.get().source?.id);
  const image = new ImagePanel({ onHover: (key) => actions.hover(key), onSelect: (key) => actions.select(key === store.get().selected ? undefined : key), shortId: idOf });
  const graph = new GraphView({ label: 'Scene graph drawing (the object list carries the same content)', onHover: (key) => actions.hover(key), onSelect: (key) => actions.select(key) });
  const graphStatus = h('p', { class: 'graph-status meta', id: 'graph-status' });

  const stage = h(
    'div',
    { class: 'stage' },
    h('figure', { class: 'panel figure', id: 'image-figure' }, image.element, h('figcaption', {}, 'Image and boxes')),
    h('figure', { class: 'panel figure', id: 'graph-figure' }, graph.element, h('figcaption', {}, graphStatus)),
  );
  const element = h(
    'div',
    { class: 'inspect-layout' },
    h('div', { class: 'column left' }, mountSourcePanel(store, actions), mountGraphChoice(store, actions), mountObjectList(store, actions)),
    h('div', { class: 'column center' }, stage, mountDiffSummary(store, actions), h('div', { class: 'below-stage' }, mountObjectDetails(store, actions), mountEditLog(store, actions))),
    h('div', { class: 'column right' }, mountAskPanel(store, actions), mountAttentionPlayer(store, actions)),
  );

  const afterMount = () => {
    store.watch((s) => s.source, (source) => image.setImage(source?.imageUrl, source ? `${source.kind === 'sample' ? `World sample ${source.id}` : `Uploaded image ${source.name}`}` : 'No image'));
    store.watch((s) => currentDisplay(s), (display) => {
      image.setDisplay(display);
      graph.setDisplay(display, idOf);
    });
    store.watch((s) => [currentDisplay(s), s.predicted, s.choice, s.edits], () => {
      const state = store.get();
      const display = currentDisplay(state);
      const edited = state.choice !== 'diff' && state.edits[state.choice].length > 0;
      graphStatus.textContent = display
        ? `${display.mode === 'diff' ? 'Predicted vs annotated' : `${state.choice === 'annotated' ? 'Annotated' : 'Predicted'} graph${edited ? ' (edited)' : ''}`}: ${display.objects.length} objects, ${display.relations.length} relations`
        : state.choice !== 'annotated' && state.predicted.status === 'loading'
          ? 'Predicting the scene graph…'
          : state.choice !== 'annotated' && state.predicted.status === 'error'
            ? 'No predicted graph (see Scene graph on the left).'
            : 'No graph to draw.';
    });
    store.watch((s) => [s.hovered, s.selected, s.round, s.activeAsk, s.asks, currentDisplay(s)], () => {
      const state = store.get();
      const highlight = { hovered: state.hovered, selected: state.selected, weights: attentionWeights(state) };
      image.setHighlight(highlight);
      graph.setHighlight(highlight);
    });
  };
  return { element, afterMount, prepare: () => graph.prepare() };
}
