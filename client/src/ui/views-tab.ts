/**
 * The Views tab: the two augmented views of the image that the self-supervised losses compare, side by
 * side, each with its predicted graph, and the node correspondence between them (lines between matched
 * boxes, and a table). Hovering an object in one view highlights its match in the other.
 */
import type { Actions } from '../app/actions.ts';
import { attributeGroups } from '../app/selectors.ts';
import type { AppState } from '../app/state.ts';
import type { Store } from '../app/store.ts';
import { isApiError } from '../api/api-error.ts';
import type { Correspondence, SceneGraphResponse } from '../api/types.ts';
import { boxCenter } from '../scene/box.ts';
import { nameObject, sharedIdStem, shortId } from '../scene/describe.ts';
import { displayScene, type DisplayObject, type DisplayScene } from '../scene/display-scene.ts';
import { h, percent, replaceChildren, svg } from './dom.ts';
import { GraphView } from './graph-view.ts';
import { ImagePanel } from './image-panel.ts';

const VIEW_NAMES = ['View A', 'View B'] as const;

/** `{brightness: 1.12, shift: [3, -2]}` -> `brightness 1.12 · shift 3, -2`. */
export function describeTransform(transform: Record<string, unknown>): string {
  const format = (value: unknown): string => {
    if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(2);
    if (Array.isArray(value)) return value.map(format).join(', ');
    if (value && typeof value === 'object') return Object.entries(value).map(([k, v]) => `${k} ${format(v)}`).join(', ');
    return String(value);
  };
  const parts = Object.entries(transform).map(([key, value]) => `${key} ${format(value)}`);
  return parts.length ? parts.join(' · ') : 'no transform reported';
}

interface Hover {
  view: 0 | 1;
  key: string;
}

export function mountViewsTab(store: Store<AppState>, actions: Actions): { element: HTMLElement; afterMount: () => void } {
  // Each view's ids extend their own view id (`…-view1-3`): shown as `#3`, the view being named by its panel.
  const stems: [string | undefined, string | undefined] = [undefined, undefined];
  const idLabels = [0, 1].map((view) => (object: DisplayObject) => shortId(object.key, stems[view] ?? store.get().source?.id));
  let hover: Hover | undefined;
  let pairs: Correspondence[] = [];
  const images = [0, 1].map((view) => new ImagePanel({ onHover: (key) => setHover(key === undefined ? undefined : { view: view as 0 | 1, key }), shortId: idLabels[view]! }));
  const graphs = [0, 1].map(
    (view) => new GraphView({ label: `Predicted graph of ${VIEW_NAMES[view]}`, onHover: (key) => setHover(key === undefined ? undefined : { view: view as 0 | 1, key }) }),
  );
  const transforms = [h('p', { class: 'meta transform' }), h('p', { class: 'meta transform' })];
  const lines = svg('svg', { class: 'correspondence-lines', 'aria-hidden': 'true' });
  const imagesRow = h(
    'div',
    { class: 'views-images' },
    [0, 1].map((view) => h('figure', { class: 'panel figure view-figure', id: `view-${view}` }, h('h3', {}, VIEW_NAMES[view]!), images[view]!.element, transforms[view]!)),
    lines,
  );
  const graphsRow = h('div', { class: 'views-graphs' }, [0, 1].map((view) => h('figure', { class: 'panel figure' }, graphs[view]!.element, h('figcaption', {}, `${VIEW_NAMES[view]}: predicted graph`))));
  const table = h('div', { class: 'panel correspondence', id: 'correspondence' });
  const status = h('p', { class: 'views-status', id: 'views-status', 'aria-live': 'polite' });
  const recompute = h('button', { type: 'button', id: 'views-recompute', onclick: () => void actions.loadViews() }, 'Compute again');
  const element = h(
    'div',
    { class: 'views-layout' },
    h(
      'section',
      { class: 'panel views-intro' },
      h('h2', {}, 'Augmented views'),
      h('p', {}, 'Self-supervision compares two views of the same image (colour, blur, noise, small scale and shift changes, never flips): the generator predicts a graph for each, and the matched nodes below are the pairs the node-wise loss pulls together.'),
      h('div', { class: 'row' }, recompute, status),
    ),
    h('div', { class: 'views-body', id: 'views-body' }, imagesRow, graphsRow, table),
  );

  let displays: [DisplayScene, DisplayScene] | undefined;
  const matchOf = (view: 0 | 1, key: string): string | undefined => {
    const pair = pairs.find((p) => (view === 0 ? p.a : p.b) === key);
    return pair ? (view === 0 ? pair.b : pair.a) : undefined;
  };
  function setHover(next: Hover | undefined): void {
    hover = next;
    const other = hover ? matchOf(hover.view, hover.key) : undefined;
    [0, 1].forEach((view) => {
      const key = hover ? (hover.view === view ? hover.key : other) : undefined;
      images[view]!.setHighlight({ hovered: key, selected: key });
      graphs[view]!.setHighlight({ hovered: key, selected: key });
    });
    drawLines();
    table.querySelectorAll('tr[data-a]').forEach((row) => {
      const r = row as HTMLElement;
      row.classList.toggle('hovered', !!hover && (hover.view === 0 ? r.dataset.a === hover.key : r.dataset.b === hover.key));
    });
  }

  function drawLines(): void {
    lines.replaceChildren();
    if (!displays) return;
    const frame = imagesRow.getBoundingClientRect();
    lines.setAttribute('viewBox', `0 0 ${frame.width} ${frame.height}`);
    const point = (view: 0 | 1, key: string) => {
      const display = displays![view];
      const object = display.objects.find((o) => o.key === key);
      const img = images[view]!.element.querySelector('img');
      if (!object || !img) return undefined;
      const rect = img.getBoundingClientRect();
      const c = boxCenter(object.boxes[0]!.box);
      return { x: rect.left - frame.left + (c.x / display.width) * rect.width, y: rect.top - frame.top + (c.y / display.height) * rect.height };
    };
    for (const pair of pairs) {
      const a = point(0, pair.a);
      const b = point(1, pair.b);
      if (!a || !b) continue;
      const active = hover && (hover.view === 0 ? hover.key === pair.a : hover.key === pair.b);
      lines.appendChild(svg('line', { x1: a.x, y1: a.y, x2: b.x, y2: b.y, class: `match-line${active ? ' active' : ''}`, 'stroke-opacity': String(0.3 + 0.7 * pair.score) }));
    }
  }

  const render = (views: AppState['views']) => {
    const state = store.get();
    recompute.disabled = !state.source || views.status === 'loading';
    const body = element.querySelector<HTMLElement>('#views-body')!;
    if (views.status !== 'ready' || !views.value.views || views.value.views.length < 2) {
      body.hidden = true;
      displays = undefined;
      status.className = 'views-status';
      if (views.status === 'loading') status.textContent = 'Computing the two views and their graphs…';
      else if (views.status === 'error') {
        status.classList.add('warning');
        status.textContent = isApiError(views.error) && views.error.modelUnavailable ? `Views need the scene-graph generator. ${views.error.detail[0]!.toUpperCase()}${views.error.detail.slice(1)}.` : `Could not compute the views: ${isApiError(views.error) ? views.error.detail : views.error.message}`;
      } else if (views.status === 'ready') status.textContent = 'The server returned no views for this image.';
      else status.textContent = state.source ? '' : 'Pick a sample or upload an image first.';
      return;
    }
    body.hidden = false;
    renderViews(views.value, state);
  };

  const renderViews = (response: SceneGraphResponse, state: AppState) => {
    const groups = attributeGroups(state);
    const [viewA, viewB] = response.views as [NonNullable<SceneGraphResponse['views']>[number], NonNullable<SceneGraphResponse['views']>[number]];
    displays = [displayScene(viewA.sceneGraph, groups), displayScene(viewB.sceneGraph, groups)];
    pairs = response.correspondence ?? [];
    [viewA, viewB].forEach((view, i) => {
      stems[i] = sharedIdStem(Object.keys(view.sceneGraph.objects));
      images[i]!.setImage(view.image, `${VIEW_NAMES[i]}: augmented image`);
      images[i]!.setDisplay(displays![i]);
      graphs[i]!.setDisplay(displays![i], idLabels[i]);
      transforms[i]!.textContent = describeTransform(view.transform);
    });
    const matchedA = new Set(pairs.map((p) => p.a));
    const matchedB = new Set(pairs.map((p) => p.b));
    const unmatchedA = Object.keys(viewA.sceneGraph.objects).filter((id) => !matchedA.has(id)).length;
    const unmatchedB = Object.keys(viewB.sceneGraph.objects).filter((id) => !matchedB.has(id)).length;
    status.className = 'views-status';
    status.textContent = `${pairs.length} matched nodes; ${unmatchedA} unmatched in view A, ${unmatchedB} in view B.`;
    replaceChildren(
      table,
      h(
        'table',
        { class: 'data' },
        h('caption', {}, 'Node correspondence (view A ↔ view B)'),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, VIEW_NAMES[0]), h('th', { scope: 'col' }, VIEW_NAMES[1]), h('th', { scope: 'col' }, 'match score'))),
        h(
          'tbody',
          {},
          pairs.map((p) =>
            h(
              'tr',
              { dataset: { a: p.a, b: p.b }, tabindex: '0', onmouseenter: () => setHover({ view: 0, key: p.a }), onfocus: () => setHover({ view: 0, key: p.a }), onmouseleave: () => setHover(undefined), onblur: () => setHover(undefined) },
              h('td', {}, nameObject(viewA.sceneGraph, p.a, stems[0] ?? state.source?.id, groups)),
              h('td', {}, nameObject(viewB.sceneGraph, p.b, stems[1] ?? state.source?.id, groups)),
              h('td', { class: 'num' }, percent(p.score)),
            ),
          ),
        ),
      ),
    );
    requestAnimationFrame(drawLines);
  };

  const afterMount = () => {
    store.watch((s) => [s.views, s.source], () => render(store.get().views));
    store.watch((s) => s.tab, (tab) => tab === 'views' && requestAnimationFrame(drawLines));
    if (typeof ResizeObserver !== 'undefined') new ResizeObserver(() => drawLines()).observe(imagesRow);
    [0, 1].forEach((view) => images[view]!.element.querySelector('img')!.addEventListener('load', drawLines));
  };
  return { element, afterMount };
}
