/**
 * Progress bars for long CLI work, on stderr so stdout stays clean for results and --json. Silent when
 * stderr is not a terminal (CI, pipes) unless SGVQA_PROGRESS=1.
 */
import { statSync } from 'node:fs';
import cliProgress from 'cli-progress';

export interface Progress {
  update(value: number): void;
  increment(delta?: number): void;
  stop(): void;
}

const silent: Progress = { update() {}, increment() {}, stop() {} };

function enabled(): boolean {
  return process.env.SGVQA_PROGRESS === '1' || (process.stderr.isTTY === true && process.env.SGVQA_PROGRESS !== '0');
}

/** A bar over `total` items labelled `label` (rate and ETA shown). */
export function progressBar(label: string, total: number, unit = 'items'): Progress {
  if (!enabled()) return silent;
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | {rate}/s | ETA {eta_formatted}`,
      stream: process.stderr,
      hideCursor: true,
      // cli-progress stays silent off a terminal unless told; SGVQA_PROGRESS=1 means "show it anyway".
      noTTYOutput: process.env.SGVQA_PROGRESS === '1',
      notTTYSchedule: 1000,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = performance.now();
  let value = 0;
  bar.start(total, 0, { rate: '0' });
  const rate = (): string => (value / Math.max(1e-3, (performance.now() - started) / 1000)).toFixed(0);
  return {
    update(next) {
      value = next;
      bar.update(value, { rate: rate() });
    },
    increment(delta = 1) {
      value += delta;
      bar.update(value, { rate: rate() });
    },
    stop() {
      bar.stop();
    },
  };
}

/** A bar over the bytes of a file being streamed, in MB. */
export function fileProgress(label: string, path: string): { onBytes: (bytes: number) => void; stop: () => void } {
  let size = 0;
  try {
    size = statSync(path).size;
  } catch {
    // The reader reports a missing file itself.
  }
  const bar = progressBar(label, Math.max(1, Math.round(size / 1e6)), 'MB');
  return { onBytes: (bytes) => bar.update(Math.round(bytes / 1e6)), stop: () => bar.stop() };
}
