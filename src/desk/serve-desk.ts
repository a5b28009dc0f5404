import fs from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';
import { DESK_OUT } from './build.ts';

/**
 * /desk: the built page (dist/desk, see build.ts). Assets are served as files; every other /desk path is the one
 * page (index.html), whose script reads the path and shows the right view, so links to an article can be shared.
 * The desk reads and writes through the public API only.
 */
export function deskRoutes(outDir = DESK_OUT): Router {
  const router = Router();
  router.use('/assets', express.static(path.join(outDir, 'assets'), { fallthrough: false, maxAge: 0 }));
  router.get(/.*/, (_req, res) => {
    const index = path.join(outDir, 'index.html');
    if (!fs.existsSync(index)) {
      res.status(503).type('text').send('The desk is not built: run `npm run desk:build` (npm ci does it).');
      return;
    }
    res.set('Cache-Control', 'no-cache').sendFile(index);
  });
  return router;
}
