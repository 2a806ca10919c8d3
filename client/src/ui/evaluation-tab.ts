/**
 * The Evaluation tab: run a batch evaluation of the sample set on the server (any answerer, annotated
 * or predicted graphs), or open `metrics.json` / `predictions.json` / questions / a saved job, then
 * browse accuracy by question type and the wrong answers; each wrong answer opens its scene in the
 * Inspect tab with the question asked again.
 */
import type { ApiClient } from '../api/api-client.ts';
import { isApiError } from '../api/api-error.ts';
import type { Answerer, GqaMetrics, Prediction, SampleQuestion } from '../api/types.ts';
import type { Actions } from '../app/actions.ts';
import type { AppState, EditableGraph } from '../app/state.ts';
import { Store } from '../app/store.ts';
import { comparePredictions, type AccuracyCount, type PredictionComparison } from '../evaluation/compare-predictions.ts';
import { classifyEvaluationFile } from '../evaluation/evaluation-files.ts';
import { h, replaceChildren } from './dom.ts';

const POLL_MS = 250;
const PAGE = 50;

interface EvaluationState {
  running: boolean;
  progress: { done: number; total: number } | undefined;
  error: string | undefined;
  origin: string | undefined;
  graphs: EditableGraph;
  metrics: GqaMetrics | undefined;
  predictions: Prediction[] | undefined;
  questions: Record<string, SampleQuestion>;
  filter: string;
  shown: number;
}

const initial: EvaluationState = { running: false, progress: undefined, error: undefined, origin: undefined, graphs: 'annotated', metrics: undefined, predictions: undefined, questions: {}, filter: '', shown: PAGE };

function message(error: unknown): string {
  return isApiError(error) ? error.detail : (error as Error).message;
}

export function mountEvaluationTab(app: Store<AppState>, actions: Actions, api: ApiClient): { element: HTMLElement } {
  const store = new Store<EvaluationState>(initial);
  let sampleQuestions: Promise<Record<string, SampleQuestion>> | undefined;
  const loadSampleQuestions = () =>
    (sampleQuestions ??= Promise.all(app.get().samples.map((s) => api.sample(s.id))).then((details) => Object.assign({}, ...details.map((d) => d.questions)) as Record<string, SampleQuestion>));

  // Run on the server.
  const answerer = h('select', { id: 'eval-answerer' }, h('option', { value: 'auto' }, 'auto'), h('option', { value: 'model' }, 'model'), h('option', { value: 'symbolic' }, 'executor'));
  const graphs = h('select', { id: 'eval-graphs' }, h('option', { value: 'annotated' }, 'annotated graphs'), h('option', { value: 'predicted' }, 'predicted graphs'));
  const run = h('button', { type: 'button', class: 'primary', id: 'eval-run' }, 'Evaluate the sample set');
  run.addEventListener('click', async () => {
    const graphChoice = graphs.value as EditableGraph;
    store.set({ ...initial, running: true, graphs: graphChoice, origin: 'the server' });
    try {
      const submitted = await api.submitEvaluation({ split: 'sample', answerer: answerer.value as Answerer, graphs: graphChoice });
      let job = await api.evaluation(submitted.id);
      while (job.status === 'queued' || job.status === 'running') {
        store.set({ progress: { done: job.progress.done, total: job.progress.total } });
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        job = await api.evaluation(submitted.id);
      }
      if (job.status !== 'succeeded') throw new Error(job.error ? `${job.error.code}: ${job.error.message}` : `the evaluation ${job.status}`);
      const [predictions, questions] = await Promise.all([api.predictions(job.id), loadSampleQuestions()]);
      const how = `${String(job.request.answerer ?? 'auto')} on ${String(job.request.graphs ?? graphChoice)} graphs`;
      store.set({ running: false, metrics: job.metrics, predictions, questions, origin: `server job ${job.id.slice(0, 8)} (${how}, ${job.summary?.questions ?? predictions.length} questions, ${job.summary?.seconds.toFixed(2) ?? '?'} s)` });
    } catch (error) {
      store.set({ running: false, error: message(error) });
    }
  });

  // Open files.
  const files = h('input', { type: 'file', id: 'eval-files', accept: 'application/json,.json', multiple: true });
  files.addEventListener('change', async () => {
    const chosen = Array.from(files.files ?? []);
    files.value = '';
    if (chosen.length === 0) return;
    const next: Partial<EvaluationState> = { ...initial, graphs: graphs.value as EditableGraph, origin: chosen.map((f) => f.name).join(', ') };
    try {
      for (const file of chosen) {
        let json: unknown;
        try {
          json = JSON.parse(await file.text());
        } catch (error) {
          throw new Error(`${file.name}: not valid JSON (${(error as Error).message})`);
        }
        const parsed = classifyEvaluationFile(file.name, json);
        if (parsed.kind === 'metrics') next.metrics = parsed.metrics;
        else if (parsed.kind === 'predictions') next.predictions = parsed.predictions;
        else if (parsed.kind === 'questions') next.questions = { ...next.questions, ...parsed.questions };
        else {
          next.metrics = parsed.job.metrics;
          next.predictions ??= await api.predictions(parsed.job.id).catch(() => undefined);
        }
      }
      if (next.predictions && Object.keys(next.questions ?? {}).length === 0) next.questions = await loadSampleQuestions();
      store.set(next);
    } catch (error) {
      store.set({ ...initial, error: message(error) });
    }
  });

  const status = h('p', { id: 'eval-status', 'aria-live': 'polite' });
  const results = h('div', { class: 'eval-results', id: 'eval-results' });
  const element = h(
    'div',
    { class: 'eval-layout' },
    h(
      'section',
      { class: 'panel eval-controls', 'aria-labelledby': 'eval-heading' },
      h('h2', { id: 'eval-heading' }, 'Batch evaluation'),
      h('p', {}, 'Run the GQA metrics over the committed sample set on the server, or open files from ', h('code', {}, 'sgvqa score'), ' / the batch evaluation: metrics.json, predictions.json, a questions file, or a saved API job.'),
      h('div', { class: 'row wrap' }, h('label', { for: 'eval-answerer' }, 'Answerer'), answerer, h('label', { for: 'eval-graphs' }, 'on'), graphs, run),
      h('div', { class: 'row wrap' }, h('label', { for: 'eval-files' }, 'Or open files'), files),
      status,
    ),
    results,
  );

  store.watch((s) => s, (state) => {
    run.disabled = state.running;
    status.className = state.error ? 'error-text' : 'meta';
    status.textContent = state.error
      ? state.error
      : state.running
        ? `Evaluating… ${state.progress ? `${state.progress.done} / ${state.progress.total}` : ''}`
        : state.origin
          ? `Showing ${state.origin}.`
          : '';
    renderResults(results, state, app, actions, store);
  });
  return { element };
}

function pct(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${value.toFixed(1)}%`;
}

function accuracyTable(title: string, rows: [string, { accuracy: number; count: number }][], filterPrefix: string, store: Store<EvaluationState>): HTMLElement {
  return h(
    'table',
    { class: 'data type-table' },
    h('caption', {}, title),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'type'), h('th', { scope: 'col', class: 'num' }, 'accuracy'), h('th', { scope: 'col' }, ''), h('th', { scope: 'col', class: 'num' }, 'questions'))),
    h(
      'tbody',
      {},
      rows.map(([type, entry]) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, h('button', { type: 'button', class: 'link', title: `Show wrong answers of type ${type}`, onclick: () => store.set({ filter: `${filterPrefix}:${type}`, shown: PAGE }) }, type)),
          h('td', { class: 'num' }, pct(entry.accuracy)),
          h('td', { class: 'bar-cell' }, h('span', { class: 'bar', style: { width: `${Math.max(0.5, entry.accuracy)}%` } })),
          h('td', { class: 'num' }, String(entry.count)),
        ),
      ),
    ),
  );
}

const fromCounts = (table: Record<string, AccuracyCount>): [string, { accuracy: number; count: number }][] =>
  Object.entries(table).map(([k, v]) => [k, { accuracy: (100 * v.correct) / Math.max(1, v.count), count: v.count }]);

function renderResults(container: HTMLElement, state: EvaluationState, app: Store<AppState>, actions: Actions, store: Store<EvaluationState>): void {
  if (!state.metrics && !state.predictions) {
    replaceChildren(container);
    return;
  }
  const comparison: PredictionComparison | undefined = state.predictions ? comparePredictions(state.predictions, state.questions) : undefined;
  const m = state.metrics;
  const summary = m
    ? [
        ['accuracy', m.accuracy],
        ['binary', m.binary],
        ['open', m.open],
        ['consistency', m.consistency],
        ['validity', m.validity],
        ['plausibility', m.plausibility],
        ['grounding', m.grounding],
        ['distribution', m.distribution],
      ]
    : [['accuracy', comparison && comparison.scored ? (100 * comparison.correct) / comparison.scored : null]];
  const cards = h(
    'dl',
    { class: 'metric-cards' },
    summary.map(([label, value]) => h('div', { class: 'metric' }, h('dt', {}, String(label)), h('dd', {}, label === 'distribution' ? (value === null ? '—' : (value as number).toFixed(2)) : pct(value as number | null)))),
  );
  const structural = m ? Object.entries(m.perStructuralType) : comparison ? fromCounts(comparison.byStructural) : [];
  const semantic = m ? Object.entries(m.perSemanticType) : comparison ? fromCounts(comparison.bySemantic) : [];

  const samples = new Set(app.get().samples.map((s) => s.id));
  const wrong = (comparison?.wrong ?? []).filter((w) => {
    if (!state.filter) return true;
    const [kind, type] = state.filter.split(':');
    return (kind === 'structural' ? w.structural : w.semantic) === type;
  });
  const wrongSection = comparison
    ? h(
        'section',
        { class: 'panel wrong-answers', 'aria-labelledby': 'wrong-heading' },
        h('h2', { id: 'wrong-heading' }, `Wrong answers (${comparison.wrong.length} of ${comparison.scored})${state.filter ? ` — ${state.filter.replace(':', ' ')}` : ''}`),
        state.filter ? h('button', { type: 'button', class: 'small', onclick: () => store.set({ filter: '', shown: PAGE }) }, 'Show all types') : null,
        comparison.unknown ? h('p', { class: 'meta' }, `${comparison.unknown} predictions have no known question or annotated answer (open the questions file to score them).`) : null,
        wrong.length === 0
          ? h('p', {}, comparison.wrong.length === 0 ? 'Every scored answer is right.' : 'No wrong answers of this type.')
          : h(
              'table',
              { class: 'data', id: 'wrong-table' },
              h('thead', {}, h('tr', {}, ['question', 'annotated', 'predicted', 'type', ''].map((c) => h('th', { scope: 'col' }, c)))),
              h(
                'tbody',
                {},
                wrong.slice(0, state.shown).map((w) =>
                  h(
                    'tr',
                    { dataset: { questionId: w.questionId } },
                    h('td', {}, w.question),
                    h('td', { class: 'ok-text' }, w.answer),
                    h('td', { class: 'error-text' }, w.prediction),
                    h('td', { class: 'meta' }, [w.structural, w.semantic].filter(Boolean).join(' / ')),
                    h(
                      'td',
                      {},
                      samples.has(w.imageId)
                        ? h('button', { type: 'button', class: 'small', 'aria-label': `Open the scene of: ${w.question}`, onclick: () => void actions.openQuestion(w.imageId, w.questionId, state.graphs) }, 'Open scene')
                        : h('span', { class: 'meta', title: 'Only the committed samples can be opened' }, w.imageId),
                    ),
                  ),
                ),
              ),
            ),
        wrong.length > state.shown ? h('button', { type: 'button', onclick: () => store.set({ shown: state.shown + PAGE }) }, `Show ${Math.min(PAGE, wrong.length - state.shown)} more`) : null,
      )
    : h('p', { class: 'meta panel' }, 'Open a predictions file to browse the wrong answers.');

  replaceChildren(
    container,
    h('section', { class: 'panel', 'aria-labelledby': 'metrics-heading' }, h('h2', { id: 'metrics-heading' }, m ? 'GQA metrics' : 'Accuracy (from predictions)'), cards, h('div', { class: 'type-tables' }, accuracyTable('By structural type', structural, 'structural', store), accuracyTable('By semantic type', semantic, 'semantic', store))),
    wrongSection,
  );
}
