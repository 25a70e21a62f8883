import type { AccountDTO } from '../../common/wire';

/**
 * One connected account as GET /pinterest/accounts answers it (the default one, @demo, unless
 * told otherwise).
 */
export const account = (over: Partial<AccountDTO> = {}): AccountDTO => ({
  id: 1,
  source: 'oauth',
  username: 'demo',
  displayName: 'demo',
  profileImage: null,
  accountType: 'BUSINESS',
  status: 'connected',
  isDefault: true,
  lastError: null,
  connectedAt: null,
  waitingJobs: 0,
  writesPaused: null,
  ...over,
});
