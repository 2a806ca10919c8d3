/**
 * Parity with the official GQA eval.py on a hand-made fixture (fixtures/gqa-parity-fixture.ts). Every
 * expected number below was derived by hand from the script's formulas; the derivation is written next
 * to each assertion. Notation: ✓ = prediction equals the gold answer, B = balanced, U = unbalanced.
 *
 * The questions, their gold answers and the predictions:
 *
 *   qid  B/U  structural semantic  words steps  gold   predicted       global
 *   qA   B    verify     attr      4     2      yes    yes   ✓         null
 *   qB   B    query      attr      5     2      red    red   ✓         color
 *   qC   B    query      attr      5     2      white  blue  ✗         color
 *   qD   B    query      rel       5     2*     cup    blue  ✗         thing
 *   qE   B    query      rel       5     2*     table  table ✓         thing
 *   qF   U    verify     attr      -     -      no     no    ✓         color (unbalanced: ignored)
 *   qG   U    query      rel       -     -      table  plate ✗         thing (unbalanced: ignored)
 *   qH   B    compare    attr      10    3      color  material ✗      null  (twoCommon)
 *   qI   B    logical    obj       9     3**    yes    no    ✗         null
 *   qJ   B    choose     attr      6***  2      white  white ✓         color
 *   qK   B    compare    obj       8     3      plate  cup ✗ / missing null
 *   qM   U    choose     attr      -     -      red    red ✓ / missing
 *   qN   B    verify     attr      4     2      yes    yes   ✓         null
 *   qO   B    compare    attr      10    3      color  red   ✗         null  (twoCommon)
 *   qX   (no such question; its prediction must be ignored)
 *
 *   *   the final `query: name` step does not count.  ** both `exist` steps do not count (select,
 *   select, and).  *** "Is the plate  white or blue? " has a double space and a trailing space: Python's
 *   split() still gives 6 words.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  computeGqaMetrics,
  MissingEntriesError,
  type GqaMetrics,
  type GqaMetricsInputs,
} from '../../server/batch/index.ts';
import {
  parityAttentions,
  parityChoices,
  parityPredictionsComplete,
  parityPredictionsWithGaps,
  parityQuestions,
  parityScenes,
} from './fixtures/gqa-parity-fixture.ts';

function inputs(predictions: GqaMetricsInputs['predictions']): GqaMetricsInputs {
  return {
    predictions,
    questions: parityQuestions,
    choices: parityChoices,
    scenes: parityScenes,
    attentions: parityAttentions,
  };
}

/** eval.py prints two decimals; we match to that (and tighter where the value is small). */
function expectTwoDecimals(actual: number | null, expected: number): void {
  expect(actual).not.toBeNull();
  expect(actual!).toBeCloseTo(expected, 2);
}

describe('GQA metrics: parity with eval.py on a hand-scored fixture', () => {
  it('fails naming the first questions without a prediction, in file order', async () => {
    const error = await computeGqaMetrics(inputs(parityPredictionsWithGaps)).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(MissingEntriesError);
    const missing = error as MissingEntriesError;
    expect(missing.name).toBe('MissingEntriesError');
    expect(missing.kind).toBe('prediction');
    expect(missing.firstMissing).toEqual(['qK', 'qM']);
    expect(missing.missing).toBe(2);
    expect(missing.outOf).toBe(14);
    expect(missing.message).toMatch(/^score: 2 of 14 questions have no prediction \(first: "qK", "qM"\)/);
  });

  describe('with allowMissing (qK and qM have no prediction and are left out)', () => {
    let metrics: GqaMetrics;
    beforeAll(async () => {
      metrics = await computeGqaMetrics(inputs(parityPredictionsWithGaps), { allowMissing: true });
    });

    it('accuracy, binary, open', () => {
      // Balanced and predicted: qA qB qC qD qE qH qI qJ qN qO = 10; correct: qA qB qE qJ qN = 5 -> 50.00
      expectTwoDecimals(metrics.accuracy, 50);
      // binary = structural != query: qA✓ qH✗ qI✗ qJ✓ qN✓ qO✗ -> 3/6 = 50.00
      expectTwoDecimals(metrics.binary, 50);
      // open = query: qB✓ qC✗ qD✗ qE✓ -> 2/4 = 50.00
      expectTwoDecimals(metrics.open, 50);
      expect(metrics.counts).toMatchObject({ questions: 14, predictions: 13, balanced: 10, binary: 6, open: 4 });
      expect(metrics.counts.missingPredictions).toBe(2); // qK, qM
      expect(metrics.counts.unmatchedPredictions).toBe(1); // qX
    });

    it('per structural and semantic type', () => {
      // choose: qJ✓ 1/1; compare: qH✗ qO✗ 0/2; logical: qI✗ 0/1; query: 2/4; verify: qA✓ qN✓ 2/2
      expect(Object.keys(metrics.perStructuralType)).toEqual(['choose', 'compare', 'logical', 'query', 'verify']);
      expect(metrics.perStructuralType.choose).toEqual({ accuracy: 100, count: 1 });
      expect(metrics.perStructuralType.compare).toEqual({ accuracy: 0, count: 2 });
      expect(metrics.perStructuralType.logical).toEqual({ accuracy: 0, count: 1 });
      expect(metrics.perStructuralType.query).toEqual({ accuracy: 50, count: 4 });
      expect(metrics.perStructuralType.verify).toEqual({ accuracy: 100, count: 2 });
      // attr: qA✓ qB✓ qC✗ qH✗ qJ✓ qN✓ qO✗ -> 4/7 = 57.14; obj: qI✗ 0/1; rel: qD✗ qE✓ 1/2
      expectTwoDecimals(metrics.perSemanticType.attr!.accuracy, 57.14);
      expect(metrics.perSemanticType.attr!.count).toBe(7);
      expect(metrics.perSemanticType.obj).toEqual({ accuracy: 0, count: 1 });
      expect(metrics.perSemanticType.rel).toEqual({ accuracy: 50, count: 2 });
    });

    it('per length in words and in steps', () => {
      // words 4: qA✓ qN✓; 5: qB✓ qC✗ qD✗ qE✓; 6: qJ✓; 9: qI✗; 10: qH✗ qO✗
      expect(metrics.perLength).toEqual({
        '4': { accuracy: 100, count: 2 },
        '5': { accuracy: 50, count: 4 },
        '6': { accuracy: 100, count: 1 },
        '9': { accuracy: 0, count: 1 },
        '10': { accuracy: 0, count: 2 },
      });
      // steps 2: qA✓ qB✓ qC✗ qD✗ qE✓ qJ✓ qN✓ -> 5/7 = 71.43; 3: qH✗ qI✗ qO✗ -> 0/3
      expectTwoDecimals(metrics.perSteps['2']!.accuracy, 71.43);
      expect(metrics.perSteps['2']!.count).toBe(7);
      expect(metrics.perSteps['3']).toEqual({ accuracy: 0, count: 3 });
    });

    it('validity and plausibility, with the "Common" rule', () => {
      // valid: qA yes∈{yes,no}✓ qB red✓ qC blue✓ qD blue∉{cup,plate,table}✗ qE table✓
      //        qH "material": Common -> {color,material,shape} ✓ (although its choices list only "color")
      //        qI no✓ qJ white✓ qN yes✓
      //        qO "red": Common -> ∉ {color,material,shape} ✗ (although its choices list "red")
      //        -> 8/10 = 80.00
      expectTwoDecimals(metrics.validity, 80);
      // plausible: qA✓ qB red∈{red,white}✓ qC blue∉{white}✗ qD✗ qE table∈{table,cup}✓ qH✓ (Common)
      //            qI✓ qJ✓ qN yes∉{no}✗ qO✗ (Common) -> 6/10 = 60.00
      expectTwoDecimals(metrics.plausibility, 60);
      expect(metrics.counts.choices).toBe(10);
      expect(metrics.counts.missingChoices).toBe(0);
    });

    it('consistency over correct balanced questions with entailed questions other than themselves', () => {
      // qA✓ entails {qA, qF} -> E = {qF}: qF (unbalanced) no = no ✓ -> 1
      // qB✓ entails {qA, qG, qZ, qM}: qA✓, qG✗, qZ not in the file (skipped), qM unpredicted (skipped) -> 1/2
      // qE✓ entails only itself -> no score; qJ✓ entails {qC, qJ, qC} -> E = [qC, qC], both ✗ -> 0
      // qN✓ entails {qY}, not in the file -> E empty after skipping -> no score (GraphVQA rule)
      // qC✗ entails qB, but qC is wrong -> no score; qF✓ entails qA but is unbalanced -> no score
      // consistency = (1 + 0.5 + 0) / 3 = 50.00
      expectTwoDecimals(metrics.consistency, 50);
      expect(metrics.counts.consistencyQuestions).toBe(3);
      expect(metrics.counts.skippedEntailedLinks).toBe(3); // qZ, qM, qY
    });

    it('distribution: chi-square per global group weighted by gold count, / 100', () => {
      // Balanced, non-null group (qF and qG are unbalanced; qA qH qI qN qO have a null group):
      // color: qB red/red, qC white/blue, qJ white/white. gold {red 1, white 2}, predicted {red 1, blue 1, white 1}
      //        χ² = (1-1)²/1 + (1-2)²/2 = 0.5 ("blue" is not a gold answer of the group: ignored); N = 3
      // thing: qD cup/blue, qE table/table. gold {cup 1, table 1}, predicted {blue 1, table 1}
      //        χ² = (0-1)²/1 + (1-1)²/1 = 1; N = 2
      // (0.5·3 + 1·2) / (3 + 2) = 0.7 -> / 100 = 0.007
      expect(metrics.distribution).toBeCloseTo(0.007, 10);
      expect(metrics.counts).toMatchObject({ distributionGroups: 2, distributionQuestions: 5 });
    });

    it('grounding from object attentions and scene-graph boxes', () => {
      // img1 is 100 x 50: cup o1 = (0.1, 0.2, 0.3, 0.4), plate o2 = (0.5, 0, 1, 1), table o3 = (0, 0.5, 1, 1).
      // qA regions: question {3: o1} + fullAnswer {2: o1} = [cup, cup]. Cells:
      //   (0.1,0.2,0.3,0.4) w .5: the cup itself, rate 1 -> .5
      //   o2 w .25: no overlap with the cup -> 0
      //   (0,0,0.2,0.4) w .25: area .08, overlap .1 x .2 = .02 -> rate .25 -> .0625
      //   per region .5625, two regions -> 1.125
      // qD regions: [table]. Cells: o3 w .6 -> rate 1 -> .6; (0.5,0.5,1,1) w .4 lies inside the table -> .4. = 1.0
      // qN: no annotation, so no region: 0 although its attention covers the whole image (the script's
      //     whole-scene region never fires). Every other balanced question: no region or no cell -> 0.
      // qF (unbalanced) and qX (no such question) are ignored.
      // grounding = (1.125 + 1.0) / 10 · 100 = 21.25
      expectTwoDecimals(metrics.grounding, 21.25);
      expect(metrics.counts).toMatchObject({ grounding: 10, missingAttentions: 0, groundingWithRegions: 2 });
    });
  });

  describe('strict, with every prediction (qK wrong, qM right)', () => {
    let metrics: GqaMetrics;
    beforeAll(async () => {
      metrics = await computeGqaMetrics(inputs(parityPredictionsComplete));
    });

    it('changes exactly what qK and qM touch', () => {
      // qK joins: 11 balanced, 5 correct -> 45.45; binary 3/7 = 42.86; open unchanged 50.00
      expectTwoDecimals(metrics.accuracy, 45.45);
      expectTwoDecimals(metrics.binary, 42.86);
      expectTwoDecimals(metrics.open, 50);
      // compare: qH qK qO 0/3; obj: qI qK 0/2; 8 words: qK 0/1; 3 steps ("choose bigger" counts): 0/4
      expect(metrics.perStructuralType.compare).toEqual({ accuracy: 0, count: 3 });
      expect(metrics.perSemanticType.obj).toEqual({ accuracy: 0, count: 2 });
      expect(metrics.perLength['8']).toEqual({ accuracy: 0, count: 1 });
      expect(metrics.perSteps['3']).toEqual({ accuracy: 0, count: 4 });
      // qK "cup" is valid and plausible: 9/11 = 81.82, 7/11 = 63.64
      expectTwoDecimals(metrics.validity, 81.82);
      expectTwoDecimals(metrics.plausibility, 63.64);
      // qB's entailed qM (unbalanced, ✓) now counts: qB = 2/3; (1 + 2/3 + 0) / 3 = 55.56
      expectTwoDecimals(metrics.consistency, 55.56);
      expect(metrics.counts.skippedEntailedLinks).toBe(2); // qZ, qY
      // qK has a null group: distribution unchanged
      expect(metrics.distribution).toBeCloseTo(0.007, 10);
      // qK has no region: (1.125 + 1.0) / 11 = 19.32
      expectTwoDecimals(metrics.grounding, 19.32);
      expect(metrics.counts).toMatchObject({ balanced: 11, missingPredictions: 0, unmatchedPredictions: 1 });
    });
  });

  it('requires choices and attentions for every balanced question unless allowMissing', async () => {
    const withoutQC = parityChoices.filter(([qid]) => qid !== 'qC');
    const choicesError = await computeGqaMetrics({ ...inputs(parityPredictionsComplete), choices: withoutQC })
      .then(() => undefined, (e: unknown) => e);
    expect((choicesError as MissingEntriesError).name).toBe('MissingEntriesError');
    expect((choicesError as MissingEntriesError).kind).toBe('choices entry');
    expect((choicesError as MissingEntriesError).firstMissing).toEqual(['qC']);

    const withoutQA = parityAttentions.filter(({ questionId }) => questionId !== 'qA');
    const attentionError = await computeGqaMetrics({ ...inputs(parityPredictionsComplete), attentions: withoutQA })
      .then(() => undefined, (e: unknown) => e);
    expect((attentionError as MissingEntriesError).kind).toBe('attention map');
    expect((attentionError as MissingEntriesError).firstMissing).toEqual(['qA']);

    // Left out instead: validity over 10 questions (qC's valid "blue" leaves: 8/10); grounding 1.0 / 10.
    const lenient = await computeGqaMetrics(
      { ...inputs(parityPredictionsComplete), choices: withoutQC, attentions: withoutQA },
      { allowMissing: true },
    );
    expectTwoDecimals(lenient.validity, 80);
    expect(lenient.counts).toMatchObject({ choices: 10, missingChoices: 1, grounding: 10, missingAttentions: 1 });
    expectTwoDecimals(lenient.grounding, 10);
  });

  it('without choices or attentions, those metrics are null, the rest unchanged', async () => {
    const metrics = await computeGqaMetrics({ predictions: parityPredictionsComplete, questions: parityQuestions });
    expect(metrics.validity).toBeNull();
    expect(metrics.plausibility).toBeNull();
    expect(metrics.grounding).toBeNull();
    expectTwoDecimals(metrics.accuracy, 45.45);
    expectTwoDecimals(metrics.consistency, 55.56);
  });
});
