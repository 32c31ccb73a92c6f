/** Whether two DOM ranges share any text (touching ends do not count); false across documents. */
export function rangesOverlap(a: Range, b: Range): boolean {
  try {
    // a ends after b starts, and a starts before b ends.
    return a.compareBoundaryPoints(Range.START_TO_END, b) > 0 && a.compareBoundaryPoints(Range.END_TO_START, b) < 0;
  } catch {
    return false; // WrongDocumentError: ranges in different documents never overlap
  }
}
