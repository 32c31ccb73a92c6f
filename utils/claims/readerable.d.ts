/**
 * Types for Readability's stand-alone gate, imported by its own file so that the content script
 * does not bundle all of Readability (the package's index.js requires both halves).
 */
declare module '@mozilla/readability/Readability-readerable.js' {
  import type { isProbablyReaderable as gate } from '@mozilla/readability';
  const isProbablyReaderable: typeof gate;
  export default isProbablyReaderable;
}
