/**
 * A real API server on loopback (port 0) for the integration tests, with silent logs and settings a
 * test can override, plus small fetch helpers. No part of the server is mocked.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { defaultHttpConfig, startHttpServer, type HttpConfig, type RunningServer, type StartOptions } from '../../server/http/index.ts';
import { repoRoot } from '../helpers/shared-data.ts';

export { repoRoot };

export type ConfigOverrides = Partial<Omit<HttpConfig, 'limits' | 'queue' | 'evaluations'>> & {
  limits?: Partial<HttpConfig['limits']>;
  queue?: Partial<HttpConfig['queue']>;
  evaluations?: Partial<HttpConfig['evaluations']>;
};

export function testConfig(overrides: ConfigOverrides = {}): HttpConfig {
  const base = defaultHttpConfig(repoRoot);
  return {
    ...base,
    ...overrides,
    port: 0,
    host: '127.0.0.1',
    logLevel: 'silent',
    limits: { ...base.limits, ...overrides.limits },
    queue: { ...base.queue, ...overrides.queue },
    evaluations: { ...base.evaluations, ...overrides.evaluations },
  };
}

export async function startTestServer(overrides: ConfigOverrides = {}, options: StartOptions = {}): Promise<RunningServer> {
  return startHttpServer(testConfig(overrides), { logger: pino({ level: 'silent' }), ...options });
}

export const samplePng = (id = 'sample-000000'): Buffer => readFileSync(join(repoRoot, 'samples/world/images', `${id}.png`));

export interface JsonResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** Any response parsed as JSON (error bodies included). */
export async function call<T = Record<string, unknown>>(url: string, init: RequestInit = {}): Promise<JsonResponse<T>> {
  const response = await fetch(url, init);
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: response.status, headers: response.headers, body: body as T };
}

export function postJson<T = Record<string, unknown>>(url: string, body: unknown, headers: Record<string, string> = {}): Promise<JsonResponse<T>> {
  return call<T>(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

export function postForm<T = Record<string, unknown>>(url: string, fields: Record<string, string>, file?: { name?: string; bytes: Buffer | Uint8Array; filename?: string; type?: string }, headers: Record<string, string> = {}): Promise<JsonResponse<T>> {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  if (file) form.append(file.name ?? 'image', new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'image/png' }), file.filename ?? 'image.png');
  return call<T>(url, { method: 'POST', body: form, headers });
}

export interface ErrorBody {
  error: { code: string; message: string; path?: string };
}
