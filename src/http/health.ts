import { z } from 'zod';
import { AppError } from '../errors.ts';
import { endpoint } from './endpoint.ts';

const Status = z.object({ status: z.literal('ok') });
const READY_TIMEOUT_MS = 2_000;

export const healthz = endpoint({
  operationId: 'healthz',
  summary: 'The process is alive',
  tag: 'operations',
  responses: { 200: { description: 'alive', schema: Status } },
  async handle() {
    return { status: 200, body: { status: 'ok' } };
  },
});

export const readyz = endpoint({
  operationId: 'readyz',
  summary: 'The database answers (503 when it does not)',
  tag: 'operations',
  responses: { 200: { description: 'ready', schema: Status } },
  errors: [503],
  async handle({ db }) {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), READY_TIMEOUT_MS);
    });
    try {
      await Promise.race([db.$queryRawUnsafe('SELECT 1'), timeout]);
    } catch (e) {
      throw new AppError('unavailable', 'The database does not answer', { cause: e });
    } finally {
      clearTimeout(timer);
    }
    return { status: 200, body: { status: 'ok' } };
  },
});
