/**
 * Rendered JSON documents kept in memory, least recently used first out, bounded by their total size. Keys must name
 * an immutable state — an entity and its version (`article-12-v7`) — so nothing is ever invalidated: a write moves
 * the version, the old entry is no longer asked for and ages out. One per app (createApp), never a module global.
 */
export interface RenderCache {
  get(key: string): string | undefined;
  set(key: string, json: string): void;
  readonly size: number;
}

export function createRenderCache({ maxBytes = 32 * 1024 * 1024, maxEntries = 5_000 } = {}): RenderCache {
  // A Map iterates in insertion order: re-inserting on a hit makes the first key the least recently used.
  const entries = new Map<string, string>();
  let bytes = 0;
  return {
    get(key) {
      const json = entries.get(key);
      if (json !== undefined) {
        entries.delete(key);
        entries.set(key, json);
      }
      return json;
    },
    set(key, json) {
      // JS strings are UTF-16: two bytes a character is the honest upper bound.
      const size = json.length * 2;
      if (size > maxBytes) return;
      const old = entries.get(key);
      if (old !== undefined) {
        bytes -= old.length * 2;
        entries.delete(key);
      }
      entries.set(key, json);
      bytes += size;
      for (const [k, v] of entries) {
        if (bytes <= maxBytes && entries.size <= maxEntries) break;
        entries.delete(k);
        bytes -= v.length * 2;
      }
    },
    get size() {
      return entries.size;
    },
  };
}
