/**
 * Renders admin components the way the Strapi admin does: inside the design system's provider and
 * react-intl with the plugin's messages, keyed as registerTrads keys them (`pinterest.<key>`).
 * Also fills in the browser APIs jsdom lacks and the design system (Radix, floating-ui) calls.
 */
import type { ReactElement, ReactNode } from 'react';
import { DesignSystemProvider } from '@strapi/design-system';
import { IntlProvider } from 'react-intl';
import { render, type RenderOptions } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import en from '../../admin/src/translations/en.json';
import fr from '../../admin/src/translations/fr.json';
import { getTranslation } from '../../admin/src/utils/getTranslation';

export const LOCALES = { en, fr } as const;
export type Locale = keyof typeof LOCALES;

/** The plugin's messages for a locale, prefixed like `registerTrads` does in admin/src/index.ts. */
export const messagesFor = (locale: Locale): Record<string, string> =>
  Object.fromEntries(
    Object.entries(LOCALES[locale] as Record<string, string>).map(([k, v]) => [
      getTranslation(k),
      v,
    ])
  );

function installPolyfills() {
  const w = window as unknown as Record<string, unknown>;
  if (!w.ResizeObserver) {
    w.ResizeObserver = class {
      observe() {}
      unobserve() {}
      disconnect() {}
    };
  }
  if (!w.IntersectionObserver) {
    w.IntersectionObserver = class {
      root = null;
      rootMargin = '';
      thresholds = [];
      observe() {}
      unobserve() {}
      disconnect() {}
      takeRecords() {
        return [];
      }
    };
  }
  if (!window.matchMedia) {
    window.matchMedia = (query: string) =>
      ({
        matches: false,
        media: query,
        onchange: null,
        addListener() {},
        removeListener() {},
        addEventListener() {},
        removeEventListener() {},
        dispatchEvent: () => false,
      }) as MediaQueryList;
  }
  const proto = window.HTMLElement.prototype as unknown as Record<string, unknown>;
  proto.scrollIntoView ??= function scrollIntoView() {};
  proto.hasPointerCapture ??= () => false;
  proto.setPointerCapture ??= () => {};
  proto.releasePointerCapture ??= () => {};
  if (!w.DOMRect) {
    w.DOMRect = class DOMRect {
      constructor(
        public x = 0,
        public y = 0,
        public width = 0,
        public height = 0
      ) {}
      get top() {
        return this.y;
      }
      get left() {
        return this.x;
      }
      get right() {
        return this.x + this.width;
      }
      get bottom() {
        return this.y + this.height;
      }
      toJSON() {
        return { x: this.x, y: this.y, width: this.width, height: this.height };
      }
      static fromRect(r: { x?: number; y?: number; width?: number; height?: number } = {}) {
        return new DOMRect(r.x, r.y, r.width, r.height);
      }
    };
  }
  // jsdom has no media playback: loading and pausing are no-ops instead of "not implemented"
  // errors.
  const media = window.HTMLMediaElement.prototype;
  Object.defineProperty(media, 'load', { configurable: true, value() {} });
  Object.defineProperty(media, 'pause', { configurable: true, value() {} });
  Object.defineProperty(media, 'play', { configurable: true, value: () => Promise.resolve() });
}

installPolyfills();

export function Providers({ children, locale = 'en' }: { children: ReactNode; locale?: Locale }) {
  return (
    <IntlProvider
      locale={locale}
      messages={messagesFor(locale)}
      defaultLocale="en"
      onError={throwOnMissingMessage}
    >
      <DesignSystemProvider locale={locale}>{children}</DesignSystemProvider>
    </IntlProvider>
  );
}

/** A message the translations lack is a bug here: the default text would hide it. */
function throwOnMissingMessage(error: { code?: string; message: string }) {
  throw new Error(`react-intl: ${error.message}`);
}

/**
 * Renders `ui` inside the providers, with a user-event session (no artificial delay between keys).
 */
export function renderWithProviders(
  ui: ReactElement,
  { locale = 'en', ...options }: { locale?: Locale } & Omit<RenderOptions, 'wrapper'> = {}
) {
  const user = userEvent.setup({ delay: null });
  const result = render(ui, {
    wrapper: ({ children }) => <Providers locale={locale}>{children}</Providers>,
    ...options,
  });
  return { user, ...result };
}
