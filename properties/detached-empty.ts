/**
 * Detached tables hold nothing but none entries or tolerated markers until freed: retract and
 * collapse detach only emptied tables (C-RM-3), nothing writes metadata into a deferred table
 * (C-LT-6), and a reader of a detached table sees only none entries (C-MAP-8).
 */
import type { Property } from '../src/check/property';

const property: Property = {
  id: 'detached-empty',
  title: 'detached tables stay empty until freed',
  contracts: ['C-RM-3', 'C-LT-6', 'C-MAP-8'],
  appliesTo: () => true,
};

export default property;
