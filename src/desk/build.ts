import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import * as esbuild from 'esbuild';
import { PROJECT_ROOT } from '../config/database-url.ts';

export const DESK_SOURCE = path.join(PROJECT_ROOT, 'src/desk/ui');
export const DESK_OUT = path.join(PROJECT_ROOT, 'dist/desk');

const INDEX = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Desk · News store</title>
<link rel="stylesheet" href="/desk/assets/desk.css">
<script type="module" src="/desk/assets/app.js"></script>
</head>
<body>
<div id="desk"><main><p>Loading the desk…</p></main></div>
<noscript>The desk needs JavaScript.</noscript>
</body>
</html>
`;

export interface DeskBuild {
  outDir: string;
  /** the gzipped size of the JavaScript the first page loads */
  jsGzipBytes: number;
}

/**
 * Bundles the desk (Preact, TSX) with esbuild into dist/desk: one minified app.js, desk.css and index.html. No CDN,
 * nothing fetched: everything comes from node_modules, so `npm ci` on a clean clone builds it offline.
 */
export async function buildDesk(outDir = DESK_OUT): Promise<DeskBuild> {
  const assets = path.join(outDir, 'assets');
  fs.mkdirSync(assets, { recursive: true });
  await esbuild.build({
    entryPoints: [path.join(DESK_SOURCE, 'main.tsx')],
    outfile: path.join(assets, 'app.js'),
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2022'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    tsconfig: path.join(DESK_SOURCE, 'tsconfig.json'),
    legalComments: 'none',
    logLevel: 'silent',
  });
  fs.copyFileSync(path.join(DESK_SOURCE, 'desk.css'), path.join(assets, 'desk.css'));
  fs.writeFileSync(path.join(outDir, 'index.html'), INDEX);
  const js = fs.readFileSync(path.join(assets, 'app.js'));
  return { outDir, jsGzipBytes: zlib.gzipSync(js, { level: 9 }).length };
}

/** True when dist/desk is missing or older than a source file: `npm start` rebuilds it then. */
export function deskIsStale(outDir = DESK_OUT): boolean {
  const built = path.join(outDir, 'assets/app.js');
  if (!fs.existsSync(built)) return true;
  const builtAt = fs.statSync(built).mtimeMs;
  return fs.readdirSync(DESK_SOURCE).some((f) => fs.statSync(path.join(DESK_SOURCE, f)).mtimeMs > builtAt);
}
