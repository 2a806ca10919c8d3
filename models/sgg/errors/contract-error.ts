/**
 * A scene-graph generator that breaks the ONNX contract (DESIGN §3): a missing or unreadable manifest,
 * a missing input or output, or an output whose shape does not fit the manifest's label counts. The
 * message names the file and the offending tensor (`sgg/contract: model.onnx: output 'rel_logits' ...`).
 */
export class ContractError extends Error {
  override name = 'ContractError' as const;
}

export function isContractError(error: unknown): error is ContractError {
  return error instanceof ContractError || (error instanceof Error && error.name === 'ContractError');
}
