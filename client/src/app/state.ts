/**
 * Everything the page shows, as one typed value. Graph data (the sample's annotated graph, the predicted
 * graph, the edit lists) is kept apart from display state (selection, hover, attention round), and the
 * graph that is drawn is derived from both by the selectors at the end.
 */
import type { AnswerResponse, Answerer, ModelInfo, SampleDetail, SampleSummary, Scene, SceneGraphResponse } from '../api/types.ts';
import type { SceneEdit } from '../scene/scene-edits.ts';

export type Tab = 'inspect' | 'views' | 'evaluation';
export type GraphChoice = 'annotated' | 'predicted' | 'diff';
export type EditableGraph = 'annotated' | 'predicted';

export type Loadable<T> =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; value: T }
  | { status: 'error'; error: Error };

export type Source =
  | { kind: 'sample'; id: string; imageUrl: string; detail: SampleDetail }
  | { kind: 'upload'; id: string; name: string; file: Blob; imageUrl: string };

/** One question asked, on one graph, and what came back. */
export interface AskResult {
  id: number;
  question: string;
  questionId?: string;
  /** Which graph it was asked on, with how many edits ("predicted graph, 2 edits"). */
  graph: EditableGraph;
  edits: number;
  answerer: Answerer;
  status: 'pending' | 'done' | 'error';
  response?: AnswerResponse;
  error?: Error;
}

export interface AppState {
  tab: Tab;
  model: ModelInfo | undefined;
  samples: SampleSummary[];
  source: Source | undefined;
  /** The sample's annotated graph (uploads have none). */
  annotated: Scene | undefined;
  predicted: Loadable<Scene>;
  choice: GraphChoice;
  edits: Record<EditableGraph, SceneEdit[]>;
  /** Display keys (object ids, or diff keys in the differences view). */
  selected: string | undefined;
  hovered: string | undefined;
  question: { text: string; questionId: string | undefined };
  answerer: Answerer;
  /** Newest first. */
  asks: AskResult[];
  /** The ask whose reasoning the player shows, and the round shown (undefined: none). */
  activeAsk: number | undefined;
  round: number | undefined;
  views: Loadable<SceneGraphResponse>;
  /** The server answered 401: the page asks for its API key. */
  needsKey: boolean;
  /** A page-level notice (an error that belongs to no panel). */
  notice: { kind: 'error' | 'info'; text: string } | undefined;
}

export function initialState(): AppState {
  return {
    tab: 'inspect',
    model: undefined,
    samples: [],
    source: undefined,
    annotated: undefined,
    predicted: { status: 'idle' },
    choice: 'annotated',
    edits: { annotated: [], predicted: [] },
    selected: undefined,
    hovered: undefined,
    question: { text: '', questionId: undefined },
    answerer: 'auto',
    asks: [],
    activeAsk: undefined,
    round: undefined,
    views: { status: 'idle' },
    needsKey: false,
    notice: undefined,
  };
}
