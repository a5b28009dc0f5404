// Loads Prisma's WebAssembly schema engine (@prisma/schema-engine-wasm) without `--experimental-wasm-modules`:
// the package's entry does `import * as wasm from "./schema_engine_bg.wasm"`, which plain Node cannot import, so we
// instantiate the bytes ourselves and hand the exports to the JS glue (docs: /work/shared/docs/prisma-offline.md).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';
import * as bg from '@prisma/schema-engine-wasm/schema_engine_bg';

export type { SchemaEngine };

interface PanicRegistry {
  message: string | undefined;
  set_message(message: string): void;
}

declare global {
  // Set by the wasm glue right before a Rust panic unwinds; without it the panic's message is lost.
  var PRISMA_WASM_PANIC_REGISTRY: PanicRegistry | undefined;
}

// Node's WebAssembly global, typed minimally (the project's `lib` has no DOM/WebAssembly declarations).
interface WasmApi {
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: Record<string, unknown> } }>;
  RuntimeError: abstract new (...args: never[]) => Error;
}
export const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

let loaded: Promise<typeof bg> | undefined;

/** Instantiates the wasm module once per process (≈ 5 MB, ~100 ms). */
export function loadWasm(): Promise<typeof bg> {
  loaded ??= (async () => {
    globalThis.PRISMA_WASM_PANIC_REGISTRY ??= {
      message: undefined,
      set_message(message: string) {
        this.message = message;
      },
    };
    // The package exports only its JS files; the .wasm sits next to the glue module.
    const glue = fileURLToPath(import.meta.resolve('@prisma/schema-engine-wasm/schema_engine_bg'));
    const bytes = await readFile(path.join(path.dirname(glue), 'schema_engine_bg.wasm'));
    const { instance } = await wasmApi.instantiate(bytes, { './schema_engine_bg.js': bg });
    const exports = instance.exports as { __wbindgen_start(): void };
    bg.__wbg_set_wasm(exports);
    exports.__wbindgen_start();
    return bg;
  })();
  return loaded;
}

/** The last panic message the engine registered (a panic surfaces as a bare `RuntimeError: unreachable`). */
export function takePanicMessage(): string | undefined {
  const registry = globalThis.PRISMA_WASM_PANIC_REGISTRY;
  const message = registry?.message;
  if (registry) registry.message = undefined;
  return message;
}

/** The engine's own version string, e.g. `59be4fda…`: printed by `--version` as `schema-engine-cli <hash>`. */
export async function engineVersion(): Promise<string> {
  return (await loadWasm()).version();
}
