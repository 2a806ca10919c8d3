/**
 * `sgvqa serve` (= `npm start`): the HTTP API and the inspection page. Port from --port or PORT
 * (default 3000), loopback unless --host / HOST says otherwise. SIGTERM / SIGINT shut down gracefully:
 * in-flight requests finish, then the process exits.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { CliError } from '../cli-error.ts';

interface ServeOptions {
  port?: string;
  host?: string;
  samples?: string;
  sgg?: string;
  vqa?: string;
  workers?: string;
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the HTTP API (/api/v1) and the graph inspection page')
    .option('--port <n>', 'port (default: PORT or 3000; 0 picks a free one)')
    .option('--host <addr>', 'interface to listen on (default: HOST or 127.0.0.1)')
    .option('--samples <dir>', 'world sample set to serve (default: samples/world)')
    .option('--sgg <file>', 'scene-graph generator .onnx (default: models/pretrained/sgg.onnx)')
    .option('--vqa <file>', 'VQA model .onnx (default: models/pretrained/vqa.onnx)')
    .option('--workers <n>', 'inference worker threads (default 1; 0 runs the models on the event loop)')
    .addHelpText('after', [
      '',
      'Environment: PORT, HOST, SGVQA_API_KEY (when set, required on every /api route except /api/v1/health),',
      'LOG_LEVEL (pino level, default info). Endpoints: README "HTTP API" or GET /api/v1/openapi.json.',
    ].join('\n'))
    .action(async (options: ServeOptions) => {
      const { httpConfigFromEnv, startHttpServer, ConfigError, SampleSetError } = await import('../../http/index.ts');
      let server;
      try {
        const config = httpConfigFromEnv(repoRoot, options.port === undefined ? process.env : { ...process.env, PORT: options.port });
        if (options.host !== undefined) config.host = options.host;
        if (options.samples !== undefined) config.samplesDir = resolve(options.samples);
        if (options.workers !== undefined) {
          const workers = Number(options.workers);
          if (!Number.isInteger(workers) || workers < 0 || workers > 16) throw new CliError(`--workers must be an integer 0..16, got "${options.workers}"`, 2);
          config.inferenceWorkers = workers;
        }
        const models = { ...(options.sgg ? { sgg: resolve(options.sgg) } : {}), ...(options.vqa ? { vqa: resolve(options.vqa) } : {}) };
        server = await startHttpServer(config, { models });
      } catch (error) {
        if (error instanceof ConfigError || error instanceof SampleSetError) throw new CliError(error.message, 2);
        if (error instanceof Error && 'code' in error && (error.code === 'EADDRINUSE' || error.code === 'EACCES')) {
          throw new CliError(`cannot listen: ${error.message}`);
        }
        throw error;
      }
      const running = server;
      await new Promise<void>((resolveDone) => {
        const stop = (signal: string): void => {
          running.context.logger.info({ signal }, 'shutting down');
          running.close().then(resolveDone, resolveDone);
        };
        process.once('SIGTERM', () => stop('SIGTERM'));
        process.once('SIGINT', () => stop('SIGINT'));
      });
    });
}
