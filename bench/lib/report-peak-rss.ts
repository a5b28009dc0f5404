/**
 * Preloaded (`node --import`) into a process the bench measures from outside, such as `npm run export`: when it
 * exits, its peak RSS goes to file descriptor 3 as one JSON line, so the script runs exactly as an operator runs it.
 */
import fs from 'node:fs';

process.on('exit', () => fs.writeSync(3, `${JSON.stringify({ maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`));
