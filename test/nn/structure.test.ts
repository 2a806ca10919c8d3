/** models/nn has no import cycles (value imports; `import type` is erased) and every folder has a barrel. */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../models/nn');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

function valueImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^(import|export)\s+(?!type\b)[^;]*?from\s+'(\.[^']+)'/gms)) {
    const clause = m[0];
    // `import { type A, type B } from` is erased too
    const braces = /\{([^}]*)\}/.exec(clause)?.[1];
    if (braces && braces.split(',').every((s) => s.trim() === '' || s.trim().startsWith('type '))) continue;
    out.push(resolve(dirname(file), m[2]!));
  }
  return out;
}

describe('models/nn structure', () => {
  it('has no import cycles', () => {
    const files = sources(root);
    const graph = new Map(files.map((f) => [f, valueImports(f)]));
    const state = new Map<string, 'visiting' | 'done'>();
    const cycles: string[] = [];
    const visit = (f: string, path: string[]) => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'visiting') {
        cycles.push([...path.slice(path.indexOf(f)), f].map((p) => relative(root, p)).join(' -> '));
        return;
      }
      state.set(f, 'visiting');
      for (const dep of graph.get(f) ?? []) visit(dep, [...path, f]);
      state.set(f, 'done');
    };
    for (const f of files) visit(f, []);
    expect(cycles).toEqual([]);
  });

  it('every folder has an index.ts barrel', () => {
    const dirs = readdirSync(root).filter((d) => statSync(join(root, d)).isDirectory());
    expect(dirs.filter((d) => !existsSync(join(root, d, 'index.ts')))).toEqual([]);
  });

  it('the package barrel loads', async () => {
    const nn = await import('../../models/nn/index.ts');
    expect(typeof nn.Trainer.create).toBe('function');
    expect(typeof nn.ops.matmul).toBe('function');
  });
});
