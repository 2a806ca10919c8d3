/**
 * Symbolic shapes. A dimension is a number (known), a named symbol such as `'N'` (unknown until run
 * time, equal wherever the same name appears), or an anonymous symbol `'?k'` the builder invents when
 * it cannot derive a size; anonymous symbols are never written to ONNX as names.
 */
import { ShapeError } from '../errors/shape-error.ts';

export type Dim = number | string;
export type Shape = readonly Dim[];

export function isAnonymousDim(d: Dim): boolean {
  return typeof d === 'string' && d.startsWith('?');
}

export function isStaticShape(shape: Shape): shape is readonly number[] {
  return shape.every((d) => typeof d === 'number');
}

/** Element count, or undefined when a dimension is symbolic. */
export function staticSize(shape: Shape): number | undefined {
  let n = 1;
  for (const d of shape) {
    if (typeof d !== 'number') return undefined;
    n *= d;
  }
  return n;
}

export function shapesEqual(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

export function formatShape(shape: Shape): string {
  return `[${shape.join(', ')}]`;
}

/** Maps a possibly negative axis into [0, rank). */
export function normalizeAxis(axis: number, rank: number, where: string): number {
  const a = axis < 0 ? axis + rank : axis;
  if (!Number.isInteger(a) || a < 0 || a >= rank) throw new ShapeError(`${where}: axis ${axis} is out of range for rank ${rank}`);
  return a;
}

/**
 * Numpy broadcasting of two shapes. Two different symbols (or a symbol against a number other than 1)
 * are assumed equal at run time when one side is a number; two different symbols give a fresh symbol,
 * which the autodiff engine then un-broadcasts with run-time shape arithmetic.
 */
export function broadcastShapes(a: Shape, b: Shape, fresh: () => string, where: string): Dim[] {
  const rank = Math.max(a.length, b.length);
  const out: Dim[] = [];
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da === db) out.push(da);
    else if (da === 1) out.push(db);
    else if (db === 1) out.push(da);
    else if (typeof da === 'number' && typeof db === 'number') {
      throw new ShapeError(`${where}: shapes ${formatShape(a)} and ${formatShape(b)} do not broadcast`);
    } else if (typeof da === 'number') out.push(da);
    else if (typeof db === 'number') out.push(db);
    else out.push(fresh());
  }
  return out;
}

/** A dimension as (numeric coefficient) x (product of symbols); 'N*20' -> {coef: 20, syms: ['N']}. */
interface DimFactors {
  coef: number;
  syms: string[];
}

function factorsOf(d: Dim): DimFactors {
  if (typeof d === 'number') return { coef: d, syms: [] };
  const out: DimFactors = { coef: 1, syms: [] };
  for (const part of d.split('*')) {
    const n = Number(part);
    if (part !== '' && Number.isInteger(n)) out.coef *= n;
    else out.syms.push(part);
  }
  return out;
}

function dimOfFactors(f: DimFactors): Dim {
  if (f.syms.length === 0) return f.coef;
  const syms = [...f.syms].sort();
  return f.coef === 1 ? syms.join('*') : `${syms.join('*')}*${f.coef}`;
}

/** The product of dims, symbolic when needed ('N' x 20 = 'N*20'). */
export function dimProduct(dims: readonly Dim[]): Dim {
  const acc: DimFactors = { coef: 1, syms: [] };
  for (const d of dims) {
    const f = factorsOf(d);
    acc.coef *= f.coef;
    acc.syms.push(...f.syms);
  }
  return dimOfFactors(acc);
}

/** product(total) / product(known) when it divides exactly (as numbers and as symbol multisets). */
export function dimQuotient(total: readonly Dim[], known: readonly Dim[]): Dim | undefined {
  const t = factorsOf(dimProduct(total));
  const k = factorsOf(dimProduct(known));
  if (k.coef === 0 || t.coef % k.coef !== 0) return undefined;
  const syms = [...t.syms];
  for (const s of k.syms) {
    const i = syms.indexOf(s);
    if (i < 0) return undefined;
    syms.splice(i, 1);
  }
  return dimOfFactors({ coef: t.coef / k.coef, syms });
}
