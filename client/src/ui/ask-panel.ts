/**
 * Ask a question: free text (answered by the VQA model) or one of the sample's questions (which carry a
 * program, so the executor can answer and be compared), the answerer to use, and the answers so far,
 * newest first: the answer with its top-k bars, the annotated answer, the executor's answer and trace,
 * timings, and for an edited graph the answer the unedited graph gave (the counterfactual).
 */
import type { Actions } from '../app/actions.ts';
import { isApiError } from '../api/api-error.ts';
import type { Answerer } from '../api/types.ts';
import { attributeGroups } from '../app/selectors.ts';
import type { AppState, AskResult } from '../app/state.ts';
import type { Store } from '../app/store.ts';
import { nameObject } from '../scene/describe.ts';
import { h, percent, replaceChildren } from './dom.ts';
import { distributionBars } from './distribution-bars.ts';
import { programTrace } from './program-trace.ts';

const ANSWERERS: { id: Answerer; label: string; hint: string }[] = [
  { id: 'auto', label: 'Auto', hint: 'the model when it is loaded, else the executor' },
  { id: 'model', label: 'Model', hint: 'the SelfGraphVQA model' },
  { id: 'symbolic', label: 'Executor', hint: "the question's program, run on the graph" },
];

export function mountAskPanel(store: Store<AppState>, actions: Actions): HTMLElement {
  const input = h('input', { type: 'text', id: 'question-input', maxlength: '300', autocomplete: 'off', placeholder: 'Ask about the image…', 'aria-describedby': 'question-hint' });
  input.addEventListener('input', () => {
    const { question, source } = store.get();
    const sampleText = question.questionId && source?.kind === 'sample' ? source.detail.questions[question.questionId]?.question : undefined;
    // A reworded sample question is free text: it no longer has the sample's program.
    actions.setQuestion(input.value, sampleText === input.value ? question.questionId : undefined);
  });
  const questions = h('select', { id: 'sample-questions', 'aria-label': 'Sample questions' });
  questions.addEventListener('change', () => {
    const { source } = store.get();
    if (source?.kind !== 'sample') return;
    const question = source.detail.questions[questions.value];
    if (question) actions.setQuestion(question.question, questions.value);
  });
  const answererInputs = ANSWERERS.map((a) => {
    const radio = h('input', { type: 'radio', name: 'answerer', value: a.id, id: `answerer-${a.id}`, onchange: () => actions.setAnswerer(a.id) });
    return { a, radio, label: h('label', { for: `answerer-${a.id}`, title: a.hint, class: 'choice' }, radio, ` ${a.label}`) };
  });
  const askButton = h('button', { type: 'submit', class: 'primary', id: 'ask-button' }, 'Ask');
  const hint = h('p', { class: 'meta', id: 'question-hint' });
  const form = h(
    'form',
    { class: 'ask-form', 'aria-label': 'Ask a question' },
    h('label', { for: 'question-input' }, 'Question'),
    h('div', { class: 'row' }, input, askButton),
    questions,
    h('fieldset', { class: 'answerers' }, h('legend', {}, 'Answered by'), answererInputs.map((x) => x.label)),
    hint,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void actions.ask();
  });
  const answers = h('div', { class: 'answers', id: 'answers', 'aria-live': 'polite' });

  store.watch((s) => s.question, (question) => {
    if (input.value !== question.text) input.value = question.text;
    questions.value = question.questionId ?? '';
  });
  store.watch((s) => s.answerer, (answerer) => answererInputs.forEach((x) => (x.radio.checked = x.a.id === answerer)));
  store.watch((s) => s.source, (source) => {
    const entries = source?.kind === 'sample' ? Object.entries(source.detail.questions) : [];
    questions.hidden = entries.length === 0;
    replaceChildren(
      questions,
      h('option', { value: '' }, entries.length ? `Sample questions (${entries.length}) — these carry programs` : 'No sample questions'),
      entries.map(([id, q]) => h('option', { value: id }, `${q.question}${q.types?.structural ? ` [${q.types.structural}]` : ''}`)),
    );
    questions.value = store.get().question.questionId ?? '';
  });
  store.watch((s) => [s.model, s.question, s.choice], () => {
    const { model, question, choice } = store.get();
    const vqa = model?.vqa.available ?? false;
    const graphText = choice === 'diff' ? 'on both graphs' : `on the ${choice} graph`;
    hint.textContent = question.questionId
      ? `A sample question: answered ${graphText}; the executor runs its program${vqa ? ' beside the model' : ''}.`
      : vqa
        ? `Free text: the VQA model answers ${graphText}.`
        : 'Free text needs the VQA model, which is not loaded: pick a sample question for the executor.';
  });
  store.watch((s) => [s.asks, s.activeAsk, s.source, s.model], () => renderAnswers(store, actions, answers));

  return h('section', { class: 'panel ask-panel', 'aria-labelledby': 'ask-heading' }, h('h2', { id: 'ask-heading' }, 'Ask'), form, answers);
}

function errorText(error: Error | undefined): string {
  if (!error) return 'Failed.';
  if (isApiError(error)) {
    if (error.modelUnavailable) return `Not available yet: ${error.detail}`;
    return `${error.detail}${error.path ? ` (${error.path})` : ''}`;
  }
  return error.message;
}

function graphLabel(ask: AskResult): string {
  return `${ask.graph} graph${ask.edits ? `, ${ask.edits} edit${ask.edits > 1 ? 's' : ''}` : ''}`;
}

function renderAnswers(store: Store<AppState>, actions: Actions, container: HTMLElement): void {
  const state = store.get();
  if (state.asks.length === 0) {
    replaceChildren(container, h('p', { class: 'meta' }, 'Answers appear here, newest first.'));
    return;
  }
  replaceChildren(container, state.asks.map((ask) => answerCard(state, ask, actions)));
}

function answerCard(state: AppState, ask: AskResult, actions: Actions): HTMLElement {
  const active = ask.id === state.activeAsk;
  const header = h('p', { class: 'card-meta' }, h('span', { class: `badge graph-${ask.graph}` }, graphLabel(ask)), ask.response ? h('span', { class: 'badge' }, ask.response.answeredBy === 'model' ? 'model' : 'executor') : null);
  const question = h('p', { class: 'card-question' }, ask.question);
  if (ask.status === 'pending') return h('article', { class: 'answer-card pending', 'aria-busy': 'true' }, header, question, h('p', { class: 'meta' }, 'Answering…'));
  if (ask.status === 'error' || !ask.response) {
    return h('article', { class: 'answer-card failed' }, header, question, h('p', { class: 'error-text', role: 'alert' }, errorText(ask.error)));
  }
  const r = ask.response;
  const groups = attributeGroups(state);
  const name = (id: string) => nameObject(r.sceneGraph, id, state.source?.id, groups);
  const gold = r.goldAnswer !== undefined ? h('span', { class: r.goldAnswer === r.answer ? 'ok-text' : 'error-text' }, ` annotated answer: ${r.goldAnswer} ${r.goldAnswer === r.answer ? '✓' : '✗'}`) : null;
  // The same question asked before on this graph without edits: the counterfactual comparison.
  const before = ask.edits > 0 ? state.asks.find((a) => a.id < ask.id && a.graph === ask.graph && a.edits === 0 && a.question === ask.question && a.response) : undefined;
  return h(
    'article',
    { class: `answer-card${active ? ' active' : ''}`, dataset: { answer: r.answer } },
    header,
    question,
    h('p', { class: 'answer-line' }, h('span', { class: 'answer' }, r.answer), h('span', { class: 'meta' }, ` ${percent(r.confidence)}`), gold),
    before?.response ? h('p', { class: 'counterfactual' }, `Before the edits: ${before.response.answer}${before.response.answer === r.answer ? ' (unchanged)' : ' → changed'}`) : null,
    r.topK.length > 1 ? distributionBars(r.topK.map((t) => ({ label: t.answer, p: t.p })), { highlight: r.answer, caption: 'Top answers' }) : null,
    r.program && r.answeredBy === 'model' ? h('p', { class: 'meta' }, 'Compared with the executor on the same graph:') : null,
    r.program ? programTrace(r.program, name) : null,
    h(
      'p',
      { class: 'card-footer' },
      r.grounding.length
        ? h('button', { type: 'button', class: 'small', 'aria-pressed': String(active), onclick: () => actions.showAsk(ask.id) }, active ? 'Reasoning shown' : `Show reasoning (${r.grounding.length} rounds)`)
        : null,
      h('span', { class: 'meta' }, ` ${r.timings.totalMs !== undefined ? `${r.timings.totalMs.toFixed(1)} ms` : ''}`),
    ),
  );
}
