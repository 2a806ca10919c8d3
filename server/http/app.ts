/**
 * The express application: security headers, one log line per request, a deadline per request, the
 * optional API key, the /api/v1 routes (each with the body parser its description calls for), the
 * inspection page's static files at `/`, and one error handler that answers `{error: {code, message,
 * path?}}` with no stack traces.
 */
import { existsSync } from 'node:fs';
import express, { type Express, type RequestHandler } from 'express';
import type { AppContext } from './app-context.ts';
import { HttpError } from './errors/http-error.ts';
import { admission } from './middleware/admission.ts';
import { requireApiKey } from './middleware/api-key.ts';
import { readBody } from './middleware/body-parsers.ts';
import { deadline } from './middleware/deadline.ts';
import { errorHandler } from './middleware/error-handler.ts';
import { requestLogger } from './middleware/request-logger.ts';
import { securityHeaders } from './middleware/security-headers.ts';
import { buildOpenApi } from './openapi/build-openapi.ts';
import { answerRoutes } from './routes/answer.ts';
import { evaluationRoutes } from './routes/evaluations.ts';
import type { RouteSpec } from './routes/route-spec.ts';
import { sampleRoutes } from './routes/samples.ts';
import { sceneGraphRoutes } from './routes/scene-graph.ts';
import { systemRoutes } from './routes/system.ts';

export const API_PREFIX = '/api/v1';

/** During shutdown: finish what is in flight, refuse new requests on kept-alive connections. */
function shutdownGate(context: AppContext): RequestHandler {
  return (req, res, next) => {
    if (!context.shuttingDown) {
      next();
      return;
    }
    res.setHeader('Connection', 'close');
    if (req.path === `${API_PREFIX}/health`) {
      next();
      return;
    }
    next(new HttpError(503, 'shutting_down', 'the server is shutting down', { retryAfterSeconds: 5 }));
  };
}

function notFound(message: string): RequestHandler {
  return (req, _res, next) => next(new HttpError(404, 'not_found', `${message}: ${req.method} ${req.path}`));
}

/** Every route of the API, in documentation order. */
export function apiRoutes(context: AppContext): RouteSpec[] {
  let openapi: unknown;
  const routes: RouteSpec[] = [
    ...answerRoutes(context),
    ...sceneGraphRoutes(context),
    ...sampleRoutes(context),
    ...evaluationRoutes(context),
    ...systemRoutes(context, () => (openapi ??= buildOpenApi(routes, {
      title: 'SelfGraphVQA API',
      version: '1.0.0',
      description: 'Visual question answering over predicted scene graphs. Errors are `{error: {code, message, path?}}`.',
      apiKey: context.config.apiKey !== undefined,
    }))),
  ];
  return routes;
}

export function createApp(context: AppContext): Express {
  const { config } = context;
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(securityHeaders());
  app.use(requestLogger(context.logger));
  app.use(shutdownGate(context));
  app.use(deadline(config.limits.requestMs));

  const api = express.Router({ caseSensitive: true, strict: false });
  if (config.apiKey !== undefined) {
    const check = requireApiKey(config.apiKey);
    api.use((req, res, next) => (req.path === '/health' ? next() : check(req, res, next)));
  }
  const routes = apiRoutes(context);
  const methods = new Map<string, string[]>();
  const admitted = admission(context.queue);
  for (const route of routes) {
    const body = route.body
      ? readBody(route.body.kinds, { jsonBytes: route.body.maxJsonBytes ?? config.limits.jsonBodyBytes, uploadBytes: config.limits.uploadBytes })
      : [];
    api[route.method](route.path, ...(route.queued ? [admitted] : []), ...body, route.handler);
    methods.set(route.path, [...(methods.get(route.path) ?? []), route.method.toUpperCase()]);
  }
  for (const [path, allowed] of methods) {
    const allow = allowed.includes('GET') ? [...allowed, 'HEAD'] : allowed;
    api.all(path, (req, _res, next) =>
      next(new HttpError(405, 'method_not_allowed', `${req.method} is not allowed on ${API_PREFIX}${path} (allowed: ${allow.join(', ')})`, { headers: { Allow: allow.join(', ') } })),
    );
  }
  api.use(notFound('no such API route'));
  app.use(API_PREFIX, api);
  app.use('/api', notFound('no such API route (the API lives under /api/v1)'));

  // The inspection page (client/dist, built separately). The CSP from securityHeaders() applies to it.
  if (existsSync(config.clientDir)) app.use(express.static(config.clientDir, { index: 'index.html', dotfiles: 'ignore', fallthrough: true, maxAge: '1h' }));
  app.use(notFound(existsSync(config.clientDir) ? 'not found' : 'not found (the inspection page is not built: client/dist is missing)'));
  app.use(errorHandler());
  return app;
}
