/**
 * Batch evaluation: GQA metrics with official-script parity (see METRICS.md), the evaluation core shared
 * by `sgvqa eval` and the API's evaluation jobs (eval/), and the reports (report/).
 */
export { computeGqaMetrics } from './metrics/compute-metrics.ts';
export type { ComputeMetricsOptions, EntrySource, GqaMetricsInputs } from './metrics/compute-metrics.ts';
export { GqaMetricsAccumulator } from './metrics/gqa-metrics-accumulator.ts';
export type { GqaMetricsOptions } from './metrics/gqa-metrics-accumulator.ts';
export type { AccuracyEntry, GqaMetricCounts, GqaMetrics } from './metrics/gqa-metrics.ts';
export { AnswerDistribution } from './metrics/answer-distribution.ts';
export { EntailmentLinks, UNPREDICTED } from './metrics/entailment-links.ts';
export type { ConsistencyResult } from './metrics/entailment-links.ts';
export { belongsToChoices, COMMON_ANSWERS, isCommonQuestion } from './metrics/choices-membership.ts';
export { countReasoningSteps } from './metrics/program-steps.ts';
export type { ProgramStepLike } from './metrics/program-steps.ts';
export { countWords, isPythonWhitespace } from './metrics/python-words.ts';
export { groundingScore, groundingScorePacked, intersectionRate, overlapLength } from './metrics/grounding.ts';
export type { Box } from './metrics/grounding.ts';
export { SceneBoxes, UNKNOWN_IMAGE } from './metrics/scene-boxes.ts';
export type { SceneBoxSource } from './metrics/scene-boxes.ts';
export { AttentionEntrySchema, QuestionAttentionSchema } from './metrics/attention-schema.ts';
export type { AttentionEntry, QuestionAttention } from './metrics/attention-schema.ts';
export { readAttentions } from './attention-file.ts';
export { scoreGqaFiles } from './score-files.ts';
export type { FileProgressFactory, ScoreFiles, ScoreFilesOptions } from './score-files.ts';
export { writeMetricsJson } from './write-metrics.ts';
export { formatMetricsTable } from './format-metrics.ts';
export { MissingEntriesError } from './errors/missing-entries-error.ts';
export type { MissingEntryKind } from './errors/missing-entries-error.ts';
export { ScoreInputError } from './errors/score-input-error.ts';
export { SEMANTIC_TYPE_NAMES, breakdownTables, formatPercent, headlineRows, scoringNotes } from './format-metrics.ts';
export type { BreakdownTable, HeadlineRow } from './format-metrics.ts';

// The evaluation core (sgvqa eval and the API's evaluation jobs).
export { evaluateQuestions, DEFAULT_BATCH, DEFAULT_WINDOW } from './eval/evaluate-questions.ts';
export type { EvaluateCounts, EvaluateOptions } from './eval/evaluate-questions.ts';
export { UNANSWERED_CAUSES } from './eval/eval-types.ts';
export type {
  AnsweredBatch,
  AnsweredQuestion,
  EvalAnswer,
  EvalQuestion,
  GraphOutcome,
  GraphProvider,
  ObjectAttention,
  QuestionAnswerer,
  QuestionOnGraph,
  UnansweredCause,
} from './eval/eval-types.ts';
export { SymbolicAnswerer, traceAttention } from './eval/symbolic-answerer.ts';
export type { SymbolicAnswererOptions } from './eval/symbolic-answerer.ts';
export { VqaModelAnswerer } from './eval/vqa-model-answerer.ts';
export type { VqaModelAnswererOptions } from './eval/vqa-model-answerer.ts';
export { lookupGraphs } from './eval/lookup-graphs.ts';
export type { GraphLookup } from './eval/lookup-graphs.ts';
export { SceneFileGraphs } from './eval/scene-file-graphs.ts';
export { ImageFolderGraphs } from './eval/image-folder-graphs.ts';
export type { ImageFolderGraphsOptions } from './eval/image-folder-graphs.ts';
export { AnswerTable } from './eval/answer-table.ts';
export { EvalJournal, JOURNAL_FILE } from './eval/eval-journal.ts';
export type { JournalEntry, JournalHeader } from './eval/eval-journal.ts';
export { fileIdentity, fingerprintDifferences } from './eval/run-fingerprint.ts';
export type { FileIdentity, RunFingerprint } from './eval/run-fingerprint.ts';
export { evalOutputs } from './eval/eval-outputs.ts';
export type { EvalOutputs } from './eval/eval-outputs.ts';
export { runEvaluation } from './eval/run-evaluation.ts';
export type { EvalProgress, EvaluationRunResult, EvaluationRunSummary, RunEvaluationOptions } from './eval/run-evaluation.ts';
export { EvalError } from './errors/eval-error.ts';
export { ResumeMismatchError } from './errors/resume-mismatch-error.ts';

// Reports (report.md, report.html).
export { ReportCollector } from './report/report-collector.ts';
export type { CollectedAnswer, CollectedReport, ReportCollectorOptions } from './report/report-collector.ts';
export { renderMarkdownReport } from './report/markdown-report.ts';
export { renderHtmlReport } from './report/html-report.ts';
export { barChartSvg } from './report/svg-bars.ts';
export type { BarChartOptions, BarRow } from './report/svg-bars.ts';
export { traceQuestion } from './report/question-traces.ts';
export { REPORT_FILES_DIR, safeName, writeReports } from './report/write-reports.ts';
export { writeScoreReport } from './report/score-report.ts';
export type { ScoreReportOptions } from './report/score-report.ts';
export type { ReportInput, ReportSources, WrittenReports } from './report/write-reports.ts';
export type {
  ConfusedPair,
  EvaluationReport,
  FailedImage,
  QuestionTrace,
  ReportOverall,
  ReportQuestion,
  ReportRun,
  TraceStep,
  UnansweredSample,
  WorstQuestion,
} from './report/report-data.ts';
