/** An edit that does not fit the scene it is applied to (an unknown object, a relation that is not there). */
export class SceneEditError extends Error {
  override name = 'SceneEditError' as const;

  constructor(message: string) {
    super(`scene/edit: ${message}`);
  }
}
