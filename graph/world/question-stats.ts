/**
 * Distribution and fairness of a question set: counts per structural / semantic / detailed type, the
 * answer histogram, and the blind baseline — for each template (`types.detailed`) the most frequent
 * answer on the training questions, scored on the test questions — overall and on yes/no questions.
 * A blind baseline near chance means the answers cannot be guessed from the question type.
 */
import type { GqaQuestion } from '../formats/gqa-schema.ts';

export interface QuestionDistribution {
  questions: number;
  images: number;
  structural: Record<string, number>;
  semantic: Record<string, number>;
  detailed: Record<string, number>;
  /** Answer -> count, most frequent first. */
  answers: [string, number][];
  /** Share of yes/no answers. */
  binaryShare: number;
}

export interface BlindBaseline {
  trainQuestions: number;
  testQuestions: number;
  /** Accuracy of answering each template with its most frequent training answer. */
  overall: number;
  /** On yes/no answers. */
  binary: number;
  /** On every other answer. */
  open: number;
  /** On GQA's "binary" questions as its eval.py counts them: every structural type but query. */
  gqaBinary: number;
  byStructural: Record<string, number>;
  byTemplate: Record<string, { accuracy: number; answer: string; count: number }>;
}

const isBinary = (answer: string | undefined): boolean => answer === 'yes' || answer === 'no';

function bump(record: Record<string, number>, key: string): void {
  record[key] = (record[key] ?? 0) + 1;
}

export function questionDistribution(questions: Iterable<GqaQuestion>): QuestionDistribution {
  const structural: Record<string, number> = {};
  const semantic: Record<string, number> = {};
  const detailed: Record<string, number> = {};
  const answers = new Map<string, number>();
  const images = new Set<string>();
  let count = 0;
  let binary = 0;
  for (const q of questions) {
    count++;
    images.add(q.imageId);
    bump(structural, q.types?.structural ?? '?');
    bump(semantic, q.types?.semantic ?? '?');
    bump(detailed, q.types?.detailed ?? '?');
    const answer = q.answer ?? '';
    answers.set(answer, (answers.get(answer) ?? 0) + 1);
    if (isBinary(answer)) binary++;
  }
  return {
    questions: count,
    images: images.size,
    structural,
    semantic,
    detailed,
    answers: [...answers].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
    binaryShare: count === 0 ? 0 : binary / count,
  };
}

const template = (q: GqaQuestion): string => q.types?.detailed ?? '?';

export function blindBaseline(train: Iterable<GqaQuestion>, test: Iterable<GqaQuestion>): BlindBaseline {
  const perTemplate = new Map<string, Map<string, number>>();
  let trainQuestions = 0;
  for (const q of train) {
    trainQuestions++;
    const answers = perTemplate.get(template(q)) ?? new Map<string, number>();
    answers.set(q.answer ?? '', (answers.get(q.answer ?? '') ?? 0) + 1);
    perTemplate.set(template(q), answers);
  }
  const guess = new Map<string, string>();
  for (const [name, answers] of perTemplate) {
    // Ties go to the alphabetically first answer, so the baseline is deterministic.
    const best = [...answers].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
    if (best) guess.set(name, best[0]);
  }
  const hits = { all: 0, binary: 0, open: 0, gqaBinary: 0 };
  const totals = { all: 0, binary: 0, open: 0, gqaBinary: 0 };
  const structuralHits: Record<string, number> = {};
  const structuralTotals: Record<string, number> = {};
  const templateHits: Record<string, number> = {};
  const templateTotals: Record<string, number> = {};
  for (const q of test) {
    const kind = isBinary(q.answer) ? 'binary' : 'open';
    const hit = guess.get(template(q)) === q.answer ? 1 : 0;
    totals.all++;
    totals[kind]++;
    hits.all += hit;
    hits[kind] += hit;
    const s = q.types?.structural ?? '?';
    if (s !== 'query') {
      totals.gqaBinary++;
      hits.gqaBinary += hit;
    }
    structuralTotals[s] = (structuralTotals[s] ?? 0) + 1;
    structuralHits[s] = (structuralHits[s] ?? 0) + hit;
    templateTotals[template(q)] = (templateTotals[template(q)] ?? 0) + 1;
    templateHits[template(q)] = (templateHits[template(q)] ?? 0) + hit;
  }
  const ratio = (h: number, t: number): number => (t === 0 ? 0 : h / t);
  return {
    trainQuestions,
    testQuestions: totals.all,
    overall: ratio(hits.all, totals.all),
    binary: ratio(hits.binary, totals.binary),
    open: ratio(hits.open, totals.open),
    gqaBinary: ratio(hits.gqaBinary, totals.gqaBinary),
    byStructural: Object.fromEntries(Object.keys(structuralTotals).sort().map((s) => [s, ratio(structuralHits[s] ?? 0, structuralTotals[s] ?? 0)])),
    byTemplate: Object.fromEntries(
      Object.keys(templateTotals).sort().map((t) => [t, { accuracy: ratio(templateHits[t] ?? 0, templateTotals[t] ?? 0), answer: guess.get(t) ?? '', count: templateTotals[t] ?? 0 }]),
    ),
  };
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

function table(title: string, record: Record<string, number>, total: number): string {
  const rows = Object.entries(record).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return `${title}\n${rows.map(([k, v]) => `  ${k.padEnd(16)} ${String(v).padStart(7)}  ${pct(v / Math.max(1, total))}`).join('\n')}\n`;
}

export function formatQuestionStats(distribution: QuestionDistribution, baseline: BlindBaseline | undefined, topAnswers = 20): string {
  const d = distribution;
  let out = `${d.questions} questions on ${d.images} images; yes/no ${pct(d.binaryShare)}\n\n`;
  out += table('structural types', d.structural, d.questions);
  out += table('semantic types', d.semantic, d.questions);
  out += table('detailed types (templates)', d.detailed, d.questions);
  out += `answers (top ${topAnswers} of ${d.answers.length})\n`;
  out += d.answers.slice(0, topAnswers).map(([a, n]) => `  ${a.padEnd(16)} ${String(n).padStart(7)}  ${pct(n / Math.max(1, d.questions))}`).join('\n');
  out += '\n';
  if (baseline) {
    const b = baseline;
    out += `\nblind baseline (most frequent answer per template; ${b.trainQuestions} train -> ${b.testQuestions} test questions)\n`;
    out += `  overall ${pct(b.overall)}   yes/no ${pct(b.binary)}   other answers ${pct(b.open)}   GQA binary (not query) ${pct(b.gqaBinary)}\n`;
    out += Object.entries(b.byStructural).map(([s, a]) => `  ${s.padEnd(16)} ${pct(a)}`).join('\n');
    out += '\n  per template:\n';
    out += Object.entries(b.byTemplate).map(([t, r]) => `    ${t.padEnd(16)} ${pct(r.accuracy).padStart(6)}  guess "${r.answer}" (${r.count} test questions)`).join('\n');
    out += '\n';
  }
  return out;
}
