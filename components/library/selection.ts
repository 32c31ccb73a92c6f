/**
 * What the reader selected in the library: some notes by id, or every note matching the query
 * (which can be far more than one page; they are only read when an action runs).
 */
export type Selection = { kind: 'ids'; ids: ReadonlySet<string> } | { kind: 'all' };

export const EMPTY_SELECTION: Selection = { kind: 'ids', ids: new Set() };

export function isSelected(selection: Selection, id: string): boolean {
  return selection.kind === 'all' || selection.ids.has(id);
}

export function toggle(selection: Selection, ids: readonly string[], on: boolean, allIds?: readonly string[]): Selection {
  // Unticking one note of "all results" falls back to an explicit list of the visible ones.
  const current = selection.kind === 'all' ? new Set(allIds ?? []) : new Set(selection.ids);
  for (const id of ids) {
    if (on) current.add(id);
    else current.delete(id);
  }
  return { kind: 'ids', ids: current };
}

export function selectedCount(selection: Selection, total: number): number {
  return selection.kind === 'all' ? total : selection.ids.size;
}
