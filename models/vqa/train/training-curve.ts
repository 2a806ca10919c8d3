/**
 * A self-contained HTML page (inline SVG, no script, no network) with the training curves: loss per
 * epoch (left) and evaluation accuracy per epoch for every evaluation set (right).
 */
export interface CurvePoint {
  readonly epoch: number;
  readonly loss: number;
  /** Evaluation set -> accuracy in [0, 1]. */
  readonly accuracy: Readonly<Record<string, number>>;
}

const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b'];

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function panel(title: string, series: { name: string; points: [number, number][] }[], x0: number, fixedRange?: [number, number]): string {
  const W = 420;
  const H = 260;
  const m = { l: 50, r: 10, t: 28, b: 36 };
  const all = series.flatMap((s) => s.points);
  if (all.length === 0) return `<g transform="translate(${x0},0)"><text x="${m.l}" y="20">${escape(title)}: no data</text></g>`;
  const xs = all.map((p) => p[0]);
  const ys = all.map((p) => p[1]);
  const [xmin, xmax] = [Math.min(...xs), Math.max(...xs, Math.min(...xs) + 1)];
  let [ymin, ymax] = fixedRange ?? [Math.min(...ys), Math.max(...ys)];
  if (ymax - ymin < 1e-9) [ymin, ymax] = [ymin - 0.5, ymax + 0.5];
  const sx = (x: number) => m.l + ((x - xmin) / (xmax - xmin)) * (W - m.l - m.r);
  const sy = (y: number) => H - m.b - ((y - ymin) / (ymax - ymin)) * (H - m.t - m.b);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => ymin + f * (ymax - ymin));
  const parts = [
    `<text x="${m.l}" y="18" font-weight="bold">${escape(title)}</text>`,
    `<line x1="${m.l}" y1="${H - m.b}" x2="${W - m.r}" y2="${H - m.b}" stroke="#444"/>`,
    `<line x1="${m.l}" y1="${m.t}" x2="${m.l}" y2="${H - m.b}" stroke="#444"/>`,
    ...ticks.map((t) => `<text x="${m.l - 4}" y="${sy(t) + 4}" text-anchor="end" font-size="10">${t.toFixed(3)}</text><line x1="${m.l}" x2="${W - m.r}" y1="${sy(t)}" y2="${sy(t)}" stroke="#eee"/>`),
    `<text x="${(W + m.l) / 2}" y="${H - 6}" text-anchor="middle" font-size="11">epoch</text>`,
    `<text x="${m.l}" y="${H - m.b + 14}" font-size="10">${xmin}</text><text x="${W - m.r}" y="${H - m.b + 14}" font-size="10" text-anchor="end">${xmax}</text>`,
  ];
  series.forEach((s, i) => {
    const color = COLORS[i % COLORS.length];
    const d = s.points.map((p, k) => `${k === 0 ? 'M' : 'L'}${sx(p[0]).toFixed(1)},${sy(p[1]).toFixed(1)}`).join(' ');
    parts.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="2"/>`);
    for (const p of s.points) parts.push(`<circle cx="${sx(p[0]).toFixed(1)}" cy="${sy(p[1]).toFixed(1)}" r="2.5" fill="${color}"/>`);
    parts.push(`<text x="${W - m.r - 4}" y="${m.t + 14 * (i + 1)}" text-anchor="end" font-size="11" fill="${color}">${escape(s.name)}</text>`);
  });
  return `<g transform="translate(${x0},0)">${parts.join('')}</g>`;
}

export function trainingCurveHtml(title: string, points: readonly CurvePoint[]): string {
  const names = [...new Set(points.flatMap((p) => Object.keys(p.accuracy)))];
  const loss = panel('training loss', [{ name: 'loss', points: points.map((p) => [p.epoch, p.loss]) }], 0);
  const acc = panel('evaluation accuracy', names.map((n) => ({
    name: n,
    points: points.filter((p) => p.accuracy[n] !== undefined).map((p) => [p.epoch, p.accuracy[n] as number] as [number, number]),
  })), 430);
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escape(title)}</title></head>`
    + `<body style="font-family:sans-serif"><h3>${escape(title)}</h3>`
    + `<svg xmlns="http://www.w3.org/2000/svg" width="860" height="270" font-family="sans-serif" font-size="12">${loss}${acc}</svg></body></html>\n`;
}
