/**
 * A property: one contract family (one file in `properties/`), judged over generated
 * scenarios. A run fails the property when the model reports a violation of one of its
 * contracts. Arch-specific properties may add a monitor that inspects the World after every
 * step (e.g. s390's AA/PP bits) without touching the core model.
 */
import type { Adapter } from '../adapter/types';
import type { World } from '../model/world';

/** Extra checks of an arch-specific property. */
export interface PropertyMonitor {
  /** Called after every atomic step of any actor. */
  afterStep?(w: World): void;
}

/** A contract family. */
export interface Property {
  /** File name in properties/ without extension, e.g. `lifetime`. */
  id: string;
  title: string;
  /** Contract IDs this property judges (each must be in the catalog). */
  contracts: string[];
  /** Whether the property applies to the adapter's declarations. */
  appliesTo(adapter: Adapter): boolean;
  /** Whether one of its contracts applies (default: all do when the property does). */
  contractApplies?(adapter: Adapter, contract: string): boolean;
  monitor?: PropertyMonitor;
}
