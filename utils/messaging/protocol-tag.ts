/**
 * The tag every Factmark message carries. Apart from protocol.ts (its schemas) so the extension
 * pages that only send messages (the popup) do not load the schema library to start.
 */
export const PROTOCOL_TAG = 'factmark/1';
