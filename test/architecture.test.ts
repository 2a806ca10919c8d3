/**
 * The layering rules of DESIGN §2, checked on the import statements of every source file: graph/ never
 * imports models/ or server/, models/ never imports server/, client/ reaches the server over HTTP only,
 * and there are no import cycles.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/shared-data.ts';

const LAYERS = ['graph', 'models', 'server', 'client'] as const;
const FORBIDDEN: Record<string, string[]> = {
  graph: ['models', 'server', 'client'],
  models: ['server', 'client'],
  server: ['client'],
  client: ['graph', 'models', 'server'],
};

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry === 'dist' || entry.startsWith('.')) continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.ts$/.test(entry) && !entry.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

// Runtime imports only: `import type` / `export type` are erased and cannot form a cycle at load time.
const IMPORT = /(?:^|\n)\s*(?:import|export)\s(?!type\s)[^;]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const match of text.matchAll(IMPORT)) {
    const spec = match[1] ?? match[2];
    if (spec) out.push(resolve(dirname(file), spec));
  }
  return out;
}

const files = LAYERS.flatMap((layer) => {
  try {
    return sourceFiles(join(repoRoot, layer));
  } catch {
    return [];
  }
});
const edges = new Map(files.map((file) => [file, importsOf(file)]));
const layerOf = (file: string): string => relative(repoRoot, file).split('/')[0]!;

describe('architecture', () => {
  it('keeps dependencies pointing downward (server -> models -> graph)', () => {
    const violations: string[] = [];
    for (const [file, imports] of edges) {
      for (const target of imports) {
        if (FORBIDDEN[layerOf(file)]?.includes(layerOf(target))) {
          violations.push(`${relative(repoRoot, file)} imports ${relative(repoRoot, target)}`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it('has no import cycles', () => {
    const state = new Map<string, 'visiting' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, stack: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'visiting') {
        cycles.push([...stack.slice(stack.indexOf(file)), file].map((f) => relative(repoRoot, f)).join(' -> '));
        return;
      }
      state.set(file, 'visiting');
      for (const target of edges.get(file) ?? []) if (edges.has(target)) visit(target, [...stack, file]);
      state.set(file, 'done');
    };
    for (const file of edges.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it('sees the source tree', () => {
    expect(files.length).toBeGreaterThan(5);
  });
});
