import { AppError } from '../errors.ts';
import type { Principal } from './tokens.ts';

/**
 * Who may call a route. `public`: anyone (a token, when sent, must still be valid — published content only);
 * `editor`: any valid token; `admin`: an admin token. The permission table in docs/api.md lists every route.
 */
export type Access = 'public' | 'editor' | 'admin';

export function checkAccess(access: Access, principal: Principal | null): void {
  if (access === 'public') return;
  if (!principal) {
    throw new AppError('unauthorized', 'This needs a token: send Authorization: Bearer <token>');
  }
  if (access === 'admin' && principal.role !== 'admin') {
    throw new AppError('forbidden', 'Only an admin may do this');
  }
}

/** Drafts, archived articles and stubs are for editors; readers without a token see published content only. */
export const canSeeUnpublished = (principal: Principal | null) => principal !== null;
