/**
 * What the user can do, as methods that call the API and update the store. Every API failure ends up
 * on the page in words: in the panel it belongs to (a 503 from a model that is not loaded yet says
 * which model and why), or as a page notice.
 */
import type { ApiClient } from '../api/api-client.ts';
import { ApiError } from '../api/api-error.ts';
import type { AnswerJsonRequest, AnswerResponse, Answerer } from '../api/types.ts';
import { applyEdit, type SceneEdit } from '../scene/scene-edits.ts';
import { baseScene, editableGraph, workingScene } from './selectors.ts';
import type { AppState, AskResult, EditableGraph, GraphChoice, Tab } from './state.ts';
import type { Store } from './store.ts';

const UPLOAD_TYPES = ['image/png', 'image/jpeg', 'image/webp'];
export const API_KEY_STORAGE = 'sgvqa-api-key';
/** Asks kept in the answer history. */
const MAX_ASKS = 8;

export class Actions {
  private nextAskId = 1;
  private sourceRequest = 0;

  /** Runs once, right after the first sample's request is sent (the page prepares its graph renderer then). */
  whileFirstSampleLoads: (() => void) | undefined;

  constructor(
    readonly store: Store<AppState>,
    readonly api: ApiClient,
  ) {}

  private notice(error: unknown): void {
    const text = error instanceof ApiError ? error.detail : (error as Error).message;
    this.store.set({ notice: { kind: 'error', text } });
  }

  dismissNotice(): void {
    this.store.set({ notice: undefined });
  }

  /** Loads the vocabulary and sample list, then the sample named in the URL (or the first one). */
  async init(initialSample?: string): Promise<void> {
    const [model, samples] = await Promise.allSettled([this.api.model(), this.api.samples()]);
    const unauthorized = [model, samples].some((r) => r.status === 'rejected' && r.reason instanceof ApiError && r.reason.status === 401);
    if (unauthorized) {
      this.store.set({ needsKey: true, notice: undefined });
      return;
    }
    if (model.status === 'fulfilled') this.store.set({ model: model.value });
    else this.notice(model.reason);
    if (samples.status === 'rejected') {
      this.notice(samples.reason);
      return;
    }
    const list = samples.value.samples;
    this.store.set({ samples: list });
    const first = list.find((s) => s.id === initialSample) ?? list[0];
    // The image can download while the sample's graph is on its way.
    if (first && typeof Image !== 'undefined' && !this.store.get().needsKey) new Image().src = first.imageUrl;
    if (first) await this.loadSample(first.id);
  }

  /** Retries with the API key the user typed (kept for this browser tab only). */
  async useApiKey(key: string, initialSample?: string): Promise<void> {
    this.api.setApiKey(key);
    try {
      sessionStorage.setItem(API_KEY_STORAGE, key);
    } catch {
      // Storage can be unavailable (private modes); the key then lasts until the page is reloaded.
    }
    this.store.set({ needsKey: false });
    await this.init(initialSample);
  }

  setTab(tab: Tab): void {
    this.store.set({ tab });
    if (tab === 'views' && this.store.get().views.status === 'idle') void this.loadViews();
  }

  private resetForSource(): Partial<AppState> {
    const previous = this.store.get().source;
    if (previous?.imageUrl.startsWith('blob:')) URL.revokeObjectURL(previous.imageUrl);
    return {
      edits: { annotated: [], predicted: [] },
      selected: undefined,
      hovered: undefined,
      asks: [],
      activeAsk: undefined,
      round: undefined,
      views: { status: 'idle' },
      notice: undefined,
    };
  }

  async loadSample(id: string): Promise<void> {
    const request = ++this.sourceRequest;
    let detail;
    let imageUrl: string;
    try {
      const loading = this.api.sample(id);
      const prepare = this.whileFirstSampleLoads;
      this.whileFirstSampleLoads = undefined;
      prepare?.();
      detail = await loading;
      imageUrl = await this.api.imageUrl(detail.imageUrl);
    } catch (error) {
      this.notice(error);
      return;
    }
    if (request !== this.sourceRequest) return;
    const firstQuestion = Object.entries(detail.questions)[0];
    this.store.set((state) => ({
      ...this.resetForSource(),
      source: { kind: 'sample', id, imageUrl, detail },
      annotated: detail.sceneGraph,
      predicted: { status: 'loading' },
      // Keep looking at the predicted graph or the differences when the generator can provide them.
      choice: state.choice !== 'annotated' && state.model?.sceneGraphGenerator.available ? state.choice : 'annotated',
      question: firstQuestion ? { text: firstQuestion[1].question, questionId: firstQuestion[0] } : { text: '', questionId: undefined },
    }));
    if (typeof history !== 'undefined') history.replaceState(null, '', `#sample=${encodeURIComponent(id)}`);
    void this.loadPredicted(request, () => this.api.sampleSceneGraph(id));
    if (this.store.get().tab === 'views') void this.loadViews();
  }

  private async loadPredicted(request: number, fetchGraph: () => Promise<{ sceneGraph: AppState['annotated'] }>): Promise<void> {
    try {
      const response = await fetchGraph();
      if (request !== this.sourceRequest) return;
      this.store.set({ predicted: { status: 'ready', value: response.sceneGraph! } });
    } catch (error) {
      if (request !== this.sourceRequest) return;
      this.store.set((state) => ({
        predicted: { status: 'error', error: error as Error },
        // An upload has no other graph to fall back on; a sample keeps its annotated graph.
        choice: state.source?.kind === 'sample' && state.choice !== 'annotated' ? 'annotated' : state.choice,
      }));
    }
  }

  /** An image file dropped or chosen: checked here for type and size, then sent to the generator. */
  async loadUpload(file: File): Promise<void> {
    const limit = this.store.get().model?.limits.uploadBytes;
    if (!UPLOAD_TYPES.includes(file.type)) {
      this.store.set({ notice: { kind: 'error', text: `"${file.name}" is not a PNG, JPEG or WebP image (${file.type || 'unknown type'}).` } });
      return;
    }
    if (limit !== undefined && file.size > limit) {
      this.store.set({ notice: { kind: 'error', text: `"${file.name}" is ${(file.size / 1048576).toFixed(1)} MB; the server takes images up to ${(limit / 1048576).toFixed(0)} MB.` } });
      return;
    }
    const request = ++this.sourceRequest;
    const imageUrl = URL.createObjectURL(file);
    this.store.set({
      ...this.resetForSource(),
      source: { kind: 'upload', id: 'upload', name: file.name, file, imageUrl },
      annotated: undefined,
      predicted: { status: 'loading' },
      choice: 'predicted',
      question: { text: '', questionId: undefined },
    });
    if (typeof history !== 'undefined') history.replaceState(null, '', '#upload');
    await this.loadPredicted(request, () => this.api.imageSceneGraph(file, { imageId: 'upload' }));
    if (this.store.get().tab === 'views') void this.loadViews();
  }

  setChoice(choice: GraphChoice): void {
    this.store.set({ choice, selected: undefined, hovered: undefined, round: undefined, activeAsk: undefined });
  }

  select(key: string | undefined): void {
    if (this.store.get().selected !== key) this.store.set({ selected: key });
  }

  hover(key: string | undefined): void {
    if (this.store.get().hovered !== key) this.store.set({ hovered: key });
  }

  /** Applies an edit to the graph being worked on; an edit that does not fit is reported, not applied. */
  edit(edit: SceneEdit): void {
    const state = this.store.get();
    const which = editableGraph(state);
    const scene = which && workingScene(state, which);
    if (!which || !scene) return;
    try {
      applyEdit(scene, edit);
    } catch (error) {
      this.notice(error);
      return;
    }
    const selected = edit.kind === 'delete-object' && state.selected === edit.id ? undefined : state.selected;
    this.store.set({ edits: { ...state.edits, [which]: [...state.edits[which], edit] }, selected, notice: undefined, round: undefined, activeAsk: undefined });
  }

  undoEdit(): void {
    const state = this.store.get();
    const which = editableGraph(state);
    if (!which || state.edits[which].length === 0) return;
    this.store.set({ edits: { ...state.edits, [which]: state.edits[which].slice(0, -1) }, round: undefined, activeAsk: undefined });
  }

  resetEdits(): void {
    const state = this.store.get();
    const which = editableGraph(state);
    if (!which) return;
    this.store.set({ edits: { ...state.edits, [which]: [] }, round: undefined, activeAsk: undefined });
  }

  setQuestion(text: string, questionId?: string): void {
    this.store.set({ question: { text, questionId } });
  }

  setAnswerer(answerer: Answerer): void {
    this.store.set({ answerer });
  }

  /** Asks the current question on the graph being worked on, or on both graphs in the differences view. */
  async ask(): Promise<void> {
    const state = this.store.get();
    if (!state.source) return;
    const text = state.question.text.trim();
    if (!text) {
      this.store.set({ notice: { kind: 'error', text: 'Type a question or pick one of the sample questions.' } });
      return;
    }
    const graphs: EditableGraph[] = state.choice === 'diff' ? ['annotated', 'predicted'] : [state.choice];
    const asks: AskResult[] = graphs.map((graph) => ({
      id: this.nextAskId++,
      question: text,
      ...(state.question.questionId ? { questionId: state.question.questionId } : {}),
      graph,
      edits: state.choice === 'diff' ? 0 : state.edits[graph].length,
      answerer: state.answerer,
      status: 'pending',
    }));
    this.store.set((s) => ({ asks: [...asks.slice().reverse(), ...s.asks].slice(0, MAX_ASKS), activeAsk: asks[asks.length - 1]!.id, round: undefined, notice: undefined }));
    await Promise.all(asks.map((ask) => this.runAsk(ask)));
  }

  private async runAsk(ask: AskResult): Promise<void> {
    let response: AnswerResponse | undefined;
    let failure: Error | undefined;
    try {
      response = await this.requestAnswer(ask);
    } catch (error) {
      failure = error as Error;
    }
    this.store.set((state) => ({
      asks: state.asks.map((a) => (a.id === ask.id ? { ...a, status: failure ? 'error' : 'done', ...(response ? { response } : {}), ...(failure ? { error: failure } : {}) } : a)),
      round: state.activeAsk === ask.id && response && response.grounding.length > 0 ? 0 : state.round,
    }));
  }

  private requestAnswer(ask: AskResult): Promise<AnswerResponse> {
    const state = this.store.get();
    const source = state.source!;
    const fields = { question: ask.question, ...(ask.questionId ? { questionId: ask.questionId } : {}), answerer: ask.answerer };
    if (ask.edits > 0) {
      const scene = workingScene(state, ask.graph);
      if (!scene) return Promise.reject(new Error(`the ${ask.graph} graph is not available`));
      const body: AnswerJsonRequest = { ...fields, sceneGraph: scene, imageId: source.id };
      return this.api.answer(body);
    }
    if (source.kind === 'upload') return this.api.answerImage(source.file, { ...fields, imageId: source.id });
    if (ask.graph === 'predicted' && !baseScene(state, 'predicted') && state.predicted.status === 'error') return Promise.reject(state.predicted.error);
    return this.api.answer({ ...fields, sampleId: source.id, graph: ask.graph });
  }

  showAsk(id: number): void {
    const ask = this.store.get().asks.find((a) => a.id === id);
    this.store.set({ activeAsk: id, round: ask?.response && ask.response.grounding.length > 0 ? 0 : undefined });
  }

  setRound(round: number | undefined): void {
    this.store.set({ round });
  }

  /** The two augmented views of the current image, their graphs and node correspondence. */
  async loadViews(): Promise<void> {
    const source = this.store.get().source;
    if (!source) return;
    const request = this.sourceRequest;
    this.store.set({ views: { status: 'loading' } });
    try {
      const response = source.kind === 'sample' ? await this.api.sampleSceneGraph(source.id, true) : await this.api.imageSceneGraph(source.file, { views: true, imageId: source.id });
      if (request === this.sourceRequest) this.store.set({ views: { status: 'ready', value: response } });
    } catch (error) {
      if (request === this.sourceRequest) this.store.set({ views: { status: 'error', error: error as Error } });
    }
  }

  /** Opens a sample question from the evaluation browser: the scene, the question, the graph it was evaluated on, and its answer. */
  async openQuestion(sampleId: string, questionId: string, graph: EditableGraph): Promise<void> {
    this.store.set({ tab: 'inspect' });
    await this.loadSample(sampleId);
    const state = this.store.get();
    const question = state.source?.kind === 'sample' ? state.source.detail.questions[questionId] : undefined;
    if (!question) {
      this.store.set({ notice: { kind: 'error', text: `Question ${questionId} is not part of sample ${sampleId}.` } });
      return;
    }
    this.store.set({ question: { text: question.question, questionId }, choice: graph === 'predicted' && state.predicted.status !== 'error' ? 'predicted' : 'annotated' });
    await this.ask();
  }
}
