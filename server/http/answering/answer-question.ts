/**
 * POST /answer's work: find the question's program (if any), pick the answerer, resolve the graph and
 * answer, inside one work-queue slot so that at most `concurrency` answers decode images and run models
 * at once. The answerer is chosen before any work is queued, so an impossible request fails fast:
 * - `model` needs the VQA model (503 `model_unavailable` without it, once the image or graph has been checked);
 * - `symbolic` needs a program (`questionId` or `semantic`), else 400;
 * - `auto` takes the model when loaded, else the executor when a program is given, else 503.
 * When the model answers and a program is known, the executor's run is added for comparison.
 */
import { sceneGraphFromGqa, sceneGraphToGqa } from '../../../graph/formats/gqa.ts';
import type { GqaScene } from '../../../graph/formats/gqa-schema.ts';
import type { ExecuteOptions } from '../../../graph/program/index.ts';
import { HttpError } from '../errors/http-error.ts';
import type { SceneGraph } from '../../../graph/scene-graph.ts';
import { inspectImage } from '../images/decode-image.ts';
import type { Answerer, ModelAnswer, Timings } from '../models/model-ports.ts';
import type { AnswerResponse } from '../routes/answer-schema.ts';
import type { WorkQueue } from '../work-queue.ts';
import { modelUnavailable, resolveGraph, type GraphInput, type GraphResolver } from './resolve-graph.ts';
import { programFromSemantic, runSymbolic, symbolicGrounding, type QuestionProgram } from './symbolic.ts';

export interface AnswerInput {
  question: string | undefined;
  questionId: string | undefined;
  /** A GQA `semantic` list (shape-checked by zod; parsed here). */
  semantic: unknown;
  answerer: 'auto' | 'model' | 'symbolic';
  graph: GraphInput;
}

export interface AnswerServices extends GraphResolver {
  answerer: Answerer | undefined;
  answererUnavailable: string | undefined;
  queue: WorkQueue;
  executeOptions: ExecuteOptions;
}

interface Prepared {
  question: string;
  questionId: string | undefined;
  goldAnswer: string | undefined;
  program: QuestionProgram | undefined;
  useModel: boolean;
  /** Why the chosen answerer cannot run; thrown once the graph input has been checked, so bad input still gets its 4xx. */
  unavailable: HttpError | undefined;
}

function prepare(services: AnswerServices, input: AnswerInput): Prepared {
  if (input.questionId !== undefined && input.semantic !== undefined) {
    throw new HttpError(400, 'invalid_request', '$.semantic: give either questionId or semantic, not both', { path: ['semantic'] });
  }
  let question = input.question;
  let program: QuestionProgram | undefined;
  let goldAnswer: string | undefined;
  if (input.questionId !== undefined) {
    const sampleQuestion = services.samples.question(input.questionId);
    if (!sampleQuestion) throw new HttpError(404, 'not_found', `no sample question "${input.questionId}"`, { path: ['questionId'] });
    question ??= sampleQuestion.question.question;
    goldAnswer = sampleQuestion.question.answer;
    if (sampleQuestion.question.semantic) program = programFromSemantic(sampleQuestion.question.semantic, ['questionId']);
  }
  if (input.semantic !== undefined) program = programFromSemantic(input.semantic, ['semantic']);
  if (question === undefined) throw new HttpError(400, 'invalid_question', '$.question: a question is required', { path: ['question'] });

  let useModel: boolean;
  let unavailable: HttpError | undefined;
  if (input.answerer === 'model') {
    if (!services.answerer) unavailable = modelUnavailable('the VQA model', services.answererUnavailable);
    useModel = true;
  } else if (input.answerer === 'symbolic') {
    if (!program) throw new HttpError(400, 'invalid_request', '$.answerer: symbolic answers need a program (questionId or semantic)', { path: ['answerer'] });
    useModel = false;
  } else if (services.answerer) {
    useModel = true;
  } else if (program) {
    useModel = false;
  } else {
    useModel = true;
    unavailable = modelUnavailable(
      'the VQA model (needed for free-text questions; sample questions can be answered by the executor with questionId)',
      services.answererUnavailable,
    );
  }
  return { question, questionId: input.questionId, goldAnswer, program, useModel, unavailable };
}

/** Milliseconds to 0.01 ms: finer digits are noise. */
export function roundTimings(timings: Timings): Timings {
  const out: Timings = {};
  for (const [stage, ms] of Object.entries(timings)) out[stage] = Math.round(ms * 100) / 100;
  return out;
}

export async function answerQuestion(services: AnswerServices, input: AnswerInput, signal?: AbortSignal): Promise<AnswerResponse> {
  const started = performance.now();
  const prepared = prepare(services, input);
  let queuedAt = 0;
  return services.queue.run(async () => {
    queuedAt = performance.now();
    const timings: Timings = {};
    let graphSource: AnswerResponse['graphSource'];
    let imageId: string;
    let scene: GqaScene;
    /** The graph as a SceneGraph, built only where needed (the executor). */
    let graphOf: () => SceneGraph;
    let modelAnswer: ModelAnswer | undefined;
    const answerImage = services.answerer?.answerImage;
    if (input.graph.kind === 'image' && prepared.useModel && !prepared.unavailable && services.extractor && answerImage) {
      // Both models in one inference worker: predict and answer in one round trip.
      const checkStarted = performance.now();
      const image = await inspectImage(input.graph.bytes, services.maxPixels);
      timings.imageCheckMs = performance.now() - checkStarted;
      const result = await answerImage(image, input.graph.imageId, prepared.question);
      ({ imageId, scene } = result);
      graphSource = 'predicted';
      graphOf = () => sceneGraphFromGqa(result.imageId, result.scene);
      modelAnswer = result.answer;
      // workerMs: the whole request inside the inference worker; the rest are the generator's stages.
      for (const [stage, ms] of Object.entries(result.timings)) timings[stage === 'workerMs' ? stage : `sgg.${stage}`] = ms;
      timings.sceneGraphAndAnswerMs = performance.now() - checkStarted - timings.imageCheckMs;
    } else {
      const resolved = await resolveGraph(services, input.graph);
      if (prepared.unavailable) throw prepared.unavailable;
      Object.assign(timings, resolved.timings);
      graphSource = resolved.source;
      imageId = resolved.graph.getAttribute('imageId');
      scene = resolved.scene ?? sceneGraphToGqa(resolved.graph);
      graphOf = () => resolved.graph;
      if (prepared.useModel) {
        const answerStarted = performance.now();
        signal?.throwIfAborted();
        modelAnswer = await services.answerer!.answer(resolved.graph, prepared.question);
        timings.answerMs = performance.now() - answerStarted;
      }
    }
    const symbolicStarted = performance.now();
    const symbolic = prepared.program ? runSymbolic(graphOf(), prepared.program, services.executeOptions) : undefined;
    let answered: Pick<AnswerResponse, 'answer' | 'confidence' | 'topK' | 'grounding' | 'answeredBy' | 'unknownWords' | 'warnings'>;
    if (modelAnswer) {
      answered = {
        answer: modelAnswer.answer,
        confidence: modelAnswer.confidence,
        topK: modelAnswer.topK,
        grounding: modelAnswer.grounding,
        answeredBy: 'model',
        unknownWords: modelAnswer.unknownWords,
        warnings: modelAnswer.warnings,
      };
      for (const [stage, ms] of Object.entries(modelAnswer.timings)) timings[`vqa.${stage}`] = ms;
    } else {
      const result = symbolic!.result;
      if (result.kind !== 'answer') {
        throw new HttpError(422, 'unanswerable', `the executor cannot answer on this graph: step ${result.step} (${result.operation}): ${result.reason}`);
      }
      answered = { answer: result.answer, confidence: 1, topK: [{ answer: result.answer, p: 1 }], grounding: symbolicGrounding(result.trace), answeredBy: 'symbolic' };
      timings.answerMs = performance.now() - symbolicStarted;
    }
    timings.queueMs = queuedAt - started;
    timings.totalMs = performance.now() - started;
    return {
      ...answered,
      question: prepared.question,
      ...(prepared.questionId === undefined ? {} : { questionId: prepared.questionId }),
      ...(prepared.goldAnswer === undefined ? {} : { goldAnswer: prepared.goldAnswer }),
      imageId,
      graphSource,
      sceneGraph: scene,
      ...(symbolic === undefined ? {} : { program: symbolic }),
      timings: roundTimings(timings),
    };
  }, signal);
}
