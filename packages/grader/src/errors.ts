import { types } from 'node:util';

/** A readable message from anything thrown: "message", "TypeError: message", or the thrown value itself. Errors from another realm (a sandbox's cell) count as errors. */
export function errorMessage(error: unknown): string {
  if (types.isNativeError(error)) return `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}`;
  return String(error);
}
