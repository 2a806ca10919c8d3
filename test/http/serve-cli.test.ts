/**
 * `sgvqa serve` (what `npm start` runs) as a real process: it becomes ready, logs one JSON line per
 * request without bodies, and on SIGTERM finishes the request in flight before exiting 0.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from './helpers.ts';

interface Served {
  child: ChildProcessWithoutNullStreams;
  url: string;
  port: number;
  readyMs: number;
  lines: string[];
  exited: Promise<number | null>;
}

function serve(env: Record<string, string> = {}): Promise<Served> {
  const started = performance.now();
  const child = spawn(process.execPath, [join(repoRoot, 'bin/sgvqa.js'), 'serve', '--port', '0'], {
    env: { ...process.env, LOG_LEVEL: 'info', SGVQA_API_KEY: '', ...env },
  });
  const lines: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let buffer = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        lines.push(line);
        const match = line.match(/listening on (http:\/\/127\.0\.0\.1:(\d+))/);
        if (match) resolve({ child, url: match[1]!, port: Number(match[2]), readyMs: performance.now() - started, lines, exited });
      }
    });
    void exited.then((code) => reject(new Error(`sgvqa serve exited with ${code} before it was ready: ${stderr}`)));
  });
}

const children: ChildProcessWithoutNullStreams[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('sgvqa serve', () => {
  it('starts, logs one line per request, and shuts down gracefully on SIGTERM', async () => {
    const served = await serve();
    children.push(served.child);
    console.log(`sgvqa serve ready in ${served.readyMs.toFixed(0)} ms`);
    expect(served.readyMs).toBeLessThan(30_000);

    const secret = 'Which shape is below the solid hexagon? (do-not-log-me)';
    const ok = await fetch(`${served.url}/api/v1/answer`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sampleId: 'sample-000000', questionId: 'sample-000000-q1', question: secret }),
    });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { answer: string }).answer).toBe('circle');

    // A request in flight when SIGTERM arrives: head and half the body now, the rest after the signal.
    const body = JSON.stringify({ sampleId: 'sample-000001', questionId: 'sample-000001-q0' });
    const half = Math.floor(body.length / 2);
    const socket = connect(served.port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    let response = '';
    socket.on('data', (chunk) => {
      response += chunk.toString();
    });
    const socketClosed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.write(`POST /api/v1/answer HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, half)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    served.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(served.child.exitCode).toBeNull();
    socket.write(body.slice(half));
    await socketClosed;
    expect(response).toMatch(/^HTTP\/1\.1 200 /);
    expect(await served.exited).toBe(0);

    const requests = served.lines.filter((line) => line.includes('"res":'));
    expect(requests).toHaveLength(2);
    for (const line of requests) {
      const entry = JSON.parse(line) as { req: { method: string; path: string }; res: { status: number }; responseTime: number };
      expect(entry.req).toEqual({ method: 'POST', path: '/api/v1/answer' });
      expect(entry.res.status).toBe(200);
      expect(entry.responseTime).toBeGreaterThanOrEqual(0);
    }
    expect(served.lines.join('\n')).not.toContain('do-not-log-me');
    expect(served.lines.some((line) => line.includes('"msg":"closed"'))).toBe(true);
  });

  it('refuses a malformed PORT with one line and exit code 2', async () => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin/sgvqa.js'), 'serve'], { env: { ...process.env, PORT: 'eighty' } });
    children.push(child as ChildProcessWithoutNullStreams);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(stderr.trim()).toBe('sgvqa: http/config: PORT must be an integer 0..65535, got "eighty"');
  });
});
