/** Wire types shared by the server's admin routes and the admin panel. */

/**
 * `out_of_sync`: the entry changed but Pinterest refused the edit; `deleted`: removed on unpublish.
 */
export type PinStatus = 'pinning' | 'pinned' | 'failed' | 'out_of_sync' | 'deleted';
export type JobState = 'waiting' | 'running' | 'done' | 'failed' | 'cancelled';

export interface PinErrorDTO {
  /** Stable machine code, e.g. `MEDIA_REQUIRED`, `BOARD_REQUIRED`, `PINTEREST_UNREACHABLE`. */
  code: string;
  /** What went wrong, in plain words. */
  message: string;
  /** What an editor can do about it. */
  advice: string;
  retryable: boolean;
  httpStatus?: number;
  pinterestCode?: number;
}

export interface PinRecordDTO {
  id: number;
  contentType: string;
  documentId: string;
  locale: string;
  boardId: string;
  boardSectionId: string | null;
  pinId: string | null;
  pinUrl: string | null;
  status: PinStatus;
  title: string | null;
  link: string | null;
  mediaSource: string | null;
  pinnedAt: string | null;
  lastError: PinErrorDTO | null;
}

export interface JobDTO {
  id: number;
  kind: string;
  state: JobState;
  attempts: number;
  runAt: string | null;
  lastError: PinErrorDTO | null;
  updatedAt: string | null;
  contentType: string | null;
  documentId: string | null;
  locale: string | null;
}

export interface EntryPinsDTO {
  /** Whether this content type pins at all. */
  mapped?: boolean;
  pins: PinRecordDTO[];
  jobs: JobDTO[];
}

export type Environment = 'production' | 'sandbox' | 'custom';

export interface ConnectionDTO {
  environment: Environment;
  apiUrl: string;
  /** What the OAuth flow needs, and what is missing, in words. */
  setup: {
    appId: boolean;
    appSecret: boolean;
    encryptionKey: boolean;
    redirectUri: string;
    problems: string[];
  };
  /** Where the token comes from: a connected account, a static token from config, or nothing. */
  source: 'oauth' | 'static-token' | 'none';
  status: 'connected' | 'reconnect_required' | 'not_connected';
  account: {
    username: string | null;
    accountType: string | null;
    isBusiness: boolean;
    businessName: string | null;
    profileImage: string | null;
  } | null;
  scopes: string[];
  missingScopes: string[];
  token: {
    expiresAt: string | null;
    expiresInDays: number | null;
    refreshTokenExpiresAt: string | null;
    lastRefreshAt: string | null;
    connectedAt: string | null;
  } | null;
  lastError: PinErrorDTO | null;
  /** Jobs waiting for the account (they run by themselves after a reconnect). */
  waitingJobs: number;
  /** Set while pinning is paused after a spam block. */
  writesPaused: { until: string; reason: string } | null;
}

export interface ContentTypeDefaultsDTO {
  uid: string;
  displayName: string;
  pinOnPublish: boolean;
  defaultBoardId: string | null;
  defaultBoardSectionId: string | null;
  /** What unpublishing or deleting an entry does to its pins. */
  onUnpublish: 'keep' | 'delete';
}

export interface SettingsDTO {
  contentTypes: ContentTypeDefaultsDTO[];
}

export interface BoardDTO {
  id: string;
  name: string;
  privacy: string | null;
  description: string | null;
}

export interface BoardSectionDTO {
  id: string;
  name: string;
}

/**
 * What `POST /pinterest/preview` answers: the pin as it would be sent for the form's current
 * values.
 */
export interface PinPreviewDTO {
  boardId: string | null;
  boardSectionId: string | null;
  title: string | null;
  description: string | null;
  link: string | null;
  altText: string | null;
  media: {
    kind: 'image' | 'video';
    url: string;
    mime: string;
    width?: number | null;
    height?: number | null;
    bytes: number | null;
  } | null;
  /** Stable codes (TITLE_TRUNCATED, LINK_MISSING, ASPECT_RATIO, …). */
  warnings: string[];
  /** What stops the pin today (no board, no or unusable media), as the job would report it. */
  problems: PinErrorDTO[];
  pinOnPublish: boolean;
}
