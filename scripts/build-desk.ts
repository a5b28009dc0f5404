/**
 * `npm run desk:build`: bundles the desk into dist/desk (run by postinstall, so `npm ci` builds it; `npm start`
 * rebuilds it when a source file is newer). Prints the first page's JavaScript size, gzipped.
 */
import { buildDesk } from '../src/desk/build.ts';
import { runMain } from '../src/cli/run-main.ts';

runMain('desk:build', async () => {
  const { outDir, jsGzipBytes } = await buildDesk();
  process.stdout.write(`desk built in ${outDir}: app.js ${(jsGzipBytes / 1024).toFixed(1)} KB gzipped\n`);
  return 0;
});
