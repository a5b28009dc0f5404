// Owns the wasm SchemaEngine instance and its adapter factory for the life of the process. One instance serves
// every request, as the native engine does: `createMigration` only works after `devDiagnostic` ran on the same
// instance.
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { ShimAdapterFactory } from './adapter-factory.ts';
import { loadWasm, type SchemaEngine } from './wasm-engine.ts';

export class EngineHost {
  private engine: Promise<SchemaEngine> | undefined;
  /**
   * `migrate dev` runs devDiagnostic → applyMigrations (pending ones) → evaluateDataLoss → createMigration. The wasm
   * engine then fails with "SQLite shadow DB must be provided through an external factory": its dev state is only
   * usable if devDiagnostic ran while no migration was pending. We note when migrations changed the database after
   * the last devDiagnostic, so rpc-methods.ts can run it again before the calls that need it.
   */
  devDiagnosticStale = false;
  devDiagnosticRan = false;

  constructor(
    readonly factory: ShimAdapterFactory,
    /** `[path, content]` of each `--datamodels` file; undefined when none (an empty list makes the engine panic). */
    private readonly datamodels: [string, string][] | undefined,
    /** Receives the engine's JSON log lines (the native engine writes the same lines to stderr). */
    private readonly log: (line: string) => void,
  ) {}

  get(): Promise<SchemaEngine> {
    this.engine ??= loadWasm().then((bg) =>
      bg.SchemaEngine.new(
        { datamodels: this.datamodels },
        (line: string) => this.log(line),
        bindMigrationAwareSqlAdapterFactory(this.factory),
      ),
    );
    return this.engine;
  }

  /** Frees the engine, then closes the connections it leaves open (trap 1: `free()` does not). */
  async close(): Promise<void> {
    const engine = this.engine;
    this.engine = undefined;
    if (engine) (await engine.catch(() => undefined))?.free();
    await this.factory.disposeAll();
  }
}
