/**
 * Detecting prototype pollution: a snapshot of the JavaScript intrinsics the model relies on
 * (the prototypes of the built-in classes, and `Object`, `Array`, `JSON`, `Math`), taken before an
 * adapter is loaded and compared after its check. An adapter that replaced `Array.prototype.push`
 * could make the model see what it wants; such a check is an error, never a pass.
 */

const TARGETS: readonly [string, object][] = [
  ['Object.prototype', Object.prototype], ['Array.prototype', Array.prototype], ['Function.prototype', Function.prototype],
  ['String.prototype', String.prototype], ['Number.prototype', Number.prototype], ['Boolean.prototype', Boolean.prototype],
  ['Map.prototype', Map.prototype], ['Set.prototype', Set.prototype], ['WeakMap.prototype', WeakMap.prototype],
  ['Promise.prototype', Promise.prototype], ['RegExp.prototype', RegExp.prototype], ['Error.prototype', Error.prototype],
  ['Symbol.prototype', Symbol.prototype], ['Object', Object], ['Array', Array], ['JSON', JSON], ['Math', Math],
];

/** The identity of every own property of the intrinsics (value, or getter and setter). */
export type IntrinsicsSnapshot = Map<string, unknown[]>;

function parts(d: PropertyDescriptor): unknown[] {
  return 'value' in d ? [d.value, d.writable] : [d.get, d.set];
}

/** Take the snapshot. */
export function intrinsicsSnapshot(): IntrinsicsSnapshot {
  const snap: IntrinsicsSnapshot = new Map();
  for (const [name, obj] of TARGETS) {
    for (const key of Reflect.ownKeys(obj)) {
      const d = Reflect.getOwnPropertyDescriptor(obj, key)!;
      snap.set(`${name}.${String(key)}`, parts(d));
    }
  }
  return snap;
}

/** The intrinsics added, removed or replaced since `before` (empty when none). */
export function pollutedIntrinsics(before: IntrinsicsSnapshot): string[] {
  const now = intrinsicsSnapshot();
  const out: string[] = [];
  // Plain index writes: `out.push` may be the very intrinsic that was replaced.
  for (const [k, v] of now) {
    const was = before.get(k);
    if (!was || was.length !== v.length || was.some((x, i) => x !== v[i])) out[out.length] = k;
  }
  for (const k of before.keys()) if (!now.has(k)) out[out.length] = k;
  return out;
}
