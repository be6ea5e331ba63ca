/**
 * The arch code's own assertions (C-WARN, C-BUG): a `WARN_ON_ONCE()` or `BUG_ON()` that fires in
 * adapter code on a generated interleaving is that adapter's failure. The model generates only
 * interleavings the kernel allows, so an assertion that fires is one the kernel would hit too.
 * C-RM-12: an assertion helper the generic mm calls (powerpc `assert_pte_locked()`) that fires
 * on a collapse transition.
 */
import type { Property } from '../src/check/property';

const property: Property = {
  id: 'arch-asserts',
  title: "the arch code's own WARN_ON and BUG_ON never fire",
  contracts: ['C-WARN', 'C-BUG', 'C-RM-12'],
  appliesTo: () => true,
};

export default property;
