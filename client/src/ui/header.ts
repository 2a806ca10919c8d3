/**
 * The page header: title, the three tabs (a WAI-ARIA tab list: arrow keys move between tabs), and what
 * the server can do right now (which models are loaded), so a 503 further down is never a surprise.
 */
import type { Actions } from '../app/actions.ts';
import type { Tab } from '../app/state.ts';
import type { Store } from '../app/store.ts';
import type { AppState } from '../app/state.ts';
import { h, replaceChildren } from './dom.ts';

export const TABS: { id: Tab; label: string }[] = [
  { id: 'inspect', label: 'Inspect' },
  { id: 'views', label: 'Views' },
  { id: 'evaluation', label: 'Evaluation' },
];

export function mountHeader(store: Store<AppState>, actions: Actions): HTMLElement {
  const buttons = TABS.map((tab) =>
    h('button', { role: 'tab', id: `tab-${tab.id}`, 'aria-controls': `panel-${tab.id}`, type: 'button', onclick: () => actions.setTab(tab.id) }, tab.label),
  );
  const tablist = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Page sections' }, buttons);
  tablist.addEventListener('keydown', (event) => {
    const index = TABS.findIndex((t) => t.id === store.get().tab);
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step && event.key !== 'Home' && event.key !== 'End') return;
    event.preventDefault();
    const next = event.key === 'Home' ? 0 : event.key === 'End' ? TABS.length - 1 : (index + step + TABS.length) % TABS.length;
    actions.setTab(TABS[next]!.id);
    buttons[next]!.focus();
  });
  store.watch((s) => s.tab, (tab) => {
    TABS.forEach((t, i) => {
      buttons[i]!.setAttribute('aria-selected', String(t.id === tab));
      buttons[i]!.tabIndex = t.id === tab ? 0 : -1;
    });
  });

  const models = h('ul', { class: 'model-status', 'aria-label': 'Models on the server' });
  store.watch((s) => s.model, (model) => {
    if (!model) {
      replaceChildren(models, h('li', { class: 'chip' }, 'models: unknown'));
      return;
    }
    const chip = (label: string, available: boolean, reason?: string) =>
      h('li', { class: `chip ${available ? 'ok' : 'off'}`, title: available ? `${label} loaded` : (reason ?? `${label} not loaded`) }, `${available ? '✓' : '✗'} ${label}`);
    replaceChildren(
      models,
      chip('scene-graph generator', model.sceneGraphGenerator.available, model.sceneGraphGenerator.available ? undefined : model.sceneGraphGenerator.reason),
      chip('VQA model', model.vqa.available, model.vqa.available ? undefined : model.vqa.reason),
      chip('program executor', model.symbolic.available),
    );
  });

  return h('header', { class: 'page-header' }, h('h1', {}, 'SelfGraphVQA ', h('span', { class: 'subtitle' }, 'scene-graph inspector')), tablist, models);
}
