/**
 * Starts the API on a real socket and stops it gracefully: on close() the server stops accepting
 * connections, answers new requests on kept-alive connections with 503 `shutting_down`, lets in-flight
 * requests finish (up to `shutdownGraceMs`, then cuts what is left), cancels background evaluation jobs
 * and releases the models.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino, type Logger } from 'pino';
import { createApp } from './app.ts';
import { createAppContext, type AppContext } from './app-context.ts';
import type { HttpConfig } from './config.ts';
import { loadModels, type ModelFiles } from './models/load-models.ts';
import type { LoadedModels } from './models/model-ports.ts';
import { SampleStore } from './samples/sample-store.ts';

export interface StartOptions {
  /** Model files to load (default: the shipped ones in config.modelsDir), or models already loaded. */
  models?: ModelFiles | LoadedModels;
  /** Default: pino to stdout at config.logLevel. */
  logger?: Logger;
}

export interface RunningServer {
  /** `http://host:port` (the real port when config.port is 0). */
  url: string;
  port: number;
  context: AppContext;
  /** Graceful shutdown; resolves when every connection is closed. */
  close(): Promise<void>;
}

function isLoaded(models: StartOptions['models']): models is LoadedModels {
  return models !== undefined && 'unavailable' in models;
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

export async function startHttpServer(config: HttpConfig, options: StartOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? pino({ level: config.logLevel, base: { service: 'sgvqa-api' } });
  const [samples, models] = await Promise.all([
    SampleStore.load(config.samplesDir),
    isLoaded(options.models)
      ? options.models
      : loadModels(config.modelsDir, options.models, config.limits.imagePixels, {
        workers: config.inferenceWorkers,
        onWorkerLost: (message) => logger.error({ message }, 'inference worker lost; replacing it'),
      }),
  ]);
  const context = createAppContext(config, samples, models, logger);
  const requestMs = config.limits.requestMs;
  const server = createServer({ requestTimeout: requestMs, headersTimeout: Math.min(10_000, requestMs), keepAliveTimeout: 5_000 }, createApp(context));
  server.maxHeadersCount = 100;

  const inFlight = new Set<ServerResponse>();
  server.on('request', (_req, res) => {
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
  });

  const address = await listen(server, config.port, config.host);
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  for (const [name, reason] of Object.entries(models.unavailable)) logger.warn({ model: name }, `${name} unavailable: ${reason}`);
  logger.info({ url, samples: samples.size }, `listening on ${url}`);

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      context.shuttingDown = true;
      context.evaluations.cancelAll();
      // Responses still to come close their connection instead of keeping it alive.
      for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const deadline = Date.now() + config.shutdownGraceMs;
      while (inFlight.size > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        server.closeIdleConnections();
      }
      if (inFlight.size > 0) logger.warn({ inFlight: inFlight.size }, 'shutdown grace period over; closing the remaining connections');
      server.closeAllConnections();
      await closed;
      context.eventLoopDelay.disable();
      await Promise.all([models.extractor?.dispose?.(), models.answerer?.dispose?.()]);
      logger.info('closed');
    })());

  return { url, port: address.port, context, close };
}
