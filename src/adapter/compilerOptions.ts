/**
 * The compiler options an adapter is type-checked with, in tsconfig.json form: what
 * `check --adapter FILE` uses (./typecheck.ts) and what `new-arch` writes next to a new
 * adapter, so that an editor and `tsc --noEmit -p DIR` report what `check` reports.
 */
import { packageEntries } from './layout';

/** tsconfig `compilerOptions` of an adapter, without `paths` (see {@link adapterTsconfigOptions}). */
export const ADAPTER_COMPILER_OPTIONS = {
  strict: true,
  target: 'ES2022',
  module: 'commonjs',
  moduleResolution: 'node10',
  lib: ['ES2022'],
  // No ambient Node types: adapters are model code, and @types/node would triple the time a
  // check spends type-checking.
  types: [] as string[],
  esModuleInterop: true,
  skipLibCheck: true,
  allowJs: true,
  checkJs: false,
  noEmit: true,
} as const;

/**
 * {@link ADAPTER_COMPILER_OPTIONS} with `paths` mapping `ptconform/kernel` and `ptconform` to
 * this installation's declarations (absolute paths).
 */
export function adapterTsconfigOptions(): Record<string, unknown> {
  const e = packageEntries();
  return {
    ...ADAPTER_COMPILER_OPTIONS,
    paths: { 'ptconform/kernel': [e['ptconform/kernel'].types], ptconform: [e.ptconform.types] },
  };
}
