/**
 * GQA semantic programs: parse, format, execute on a SceneGraph.
 *
 * Parsing
 * - `parseSemantic(steps, options?)`: a question's `semantic` list (untrusted JSON) -> Program.
 * - `parseSemanticStr(text, options?)`: its `semanticStr` -> the same Program.
 *   Options: `strict` (unknown operation = error), `path` (JSON path of the program, for messages;
 *   default `['semantic']` / `['semanticStr']`), `file`. Malformed input throws a GraphFormatError whose
 *   path names the bad field, e.g. `$.semantic[2].argument`, `$.semanticStr[1].dependencies[0]`.
 * - Unknown operations: by default a step of kind `unknown` that keeps the operation verbatim; the
 *   executor answers it with `unsupported` naming the operation, so a batch run can count such questions
 *   instead of aborting. `strict: true` throws instead (for validating files).
 * - `checkProgram(program)`: the structural check both parsers run; use it on hand-built programs.
 *
 * Formatting
 * - `formatSemantic(program)` -> GQA `semantic` list; `formatSemanticStr(program)` -> `semanticStr`.
 *   Both round-trip: `parseSemanticStr(formatSemanticStr(p))` deep-equals `p`.
 * - `stepOperation(step)` / `stepArgument(step)`: one step's GQA operation and argument.
 *
 * Executing
 * - `executeProgram(graph, program, { ontology?, hypernyms? })` ->
 *   `{ kind: 'answer', answer, trace }` or
 *   `{ kind: 'unsupported', operation, step, cause, reason, trace }`.
 *   `trace[i]` holds step i's operation and value: object ids (grounding), the scene, yes/no or a word.
 *   Answers follow GQA: lower-case, `yes` / `no` for verify / exist / and / or / same / different.
 *   Causes: `operation` (unknown), `argument` (category or comparative the executor cannot use),
 *   `empty` (a step needs an object and got none), `undecidable` (the graph lacks the information, or a
 *   choice has no single answer), `no-answer` (the program ends in objects). Never a silent guess.
 * - Ids in arguments (`wall (722332)`) are kept on the steps for grounding and never used to answer.
 * - Names match equal names, plurals and classes (`select: person` finds `man`), see DEFAULT_HYPERNYMS.
 * - Attribute categories come from the `AttributeOntology` (category -> values; DEFAULT_ONTOLOGY covers
 *   GQA's common ones). `name`/`type`, `hposition`/`vposition` (box centre in thirds of the image) and
 *   the scene fields `place`/`location`/`weather` are built in. A category that is not in the ontology
 *   but is a name class (`shape` -> circle, square, ... in DEFAULT_HYPERNYMS) is answered with the
 *   object's name. A world with its own vocabulary passes e.g. `{ color: [...], size: [...],
 *   material: [...] }` and, if its classes differ, `hypernyms: { shape: [...] }`.
 *
 * Operation semantics in one line each (GQA operation: meaning):
 * select: objects by name | select: scene | filter [cat]: [not(]value[)] | relate: name|_,pred,s|o
 * (s = the named objects are subjects, input objects are objects) | query: cat | verify [cat]: value |
 * verify rel | choose [cat]: a|b | choose rel: name,p|q,s|o (answer `left`/`right`/`front`/predicate) |
 * choose <comparative> (healthier, older, larger, ...: two objects, answer a name) | exist | and | or |
 * same/different <cat> (two sets) or same/different: cat (within one set) | common (shared category).
 */
export type {
  ChooseRelStep,
  ChooseStep,
  CommonStep,
  CompareStep,
  ExistStep,
  FilterStep,
  GqaSemanticStep,
  LogicStep,
  Program,
  ProgramStep,
  QueryStep,
  RelateStep,
  RelationRole,
  SameDifferentStep,
  SceneStep,
  SelectStep,
  StepKind,
  UnknownStep,
  VerifyRelStep,
  VerifyStep,
} from './program.ts';
export type {
  AnswerResult,
  ExecutionResult,
  StepTrace,
  StepValue,
  UnsupportedCause,
  UnsupportedResult,
} from './execution-result.ts';
export type { AttributeOntology } from './ontology.ts';
export type { NameHierarchy } from './default-hypernyms.ts';
export type { ExecuteOptions } from './execution-context.ts';
export type { ParseProgramOptions } from './parse-semantic.ts';
export type { CheckOptions } from './check-program.ts';
export type { Comparative } from './comparatives.ts';

export { parseSemantic } from './parse-semantic.ts';
export { parseSemanticStr, splitSemanticStr } from './parse-semantic-str.ts';
export { checkProgram } from './check-program.ts';
export { formatSemantic, formatSemanticStr, stepArgument, stepOperation } from './format-semantic.ts';
export { executeProgram } from './execute-program.ts';
export { DEFAULT_ONTOLOGY } from './default-ontology.ts';
export { DEFAULT_HYPERNYMS } from './default-hypernyms.ts';
export { COMPARATIVES } from './comparatives.ts';
export { relationAnswer } from './ops/choose.ts';
export { singular } from './name-matcher.ts';
