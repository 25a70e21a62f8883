import type { Core } from '@strapi/strapi';
import { ACCOUNT_UID, CAMPAIGN_UID, PIN_RECORD_UID } from '../content-types';
import { PINTEREST_EVENTS, type PinterestEvent, type PinterestEventPayload } from './events';
import {
  mayBePinEvent,
  pinEventOf,
  pinEventPayload,
  type PinBefore,
  type PinRowForEvent,
} from './payload';

/** Registers the plugin's events with Strapi's webhook store (webhooks can then send them). */
export function registerWebhookEvents(strapi: Core.Strapi): void {
  const store = strapi.get<{ addAllowedEvent: (key: string, value: string) => void }>(
    'webhookStore'
  );
  for (const [key, value] of Object.entries(PINTEREST_EVENTS)) store.addAllowedEvent(key, value);
}

/**
 * Emits an event once the write it reports is committed: inside a transaction, on commit (never
 * for a write rolled back); otherwise now. The instance that made the write emits it, so several
 * instances never send one event twice.
 */
export async function emitPinterestEvent(
  strapi: Core.Strapi,
  event: PinterestEvent,
  payload: PinterestEventPayload
): Promise<void> {
  const fire = () => {
    void Promise.resolve(strapi.eventHub.emit(event, payload)).catch((e: Error) =>
      strapi.log.warn(`[pinterest] webhook event ${event} failed: ${e.message}`)
    );
  };
  if (strapi.db.inTransaction())
    await strapi.db.transaction(({ onCommit }: { onCommit: (cb: () => void) => void }) => {
      onCommit(fire);
      return Promise.resolve();
    });
  else fire();
}

interface UpdateEvent {
  params: { where?: Record<string, unknown>; data?: Record<string, unknown> };
  result?: unknown;
  state: Record<string, unknown>;
}

const idsOf = (rows: Array<{ id: number }>) => rows.map((r) => r.id);

/**
 * Watches the plugin's own tables where the states the events report are written: pin records
 * (created, updated, failed, deleted), campaigns (done) and the account (reconnect required).
 * The row before the write is read only when the write may be an event.
 */
export function subscribeEventSources(strapi: Core.Strapi): void {
  const q = (uid: string) => strapi.db.query(uid);
  const safely =
    (what: string, fn: (event: UpdateEvent) => Promise<void>) => async (event: UpdateEvent) => {
      try {
        await fn(event);
      } catch (e) {
        strapi.log.warn(`[pinterest] webhook events (${what}): ${(e as Error).message}`);
      }
    };

  strapi.db.lifecycles.subscribe({
    models: [PIN_RECORD_UID],
    beforeUpdateMany: safely('pins', async (event) => {
      if (!mayBePinEvent(event.params.data) || !event.params.where) return;
      const rows = (await q(PIN_RECORD_UID).findMany({
        where: event.params.where,
        select: ['id', 'status', 'pinId'],
      })) as PinBefore[];
      event.state.before = rows;
    }),
    afterUpdateMany: safely('pins', async (event) => {
      const before = event.state.before as PinBefore[] | undefined;
      const data = event.params.data;
      if (!before?.length || !data) return;
      const rows = (await q(PIN_RECORD_UID).findMany({
        where: { id: { $in: idsOf(before) } },
      })) as PinRowForEvent[];
      for (const row of rows) {
        const kind = pinEventOf(
          data,
          before.find((b) => b.id === row.id)
        );
        if (kind) await emitPinterestEvent(strapi, kind, pinEventPayload(row));
      }
    }),
  });

  strapi.db.lifecycles.subscribe({
    models: [CAMPAIGN_UID],
    beforeUpdateMany: safely('campaigns', async (event) => {
      if (event.params.data?.status !== 'done' || !event.params.where) return;
      event.state.before = await q(CAMPAIGN_UID).findMany({
        where: event.params.where,
        select: ['id', 'status'],
      });
    }),
    afterUpdateMany: safely('campaigns', async (event) => {
      const before = (event.state.before ?? []) as Array<{ id: number; status: string }>;
      const turned = before.filter((b) => b.status !== 'done');
      if (!turned.length) return;
      const rows = (await q(CAMPAIGN_UID).findMany({
        where: { id: { $in: idsOf(turned) }, status: 'done' },
        select: ['id', 'name', 'status'],
      })) as Array<{ id: number; name: string | null; status: string }>;
      for (const c of rows)
        await emitPinterestEvent(strapi, 'pinterest.campaign.finished', {
          entry: null,
          pin: null,
          campaign: { id: c.id, name: c.name },
          status: c.status,
          errorCode: null,
        });
    }),
  });

  strapi.db.lifecycles.subscribe({
    models: [ACCOUNT_UID],
    beforeUpdateMany: safely('account', async (event) => {
      if (event.params.data?.status !== 'reconnect_required' || !event.params.where) return;
      event.state.before = await q(ACCOUNT_UID).findMany({
        where: event.params.where,
        select: ['id', 'status'],
      });
    }),
    afterUpdateMany: safely('account', async (event) => {
      const before = (event.state.before ?? []) as Array<{ id: number; status: string }>;
      const turned = before.filter((b) => b.status !== 'reconnect_required');
      if (!turned.length) return;
      const rows = (await q(ACCOUNT_UID).findMany({
        where: { id: { $in: idsOf(turned) }, status: 'reconnect_required' },
        select: ['id', 'status', 'lastError'],
      })) as Array<{ id: number; status: string; lastError: unknown }>;
      for (const a of rows)
        await emitPinterestEvent(strapi, 'pinterest.account.reconnect_required', {
          entry: null,
          pin: null,
          status: a.status,
          errorCode:
            a.lastError && typeof a.lastError === 'object'
              ? (((a.lastError as { code?: unknown }).code as string | undefined) ?? null)
              : null,
        });
    }),
  });
}
