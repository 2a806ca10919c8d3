/** SceneGraph and error conversions for the worker protocol (protocol.ts). */
import { sceneGraphFromGqa, sceneGraphToGqa } from '../../../graph/formats/gqa.ts';
import type { SceneGraph } from '../../../graph/scene-graph.ts';
import { HttpError, isHttpError } from '../errors/http-error.ts';
import type { WireError, WireGraph } from './protocol.ts';

export function graphToWire(graph: SceneGraph): WireGraph {
  return { imageId: graph.getAttribute('imageId'), scene: sceneGraphToGqa(graph) };
}

export function graphFromWire(wire: WireGraph): SceneGraph {
  return sceneGraphFromGqa(wire.imageId, wire.scene);
}

export function errorToWire(error: unknown): WireError {
  if (isHttpError(error)) {
    return { kind: 'http', status: error.status, code: error.code, message: error.message, ...(error.path ? { path: error.path } : {}) };
  }
  const e = error instanceof Error ? error : new Error(String(error));
  return { kind: 'internal', message: `${e.name}: ${e.message}`, ...(e.stack ? { stack: e.stack } : {}) };
}

/** An HttpError for the client, or a plain Error (-> 500, message logged only). */
export function errorFromWire(wire: WireError): Error {
  if (wire.kind === 'http') return new HttpError(wire.status, wire.code, wire.message, wire.path ? { path: wire.path } : {});
  const error = new Error(`http/inference-worker: ${wire.message}`);
  if (wire.stack) error.stack = wire.stack;
  return error;
}
