/**
 * The inspection page's entry point: builds the page, loads the vocabulary, the sample list and the
 * first sample, then marks the page interactive (`<html data-ready>` and the `sgvqa:interactive`
 * performance mark, which the browser tests read for the load-to-interactive figure).
 */
import './styles.css';
import { ApiClient } from './api/api-client.ts';
import { API_KEY_STORAGE, Actions } from './app/actions.ts';
import { initialState, type AppState, type Tab } from './app/state.ts';
import { Store } from './app/store.ts';
import { h } from './ui/dom.ts';
import { mountEvaluationTab } from './ui/evaluation-tab.ts';
import { TABS, mountHeader } from './ui/header.ts';
import { mountInspectTab } from './ui/inspect-tab.ts';
import { mountNotice } from './ui/notice.ts';
import { mountViewsTab } from './ui/views-tab.ts';

function sampleFromHash(): string | undefined {
  const match = /^#sample=([^&]+)/.exec(location.hash);
  return match ? decodeURIComponent(match[1]!) : undefined;
}

async function start(): Promise<void> {
  const store = new Store<AppState>(initialState());
  const api = new ApiClient();
  try {
    api.setApiKey(sessionStorage.getItem(API_KEY_STORAGE) ?? undefined);
  } catch {
    // No session storage: the page asks for a key if the server wants one.
  }
  const actions = new Actions(store, api);

  const inspect = mountInspectTab(store, actions);
  const views = mountViewsTab(store, actions);
  const evaluation = mountEvaluationTab(store, actions, api);
  const content: Record<Tab, HTMLElement> = { inspect: inspect.element, views: views.element, evaluation: evaluation.element };
  const panels = TABS.map((tab) => h('section', { role: 'tabpanel', id: `panel-${tab.id}`, 'aria-labelledby': `tab-${tab.id}`, class: 'tab-panel' }, content[tab.id]));
  const main = h('main', { id: 'main' }, mountNotice(store, actions), panels);
  document.body.replaceChildren(h('a', { href: '#main', class: 'skip-link' }, 'Skip to content'), mountHeader(store, actions), main);

  store.watch((s) => s.tab, (tab) => TABS.forEach((t, i) => (panels[i]!.hidden = t.id !== tab)));

  // The first requests go out first; sigma sets up WebGL while the first sample is on the wire.
  actions.whileFirstSampleLoads = () => inspect.prepare();
  const loading = actions.init(sampleFromHash());
  inspect.afterMount();
  views.afterMount();
  await loading;
  document.documentElement.dataset.ready = 'true';
  performance.mark('sgvqa:interactive');
}

void start();
