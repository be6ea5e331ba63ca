/**
 * Model names of tables, data pages and CPUs, as they appear in traces and messages. A name
 * depends only on its address or number, so each is built once per process and shared by
 * every run (building them on every trace entry was a dominant cost of the model).
 */
import { PAGE_SIZE, PFN_BASE } from './types';

/** Names of page-aligned tables by page index, and of the other fragments by address. */
const pagePtNames: string[] = [];
const fragmentPtNames = new Map<number, string>();
const dataNames: string[] = [];
const cpuNames: string[] = [];

/** `pt@0x...`: the name of the table at kernel virtual address `va`. */
export function ptName(va: number): string {
  if (va % PAGE_SIZE === 0) {
    const i = va / PAGE_SIZE - PFN_BASE;
    if (i >= 0) return pagePtNames[i] ?? (pagePtNames[i] = `pt@0x${va.toString(16)}`);
  }
  let s = fragmentPtNames.get(va);
  if (s === undefined) {
    s = `pt@0x${va.toString(16)}`;
    fragmentPtNames.set(va, s);
  }
  return s;
}

/** `page#N`: the name of the data page with frame number `pfn`. */
export function dataPageName(pfn: number): string {
  const i = pfn - PFN_BASE;
  return dataNames[i] ?? (dataNames[i] = `page#${i}`);
}

/** `cpuN`: the name of task actor `i`. */
export function cpuName(i: number): string {
  return cpuNames[i] ?? (cpuNames[i] = `cpu${i}`);
}

const rcuHeadNames: string[] = [];
const lockNames = new Map<string, string[]>();

/** `rcu_head of pt@0x...`: the owner name of the rcu_head embedded in the page with frame number `pfn`. */
export function rcuHeadName(pfn: number): string {
  const i = pfn - PFN_BASE;
  return rcuHeadNames[i] ?? (rcuHeadNames[i] = `rcu_head of ${ptName(pfn * PAGE_SIZE)}`);
}

/** `name#id`: the name of lock number `id` of kind `name`. */
export function lockName(name: string, id: number): string {
  let byId = lockNames.get(name);
  if (!byId) lockNames.set(name, (byId = []));
  return byId[id] ?? (byId[id] = `${name}#${id}`);
}
