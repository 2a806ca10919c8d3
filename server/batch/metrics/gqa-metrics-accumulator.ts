/**
 * The GQA metrics over streamed inputs, in bounded memory. Inputs arrive one entry at a time in this
 * order: predictions, scene graphs (only for grounding), questions, choices, attentions; then `finish()`.
 *
 * What is kept, per prediction index i (i = order in the predictions file):
 * - the predicted answer as an interned id (Int32Array) and, once its question is read, a flag byte
 *   (in the questions file / balanced / correct / "Common" type / choices seen / attention seen);
 * - for grounding only: the annotated regions (4 float64 each) and grounding score;
 * plus, per correct balanced question with entailed questions, its entailed indices (4 bytes each), and
 * O(categories) totals for accuracy, breakdowns and the answer histograms. Question texts, programs and
 * choices lists are never kept.
 *
 * Which questions count follows eval.py: everything is computed over balanced questions only; entailed
 * questions (any balancedness) supply answers for consistency. See server/batch/METRICS.md.
 *
 * One-pass use (`addAnswered`): a batch evaluation knows each prediction when it reads the question, so it
 * gives both at once (and the question's attention), after the scene graphs and before the choices. An
 * entailed id met before its own question gets its index then; one never met counts as absent from the
 * questions file, as in the two-pass order. Fed in questions-file order, the result is identical to the
 * two-pass one on the same files, bit for bit (the float sums run in the same order).
 */
import type { GqaChoice, GqaQuestion } from '../../../graph/formats/gqa-schema.ts';
import { MissingEntriesError, type MissingEntryKind } from '../errors/missing-entries-error.ts';
import { ScoreInputError } from '../errors/score-input-error.ts';
import { AccuracyBreakdown, percentOf } from './accuracy-breakdown.ts';
import { AnswerDistribution } from './answer-distribution.ts';
import { AnswerVocabulary } from './answer-vocabulary.ts';
import type { AttentionEntry } from './attention-schema.ts';
import { belongsToChoices, isCommonQuestion } from './choices-membership.ts';
import { EntailmentLinks, UNPREDICTED } from './entailment-links.ts';
import type { GqaMetrics } from './gqa-metrics.ts';
import { groundingScorePacked } from './grounding.ts';
import { GrowableFloat64Array, GrowableInt32Array } from './growable-array.ts';
import { countReasoningSteps } from './program-steps.ts';
import { countWords } from './python-words.ts';
import { SceneBoxes, UNKNOWN_IMAGE, type SceneBoxSource } from './scene-boxes.ts';

export interface GqaMetricsOptions {
  /** Leave out questions without a prediction (and choices / attention) instead of failing. */
  allowMissing?: boolean;
  /** A choices file will be given: compute validity and plausibility. */
  withChoices?: boolean;
  /** Scene graphs and attentions will be given: compute grounding. */
  withGrounding?: boolean;
}

/** How many missing question ids an error names. */
const FIRST_MISSING = 5;

const IN_QUESTIONS = 1;
const BALANCED = 2;
const CORRECT = 4;
const COMMON = 8;
const HAS_CHOICE = 16;
const HAS_ATTENTION = 32;
const HAS_PREDICTION = 64;

const PHASES = ['predictions', 'scenes', 'questions', 'choices', 'attentions', 'finished'] as const;
type Phase = (typeof PHASES)[number];

export class GqaMetricsAccumulator {
  private readonly allowMissing: boolean;
  private readonly withChoices: boolean;
  private withGrounding: boolean;
  private phase: Phase = 'predictions';
  /** `two-pass`: addPrediction then addQuestion; `one-pass`: addAnswered. Set by the first of them. */
  private mode: 'two-pass' | 'one-pass' | undefined;
  private predictionCount = 0;

  private readonly predictionIndex = new Map<string, number>();
  private readonly predictedAnswer = new GrowableInt32Array(1 << 16);
  private readonly answers = new AnswerVocabulary();
  private flags = new Uint8Array(0);
  /** Prediction indices of balanced questions, in questions-file order. */
  private readonly balancedOrder = new GrowableInt32Array(1 << 16);

  private questionCount = 0;
  private missingPredictions = 0;
  private readonly firstMissingPredictions: string[] = [];

  private correctBalanced = 0;
  private readonly binary = { correct: 0, count: 0 };
  private readonly open = { correct: 0, count: 0 };
  private readonly byStructural = new AccuracyBreakdown<string>();
  private readonly bySemantic = new AccuracyBreakdown<string>();
  private readonly byLength = new AccuracyBreakdown<number>();
  private readonly bySteps = new AccuracyBreakdown<number>();
  private readonly distribution = new AnswerDistribution();
  private readonly links = new EntailmentLinks();

  private choicesSeen = 0;
  private validCount = 0;
  private plausibleCount = 0;

  private readonly scenes = new SceneBoxes();
  private regionStart = new Int32Array(0);
  private regionCount = new Int32Array(0);
  /** Scene index of each balanced question's image (grounding only). */
  private imageOf = new Int32Array(0);
  private readonly regionCoords = new GrowableFloat64Array(1 << 12);
  private groundingScores = new Float64Array(0);
  private readonly cellScratch = new GrowableFloat64Array(256);

  constructor(options: GqaMetricsOptions = {}) {
    this.allowMissing = options.allowMissing ?? false;
    this.withChoices = options.withChoices ?? false;
    this.withGrounding = options.withGrounding ?? false;
  }

  /** One entry of the official predictions file. */
  addPrediction(questionId: string, prediction: string): void {
    this.setMode('two-pass');
    this.enter('predictions');
    if (this.predictionIndex.has(questionId)) throw new ScoreInputError(`duplicate prediction for question "${questionId}"`);
    this.predictionIndex.set(questionId, this.predictedAnswer.length);
    this.predictedAnswer.push(this.answers.intern(prediction));
    this.predictionCount++;
  }

  /** One scene of the scene-graphs file (grounding only; before the questions). */
  addScene(imageId: string, scene: SceneBoxSource): void {
    if (!this.withGrounding) throw new ScoreInputError('scene graphs are only used for grounding (set withGrounding)');
    this.enter('scenes');
    this.scenes.add(imageId, scene);
  }

  /** One entry of the questions file. */
  addQuestion(questionId: string, question: GqaQuestion): void {
    this.setMode('two-pass');
    this.enter('questions');
    this.questionCount++;
    const index = this.predictionIndex.get(questionId);
    if (index === undefined) {
      this.missingPredictions++;
      if (this.firstMissingPredictions.length < FIRST_MISSING) this.firstMissingPredictions.push(questionId);
      return;
    }
    this.scoreQuestion(index, questionId, question);
  }

  /**
   * One question with its prediction (one-pass use; after the scene graphs, before the choices), and its
   * attention when grounding is on (`undefined`: none, left out of grounding like a missing map).
   */
  addAnswered(questionId: string, question: GqaQuestion, prediction: string, attention?: readonly AttentionEntry[]): void {
    this.setMode('one-pass');
    this.enter('questions');
    this.questionCount++;
    const index = this.indexOf(questionId);
    if (this.flags[index]! & HAS_PREDICTION) throw new ScoreInputError(`duplicate question "${questionId}"`);
    this.predictedAnswer.set(index, this.answers.intern(prediction));
    this.flags[index] = this.flags[index]! | HAS_PREDICTION;
    this.predictionCount++;
    this.scoreQuestion(index, questionId, question);
    if (attention !== undefined && this.withGrounding && this.flags[index]! & BALANCED) this.scoreAttention(index, questionId, attention);
  }

  /**
   * Stops computing grounding: it is null in the result (one-pass use, when the scene graphs turn out to
   * lack objects the annotations point to, which would otherwise be an error).
   */
  dropGrounding(): void {
    this.withGrounding = false;
  }

  /** The index of a question id, new ones numbered on (one-pass use). */
  private indexOf(questionId: string): number {
    let index = this.predictionIndex.get(questionId);
    if (index === undefined) {
      index = this.predictedAnswer.length;
      this.predictionIndex.set(questionId, index);
      this.predictedAnswer.push(UNPREDICTED);
      this.reserve(index + 1);
    }
    return index;
  }

  private scoreQuestion(index: number, questionId: string, question: GqaQuestion): void {
    if (this.flags[index]! & IN_QUESTIONS) throw new ScoreInputError(`duplicate question "${questionId}"`);
    const gold = question.answer;
    if (gold === undefined) {
      throw new ScoreInputError(`question "${questionId}" has no answer (GQA's test splits have none and cannot be scored)`);
    }
    const predicted = this.answers.text(this.predictedAnswer.get(index));
    const correct = predicted === gold;
    const known = this.flags[index]!;
    if (question.isBalanced !== true) {
      this.flags[index] = known | IN_QUESTIONS | (correct ? CORRECT : 0);
      return;
    }
    const common = isCommonQuestion(question.types?.detailed);
    this.flags[index] = known | IN_QUESTIONS | BALANCED | (correct ? CORRECT : 0) | (common ? COMMON : 0);
    this.balancedOrder.push(index);

    if (correct) this.correctBalanced++;
    const structural = question.types?.structural ?? null;
    const answerType = structural === 'query' ? this.open : this.binary;
    answerType.count++;
    if (correct) answerType.correct++;
    this.byStructural.add(String(structural), correct);
    this.bySemantic.add(String(question.types?.semantic ?? null), correct);
    this.byLength.add(countWords(question.question), correct);
    this.bySteps.add(countReasoningSteps(question.semantic), correct);

    const group = question.groups?.global;
    if (group !== null && group !== undefined) this.distribution.add(group, gold, predicted);

    if (correct && question.entailed) {
      const others = question.entailed.filter((id) => id !== questionId);
      if (others.length > 0) {
        this.links.addAnchor(others.map((id) => (this.mode === 'one-pass' ? this.indexOf(id) : (this.predictionIndex.get(id) ?? UNPREDICTED))));
      }
    }

    if (this.withGrounding) this.storeRegions(index, questionId, question);
  }

  /** One entry of the choices file (`withChoices`; after the questions). */
  addChoice(questionId: string, choice: GqaChoice): void {
    if (!this.withChoices) throw new ScoreInputError('choices were not announced (set withChoices)');
    this.enter('choices');
    const index = this.predictionIndex.get(questionId);
    if (index === undefined) return;
    const flags = this.flags[index]!;
    if (!(flags & BALANCED)) return; // eval.py reads choices of balanced questions only
    if (flags & HAS_CHOICE) throw new ScoreInputError(`duplicate choices entry for question "${questionId}"`);
    this.flags[index] = flags | HAS_CHOICE;
    this.choicesSeen++;
    const predicted = this.answers.text(this.predictedAnswer.get(index));
    const common = (flags & COMMON) !== 0;
    if (belongsToChoices(predicted, choice.valid, common)) this.validCount++;
    if (belongsToChoices(predicted, choice.plausible, common)) this.plausibleCount++;
  }

  /** One question's attention (`withGrounding`; after the questions and choices). */
  addAttention(questionId: string, attention: readonly AttentionEntry[]): void {
    if (!this.withGrounding) throw new ScoreInputError('attentions were not announced (set withGrounding)');
    if (this.mode === 'one-pass') throw new ScoreInputError('one-pass scoring takes each attention with its question (addAnswered)');
    this.enter('attentions');
    const index = this.predictionIndex.get(questionId);
    if (index === undefined) return;
    if (!(this.flags[index]! & BALANCED)) return;
    this.scoreAttention(index, questionId, attention);
  }

  private scoreAttention(index: number, questionId: string, attention: readonly AttentionEntry[]): void {
    const flags = this.flags[index]!;
    if (flags & HAS_ATTENTION) throw new ScoreInputError(`duplicate attention for question "${questionId}"`);
    this.flags[index] = flags | HAS_ATTENTION;

    const cells = this.cellScratch;
    cells.length = 0;
    for (const [position, entry] of attention.entries()) {
      if (entry.length === 5) {
        for (const value of entry) cells.push(value);
      } else if (typeof entry[0] === 'string') {
        if (!this.scenes.pushBox(this.imageOf[index]!, entry[0], cells)) {
          throw new ScoreInputError(
            `attention of question "${questionId}" (entry ${position}) names object "${entry[0]}", which is not in the scene graph of its image`,
          );
        }
        cells.push(entry[1]);
      } else {
        for (const value of entry[0]) cells.push(value);
        cells.push(entry[1]);
      }
    }
    const start = this.regionStart[index]!;
    const regions = this.regionCoords.view().subarray(start, start + 4 * this.regionCount[index]!);
    this.groundingScores[index] = groundingScorePacked(regions, cells.view());
  }

  /** All metrics; checks that nothing required is missing (unless allowMissing). */
  finish(): GqaMetrics {
    this.enter('finished');
    const balanced = this.balancedOrder.view();
    const flags = this.flags;

    let missingChoices: number | null = null;
    if (this.withChoices) {
      missingChoices = balanced.length - this.choicesSeen;
      if (missingChoices > 0 && !this.allowMissing) this.throwMissing('choices entry', HAS_CHOICE, missingChoices);
    }

    let grounding: number | null = null;
    let groundingCount: number | null = null;
    let missingAttentions: number | null = null;
    let withRegions: number | null = null;
    if (this.withGrounding) {
      let sum = 0;
      groundingCount = 0;
      withRegions = 0;
      for (const index of balanced) {
        if (!(flags[index]! & HAS_ATTENTION)) continue;
        sum += this.groundingScores[index]!; // question order: the script's summation order
        groundingCount++;
        if (this.regionCount[index]! > 0) withRegions++;
      }
      missingAttentions = balanced.length - groundingCount;
      if (missingAttentions > 0 && !this.allowMissing) this.throwMissing('attention map', HAS_ATTENTION, missingAttentions);
      grounding = percentOf(sum, groundingCount);
    }

    const consistency = this.links.resolve(
      (index) => (flags[index]! & IN_QUESTIONS) !== 0,
      (index) => (flags[index]! & CORRECT) !== 0,
    );
    let unmatched = 0;
    for (let i = 0; i < this.predictedAnswer.length; i++) if ((flags[i]! & (HAS_PREDICTION | IN_QUESTIONS)) === HAS_PREDICTION) unmatched++;

    return {
      accuracy: percentOf(this.correctBalanced, balanced.length),
      binary: percentOf(this.binary.correct, this.binary.count),
      open: percentOf(this.open.correct, this.open.count),
      consistency: consistency.consistency,
      validity: this.withChoices ? percentOf(this.validCount, this.choicesSeen) : null,
      plausibility: this.withChoices ? percentOf(this.plausibleCount, this.choicesSeen) : null,
      grounding,
      distribution: this.distribution.score(),
      perStructuralType: this.byStructural.toRecord(),
      perSemanticType: this.bySemantic.toRecord(),
      perLength: this.byLength.toRecord(),
      perSteps: this.bySteps.toRecord(),
      counts: {
        questions: this.questionCount,
        predictions: this.predictionCount,
        balanced: balanced.length,
        binary: this.binary.count,
        open: this.open.count,
        missingPredictions: this.missingPredictions,
        unmatchedPredictions: unmatched,
        consistencyQuestions: consistency.questions,
        skippedEntailedLinks: consistency.skippedLinks,
        choices: this.withChoices ? this.choicesSeen : null,
        missingChoices,
        distributionQuestions: this.distribution.questions,
        distributionGroups: this.distribution.groups,
        grounding: groundingCount,
        missingAttentions,
        groundingWithRegions: withRegions,
      },
    };
  }

  /** Moves forward through the input order; leaving the questions checks for missing predictions. */
  private enter(phase: Phase): void {
    if (phase === this.phase) return;
    const from = PHASES.indexOf(this.phase);
    const to = PHASES.indexOf(phase);
    if (to < from) throw new ScoreInputError(`${phase} must come before ${this.phase} (order: ${PHASES.slice(0, -1).join(', ')})`);
    if (from <= PHASES.indexOf('scenes') && to >= PHASES.indexOf('questions')) this.startQuestions();
    if (from <= PHASES.indexOf('questions') && to > PHASES.indexOf('questions')) this.endQuestions();
    this.phase = phase;
  }

  private startQuestions(): void {
    const n = this.predictedAnswer.length;
    this.reserve(n);
    this.flags.fill(HAS_PREDICTION, 0, n);
  }

  /** Room in the per-index arrays for `n` indices (grown by doubling in one-pass use). */
  private reserve(n: number): void {
    if (n <= this.flags.length && this.flags.length > 0) return;
    const size = Math.max(n, 2 * this.flags.length, 1024);
    const grow = <T extends Uint8Array | Int32Array | Float64Array>(old: T, fresh: T): T => {
      fresh.set(old);
      return fresh;
    };
    this.flags = grow(this.flags, new Uint8Array(size));
    if (this.withGrounding) {
      this.regionStart = grow(this.regionStart, new Int32Array(size));
      this.regionCount = grow(this.regionCount, new Int32Array(size));
      this.imageOf = grow(this.imageOf, new Int32Array(size).fill(UNKNOWN_IMAGE));
      this.groundingScores = grow(this.groundingScores, new Float64Array(size));
    }
  }

  private setMode(mode: 'two-pass' | 'one-pass'): void {
    if (this.mode === undefined) this.mode = mode;
    else if (this.mode !== mode) throw new ScoreInputError('addAnswered (one pass) cannot be mixed with addPrediction / addQuestion (two passes)');
  }

  private endQuestions(): void {
    if (this.missingPredictions > 0 && !this.allowMissing) {
      throw new MissingEntriesError('prediction', this.firstMissingPredictions, this.missingPredictions, this.questionCount);
    }
  }

  /** Gold regions of a balanced question: boxes of its question and full-answer annotations. */
  private storeRegions(index: number, questionId: string, question: GqaQuestion): void {
    const image = this.scenes.indexOf(question.imageId);
    this.imageOf[index] = image;
    this.regionStart[index] = this.regionCoords.length;
    const pointers = [
      ...Object.values(question.annotations?.question ?? {}),
      ...Object.values(question.annotations?.fullAnswer ?? {}),
    ];
    for (const objectId of pointers) {
      if (!this.scenes.pushBox(image, objectId, this.regionCoords)) {
        const where = image === UNKNOWN_IMAGE ? 'image' : `object "${objectId}" of image`;
        throw new ScoreInputError(
          `question "${questionId}" is annotated with ${where} "${question.imageId}", which is not in the scene graphs (needed for grounding)`,
        );
      }
    }
    this.regionCount[index] = pointers.length;
  }

  /** Names the first balanced questions (file order) lacking `flag`. */
  private throwMissing(kind: MissingEntryKind, flag: number, missing: number): never {
    const qidOf = new Array<string>(this.predictedAnswer.length);
    for (const [qid, index] of this.predictionIndex) qidOf[index] = qid;
    const first: string[] = [];
    for (const index of this.balancedOrder.view()) {
      if (first.length === FIRST_MISSING) break;
      if (!(this.flags[index]! & flag)) first.push(qidOf[index]!);
    }
    throw new MissingEntriesError(kind, first, missing, this.balancedOrder.length);
  }
}
