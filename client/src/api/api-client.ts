/**
 * Typed calls to the HTTP API (same origin, /api/v1). Every failure becomes an ApiError carrying the
 * server's error code, so the page can say exactly what went wrong (e.g. 503 model_unavailable).
 */
import { ApiError } from './api-error.ts';
import type {
  AnswerJsonRequest,
  AnswerResponse,
  Answerer,
  EvaluationRequest,
  EvaluationStatusJson,
  Health,
  ModelInfo,
  Prediction,
  SampleDetail,
  SampleList,
  SceneGraphResponse,
} from './types.ts';

export const API_BASE = '/api/v1';

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; path?: unknown };
}

async function errorFrom(response: Response): Promise<ApiError> {
  const retry = Number(response.headers.get('retry-after'));
  const retryAfterSeconds = Number.isFinite(retry) && retry > 0 ? retry : undefined;
  let body: ErrorBody | undefined;
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    body = undefined;
  }
  const error = body?.error;
  const code = typeof error?.code === 'string' ? error.code : `http_${response.status}`;
  const message = typeof error?.message === 'string' ? error.message : `${response.status} ${response.statusText}`;
  const path = typeof error?.path === 'string' ? error.path : undefined;
  return new ApiError(response.status, code, message, { ...(path ? { path } : {}), ...(retryAfterSeconds ? { retryAfterSeconds } : {}) });
}

export class ApiClient {
  private apiKey: string | undefined;

  constructor(private readonly base = API_BASE) {}

  /** The key a server started with SGVQA_API_KEY asks for (sent as X-API-Key). */
  setApiKey(key: string | undefined): void {
    this.apiKey = key || undefined;
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return this.apiKey ? { ...extra, 'x-api-key': this.apiKey } : extra;
  }

  private async request<T>(path: string, init: RequestInit = {}, signal?: AbortSignal): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.base}${path}`, { ...init, headers: this.headers(init.headers as Record<string, string> | undefined), ...(signal ? { signal } : {}) });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new ApiError(0, 'network', `cannot reach the server (${(error as Error).message})`);
    }
    if (!response.ok) throw await errorFrom(response);
    return (await response.json()) as T;
  }

  private postJson<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
    return this.request<T>(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, signal);
  }

  samples(): Promise<SampleList> {
    return this.request('/samples');
  }

  sample(id: string, signal?: AbortSignal): Promise<SampleDetail> {
    return this.request(`/samples/${encodeURIComponent(id)}`, {}, signal);
  }

  /**
   * A URL an <img> can show for an API image URL: the URL itself, or with an API key (which an <img>
   * cannot send) a blob: URL of the image fetched with the key.
   */
  async imageUrl(url: string): Promise<string> {
    if (!this.apiKey) return url;
    const response = await fetch(url, { headers: this.headers() });
    if (!response.ok) throw await errorFrom(response);
    return URL.createObjectURL(await response.blob());
  }

  model(): Promise<ModelInfo> {
    return this.request('/model');
  }

  health(): Promise<Health> {
    return this.request('/health');
  }

  answer(body: AnswerJsonRequest, signal?: AbortSignal): Promise<AnswerResponse> {
    return this.postJson('/answer', body, signal);
  }

  /** A question about an image file (multipart): the server predicts the graph, then answers. */
  answerImage(image: Blob, fields: { question: string; questionId?: string; answerer?: Answerer; imageId?: string }, signal?: AbortSignal): Promise<AnswerResponse> {
    const form = new FormData();
    form.append('image', image, 'image');
    for (const [key, value] of Object.entries(fields)) if (value !== undefined) form.append(key, value);
    return this.request('/answer', { method: 'POST', body: form }, signal);
  }

  /** A committed sample's predicted scene graph, optionally with the two augmented views. */
  sampleSceneGraph(sampleId: string, views = false, signal?: AbortSignal): Promise<SceneGraphResponse> {
    return this.postJson('/scene-graph', { sampleId, ...(views ? { views } : {}) }, signal);
  }

  /** An image file's predicted scene graph (multipart), optionally with the two augmented views. */
  imageSceneGraph(image: Blob, options: { views?: boolean; imageId?: string } = {}, signal?: AbortSignal): Promise<SceneGraphResponse> {
    const form = new FormData();
    form.append('image', image, 'image');
    if (options.views) form.append('views', 'true');
    if (options.imageId) form.append('imageId', options.imageId);
    return this.request('/scene-graph', { method: 'POST', body: form }, signal);
  }

  submitEvaluation(body: EvaluationRequest): Promise<{ id: string; status: string; url: string }> {
    return this.postJson('/evaluations', body);
  }

  evaluation(id: string): Promise<EvaluationStatusJson> {
    return this.request(`/evaluations/${encodeURIComponent(id)}`);
  }

  predictions(id: string): Promise<Prediction[]> {
    return this.request(`/evaluations/${encodeURIComponent(id)}/predictions`);
  }
}
