/**
 * One pino line per finished request: id, method, path, status, response time and, for 4xx/5xx, the
 * error code. Never bodies, headers or query strings (they may hold an API key or user data).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';

/** Set by the error handler so the log line carries the code the client saw. */
export const ERROR_CODE_LOCAL = 'sgvqaErrorCode';

function pathOnly(url: string | undefined): string {
  const raw = url ?? '';
  const query = raw.indexOf('?');
  return query >= 0 ? raw.slice(0, query) : raw;
}

/** Express strips the mount path from `url`; `originalUrl` keeps it. */
function originalUrl(req: IncomingMessage): string | undefined {
  return (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url;
}

export function requestLogger(logger: Logger): HttpLogger {
  return pinoHttp({
    logger,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const id = randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    quietReqLogger: true,
    serializers: {
      req: (req: { method?: string; url?: string; raw?: { originalUrl?: string } }) => ({ method: req.method, path: pathOnly(req.raw?.originalUrl ?? req.url) }),
      res: (res: { statusCode?: number }) => ({ status: res.statusCode }),
    },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    customSuccessMessage: (req, res) => `${req.method} ${pathOnly(originalUrl(req))} ${res.statusCode}`,
    customErrorMessage: (req, res) => `${req.method} ${pathOnly(originalUrl(req))} ${res.statusCode}`,
    customProps: (_req, res) => {
      const code: unknown = (res as { locals?: Record<string, unknown> }).locals?.[ERROR_CODE_LOCAL];
      return code === undefined ? {} : { code };
    },
  });
}
