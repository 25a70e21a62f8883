/**
 * Several Pinterest accounts in tests: a second emulator user with boards of its own, lookups by
 * username, and connecting a user through the plugin's OAuth flow.
 */
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import type { Emulator } from '../../emulator/src';
import { consent, followCallback } from './oauth';

/** Adds a business user (Maison FR, boards Recettes and Voyages unless told) to the emulator. */
export async function seedMaisonFr(
  emulator: Emulator,
  boards: Array<{ name: string }> = [{ name: 'Recettes' }, { name: 'Voyages' }]
): Promise<void> {
  await request(emulator.url)
    .post('/_emulator/seed')
    .send({
      users: [
        { username: 'maison_fr', business_name: 'Maison FR', account_type: 'BUSINESS', boards },
      ],
    })
    .expect(200);
}

/** The emulator's id of a user. */
export const emulatorUserId = (emulator: Emulator, username: string): string =>
  [...emulator.state.users.values()].find((u) => u.username === username)!.id;

/** A board of a user, by name. */
export const boardOf = (emulator: Emulator, username: string, name: string) =>
  [...emulator.state.boards.values()].find(
    (b) => b.ownerId === emulatorUserId(emulator, username) && b.name === name
  )!;

/**
 * Connects a Pinterest user through the plugin's OAuth round trip (the emulator's consent page
 * signs in as that user); fails unless the plugin says it connected that user.
 */
export async function connectAs(
  target: Core.Strapi | string,
  jwt: string,
  emulator: Emulator,
  username: string
): Promise<void> {
  emulator.state.flags.oauthUser = username;
  const back = await followCallback(target, await consent(target, jwt));
  if (back.location.searchParams.get('connected') !== username)
    throw new Error(`connecting @${username} came back to ${back.location.toString()}`);
}
