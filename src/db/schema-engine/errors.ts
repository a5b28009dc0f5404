// Errors as the Prisma CLI expects them from a schema engine. The CLI reads only `error.data`: with `is_panic` it
// prints a panic report, with `error_code` it prints "<code>\n\n<message>" (e.g. P3018), else just the message.
import { takePanicMessage, wasmApi } from './wasm-engine.ts';

/** A user-facing engine error (a known Prisma code, or none). */
export class EngineError extends Error {
  constructor(
    message: string,
    readonly errorCode?: string,
    readonly meta: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

export interface RpcErrorObject {
  code: number;
  message: string;
  data: {
    is_panic: boolean;
    message: string;
    error_code?: string;
    meta?: Record<string, unknown>;
    error?: { message: string };
  };
}

/** True when the wasm engine panicked (the instance cannot be trusted afterwards: the process must exit 101). */
export function isPanic(error: unknown): boolean {
  return error instanceof wasmApi.RuntimeError;
}

/** Converts anything thrown while serving a request into the JSON-RPC error object the CLI understands. */
export function toRpcError(error: unknown): RpcErrorObject {
  if (isPanic(error)) {
    const message = takePanicMessage() ?? String((error as Error).message);
    // 4466 is the code the native engine uses for its own errors; the CLI ignores it but it keeps logs uniform.
    return { code: 4466, message, data: { is_panic: true, message, error: { message } } };
  }
  if (error instanceof EngineError) {
    return {
      code: 4466,
      message: error.message,
      data: { is_panic: false, message: error.message, error_code: error.errorCode, meta: error.meta },
    };
  }
  // Errors from the wasm engine are plain Errors carrying the Prisma code in `code` (e.g. P1014, P3006).
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return {
    code: 4466,
    message,
    data: {
      is_panic: false,
      message,
      ...(typeof code === 'string' && /^P\d{4}$/.test(code) ? { error_code: code } : {}),
    },
  };
}

/** The Prisma code of an error thrown by the wasm engine, if any. */
export function prismaCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
