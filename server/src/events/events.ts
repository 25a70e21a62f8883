/**
 * The plugin's webhook events, registered with Strapi's webhook store (key → event name) so a
 * webhook can subscribe to them like Strapi's own `entry.*` and `media.*` events.
 */
export const PINTEREST_EVENTS = {
  PINTEREST_PIN_CREATED: 'pinterest.pin.created',
  PINTEREST_PIN_UPDATED: 'pinterest.pin.updated',
  PINTEREST_PIN_FAILED: 'pinterest.pin.failed',
  PINTEREST_PIN_DELETED: 'pinterest.pin.deleted',
  PINTEREST_LINK_BROKEN: 'pinterest.link.broken',
  PINTEREST_CAMPAIGN_FINISHED: 'pinterest.campaign.finished',
  PINTEREST_ACCOUNT_RECONNECT_REQUIRED: 'pinterest.account.reconnect_required',
} as const;

export type PinterestEvent = (typeof PINTEREST_EVENTS)[keyof typeof PINTEREST_EVENTS];

export const PINTEREST_EVENT_NAMES: readonly PinterestEvent[] = Object.values(PINTEREST_EVENTS);

/**
 * What every event carries (Strapi adds `event` and `createdAt`). Never a token, a secret or an
 * error message (messages can name addresses): only the stable error code.
 */
export interface PinterestEventPayload {
  entry: { uid: string; documentId: string; locale: string | null } | null;
  pin: { id: string; url: string; boardId: string | null; link: string | null } | null;
  campaign?: { id: number; name: string | null } | null;
  status: string;
  errorCode: string | null;
}
