import { useSyncExternalStore } from 'react';
import type { SeoChecklist } from '../../../common/seo';

/**
 * What the Pinterest field's SEO section shares with the preview card's checklist (two components
 * of one field): the checklist of the pin as the form holds it. `active` is false when no SEO
 * section is mounted (the content-type settings' sample shows the card alone).
 */
interface SeoShared {
  active: boolean;
  checklist: SeoChecklist | null;
}

let state: SeoShared = { active: false, checklist: null };
const listeners = new Set<() => void>();

const get = () => state;
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
};

export const seoStore = {
  get,
  set: (patch: Partial<SeoShared>) => {
    state = { ...state, ...patch };
    listeners.forEach((l) => l());
  },
  subscribe,
};

export const useSeoStore = () => useSyncExternalStore(subscribe, get);
