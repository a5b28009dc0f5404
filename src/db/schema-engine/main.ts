// The schema-engine shim's entry (run by scripts/prisma-schema-engine). The Prisma CLI starts its engine as
//   ENGINE --datamodels <file>… [--datasource '{"url":…}'] [--enabled-preview-features …]   (JSON-RPC on stdio)
//   ENGINE --datasource '{"url":…}' cli can-connect-to-database | create-database | drop-database
//   ENGINE --version
// We answer all three with Prisma's WebAssembly engine, because the native binary cannot be downloaded here.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAdapterFactory, type DatasourceParam } from './adapter-factory.ts';
import { runCliCommand } from './cli-commands.ts';
import { EngineHost } from './engine-host.ts';
import { EngineError } from './errors.ts';
import { serveJsonRpc } from './json-rpc.ts';
import { isKnownMethod, methods } from './rpc-methods.ts';

export interface EngineArgs {
  datamodels: string[];
  datasource: DatasourceParam | undefined;
  version: boolean;
  cli: string | undefined;
}

export function parseArgs(argv: string[]): EngineArgs {
  const args: EngineArgs = { datamodels: [], datasource: undefined, version: false, cli: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === '--version' || arg === '-V') args.version = true;
    else if (arg === '--datamodels' || arg === '-d') args.datamodels.push(value());
    else if (arg === '--datasource') args.datasource = JSON.parse(value()) as DatasourceParam;
    else if (arg === '--enabled-preview-features' || arg === '--extension-types') value(); // nothing to enable
    else if (arg === 'cli') {
      args.cli = argv[i + 1];
      break;
    }
  }
  return args;
}

/**
 * The engine's commit hash, read from the package version (`8.1.0-2.<hash>`) instead of instantiating the 5 MB
 * wasm module: the CLI asks for `--version` often.
 */
export function engineHash(): string {
  const glue = fileURLToPath(import.meta.resolve('@prisma/schema-engine-wasm/schema_engine_bg'));
  const pkg = JSON.parse(readFileSync(path.join(path.dirname(glue), 'package.json'), 'utf8')) as { version: string };
  return pkg.version.split('.').at(-1) ?? pkg.version;
}

export async function main(argv: string[]): Promise<void> {
  const args = parseArgs(argv);
  if (args.version) {
    process.stdout.write(`schema-engine-cli ${engineHash()}\n`);
    return;
  }
  if (args.cli !== undefined || argv.includes('cli')) {
    process.exitCode = await runCliCommand(args.cli, args.datasource);
    return;
  }

  const files = args.datamodels.map((file): [string, string] => [file, readFileSync(file, 'utf8')]);
  const host = new EngineHost(
    createAdapterFactory(args.datasource, files.map(([, content]) => content)),
    files.length > 0 ? files : undefined,
    (line) => process.stderr.write(`${line}\n`),
  );

  let closing: Promise<void> | undefined;
  const shutdown = (code: number) => {
    closing ??= host.close().finally(() => process.exit(code));
    return closing as Promise<never>;
  };
  // The CLI ends stdin when it is done, and on Linux may kill us right away: clean up on both (drops the
  // temporary PostgreSQL shadow database if one is still open).
  process.on('SIGTERM', () => void shutdown(143));
  process.on('SIGINT', () => void shutdown(130));

  const server = serveJsonRpc(
    (method, params) => {
      if (!isKnownMethod(method)) throw new EngineError(`Unknown method \`${method}\``);
      return methods[method]!(params as never, {
        host,
        datasource: args.datasource,
        print: async (content) => void (await server.request('print', { content })),
      });
    },
    {
      afterEach: () => host.factory.afterRequest(),
      // After a panic the wasm instance is unusable; exit 101 like the native engine so the CLI reports a panic.
      onPanic: () => shutdown(101),
    },
  );
  await server.closed;
  await shutdown(0);
}
