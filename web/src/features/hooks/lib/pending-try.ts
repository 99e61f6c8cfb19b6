/**
 * "Save and try" on a new hook: the context typed before the first save, handed to
 * the hook's own page (which opens after the save) to run the try there.
 */
const pending = new Map<string, string>();

export function setPendingTry(hookId: string, context: string) {
  pending.set(hookId, context);
}

/** The context waiting for this hook, left in place (for a state initializer). */
export function peekPendingTry(hookId: string | undefined) {
  return hookId ? pending.get(hookId) : undefined;
}

/** The context waiting for this hook, taken: only the first caller runs the try. */
export function takePendingTry(hookId: string | undefined) {
  if (!hookId) return undefined;
  const context = pending.get(hookId);
  pending.delete(hookId);
  return context;
}
