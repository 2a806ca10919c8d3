/** models/vqa layout: every folder has an index.ts barrel, and the package barrel loads. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../models/vqa');

describe('models/vqa structure', () => {
  it('has a barrel in every folder', () => {
    const dirs = readdirSync(root).filter((d) => statSync(join(root, d)).isDirectory());
    expect(dirs.length).toBeGreaterThan(5);
    expect(dirs.filter((d) => !existsSync(join(root, d, 'index.ts')))).toEqual([]);
  });

  it('loads the package barrel', async () => {
    const vqa = await import('../../models/vqa/index.ts');
    expect(typeof vqa.answer).toBe('function');
    expect(typeof vqa.trainVqa).toBe('function');
    expect(vqa.tokenizeQuestion('Is there a Circle?')).toEqual(['is', 'there', 'a', 'circle']);
  });
});
