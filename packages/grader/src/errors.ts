/** A readable message from anything thrown: "message", "TypeError: message", or the thrown value itself. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}`;
  return String(error);
}
