/**
 * The OpenAPI 3.1 document of the API, generated from the route descriptions and the very zod schemas
 * that validate requests (z.toJSONSchema, JSON Schema 2020-12, which OpenAPI 3.1 uses as is). Every
 * schema with a `meta({id})` becomes a component; request bodies are emitted in their input form (before
 * defaults and transforms), responses in their output form.
 */
import { z } from 'zod';
import type { RouteSpec } from '../routes/route-spec.ts';
import { ErrorResponseSchema } from '../schemas/common.ts';

type Json = Record<string, unknown>;

const COMPONENT_PREFIX = '#/components/schemas/';

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed JSON or multipart data, or a field that fails validation (`path` names it)',
  401: 'API key missing or wrong (only when the server has SGVQA_API_KEY)',
  404: 'Unknown sample, question, job or route',
  409: 'The job has not succeeded (yet)',
  413: 'Body, upload, field or image (pixel count) over its limit',
  415: 'Content-Type not accepted, or a file that is not a PNG, JPEG or WebP image',
  422: 'Well-formed but unusable: a corrupt or truncated image, a scene graph with dangling references, a question the executor cannot answer',
  429: 'Too many evaluation jobs queued; see Retry-After',
  503: 'A needed model is not loaded (`model_unavailable`), the server is saturated (`overloaded`, with Retry-After), a request exceeded its time (`timeout`), or it is shutting down',
};

function idOf(schema: z.ZodType, where: string): string {
  const id = (z.globalRegistry.get(schema) as { id?: unknown } | undefined)?.id;
  if (typeof id !== 'string') throw new Error(`http/openapi: ${where} has a schema without meta({id})`);
  return id;
}

function ref(id: string): Json {
  return { $ref: `${COMPONENT_PREFIX}${id}` };
}

/** Ids a JSON Schema refers to, transitively through `all`. */
function collectRefs(root: string, all: Record<string, Json>, into: Set<string>): void {
  if (into.has(root)) return;
  into.add(root);
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string' && value.startsWith(COMPONENT_PREFIX)) collectRefs(value.slice(COMPONENT_PREFIX.length), all, into);
        else walk(value);
      }
    }
  };
  walk(all[root]);
}

function emitAll(io: 'input' | 'output'): Record<string, Json> {
  const { schemas } = z.toJSONSchema(z.globalRegistry, { uri: (id) => `${COMPONENT_PREFIX}${id}`, io, unrepresentable: 'any', target: 'draft-2020-12' }) as { schemas: Record<string, Json> };
  for (const schema of Object.values(schemas)) {
    delete schema.$schema;
    delete schema.$id;
  }
  return schemas;
}

export interface OpenApiOptions {
  title: string;
  version: string;
  description: string;
  /** The server requires an API key: document it on every route that needs one. */
  apiKey: boolean;
}

export function buildOpenApi(routes: RouteSpec[], options: OpenApiOptions): Json {
  const input = emitAll('input');
  const output = emitAll('output');
  const components: Record<string, Json> = {};
  // Request bodies are documented in their input form and responses in their output form. A schema whose
  // two forms differ (z.object: unknown keys are stripped, so the output form says additionalProperties:
  // false) gets a second component, `<id>Input`, and request schemas refer to that one.
  const differs = (id: string): boolean => input[id] !== undefined && output[id] !== undefined && JSON.stringify(input[id]) !== JSON.stringify(output[id]);
  const nameOf = (id: string, io: 'input' | 'output'): string => (io === 'input' && differs(id) ? `${id}Input` : id);
  const renameRefs = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(renameRefs);
    if (!node || typeof node !== 'object') return node;
    return Object.fromEntries(Object.entries(node).map(([key, value]) =>
      key === '$ref' && typeof value === 'string' && value.startsWith(COMPONENT_PREFIX)
        ? [key, `${COMPONENT_PREFIX}${nameOf(value.slice(COMPONENT_PREFIX.length), 'input')}`]
        : [key, renameRefs(value)]));
  };
  /** Adds `id` and what it refers to; returns the component name to refer to. */
  const use = (id: string, io: 'input' | 'output'): string => {
    const from = io === 'input' ? input : output;
    const ids = new Set<string>();
    collectRefs(id, from, ids);
    for (const dep of ids) {
      const schema = from[dep];
      if (!schema) throw new Error(`http/openapi: no schema "${dep}"`);
      components[nameOf(dep, io)] = io === 'input' ? (renameRefs(schema) as Json) : schema;
    }
    return nameOf(id, io);
  };
  const errorId = use(idOf(ErrorResponseSchema, 'Error'), 'output');

  const paths: Record<string, Json> = {};
  for (const route of routes) {
    const where = `${route.method.toUpperCase()} ${route.path}`;
    const operation: Json = { operationId: route.operationId, summary: route.summary };
    if (route.description) operation.description = route.description;
    const parameters: Json[] = Object.entries(route.params ?? {}).map(([name, description]) => ({ name, in: 'path', required: true, description, schema: { type: 'string' } }));
    if (parameters.length > 0) operation.parameters = parameters;
    if (route.body) {
      const content: Json = {};
      if (route.body.json) {
        content['application/json'] = { schema: ref(use(idOf(route.body.json, where), 'input')) };
      }
      if (route.body.multipart) {
        content['multipart/form-data'] = { schema: ref(use(idOf(route.body.multipart, where), 'input')) };
      }
      operation.requestBody = { required: true, content };
    }
    const responses: Json = {};
    for (const [status, response] of Object.entries(route.responses)) {
      const entry: Json = { description: response.description };
      if (response.schema) {
        entry.content = { 'application/json': { schema: ref(use(idOf(response.schema, where), 'output')) } };
      } else if (response.contentType) {
        entry.content = { [response.contentType]: { schema: { type: 'string', format: 'binary' } } };
      } else {
        entry.content = { 'application/json': { schema: { type: 'object' } } };
      }
      if (response.headers) entry.headers = Object.fromEntries(Object.entries(response.headers).map(([name, description]) => [name, { description, schema: { type: 'string' } }]));
      responses[status] = entry;
    }
    for (const status of route.errors) {
      if (status === 401 && !options.apiKey) continue;
      const entry: Json = { description: ERROR_DESCRIPTIONS[status] ?? 'Error', content: { 'application/json': { schema: ref(errorId) } } };
      if (status === 429 || status === 503) entry.headers = { 'Retry-After': { description: 'Seconds to wait before retrying (when saturated)', schema: { type: 'integer' } } };
      responses[String(status)] = entry;
    }
    responses['500'] = { description: 'Unexpected failure (no details are returned)', content: { 'application/json': { schema: ref(errorId) } } };
    operation.responses = responses;
    if (options.apiKey && !route.requiresKey) operation.security = [];
    const path = route.path.replace(/:([A-Za-z_]\w*)/g, '{$1}');
    paths[path] = { ...(paths[path] ?? {}), [route.method]: operation };
  }

  const doc: Json = {
    openapi: '3.1.0',
    info: { title: options.title, version: options.version, description: options.description },
    servers: [{ url: '/api/v1' }],
    paths,
    components: {
      schemas: Object.fromEntries(Object.entries(components).sort(([a], [b]) => a.localeCompare(b))),
      ...(options.apiKey
        ? { securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' }, bearer: { type: 'http', scheme: 'bearer' } } }
        : {}),
    },
  };
  if (options.apiKey) doc.security = [{ apiKey: [] }, { bearer: [] }];
  return doc;
}
