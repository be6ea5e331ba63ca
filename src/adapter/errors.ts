/** The error type of everything that goes wrong with an adapter before it runs. */

/** A usage or adapter error: one line to stderr, exit 2. */
export class UsageError extends Error {}
