import { useCallback, useEffect, useRef, useState } from 'react';
import type { SeoChecklist, SeoSuggestionsDTO } from '../../../common/seo';
import { useApiErrorText, usePinterestApi } from '../api';
import { seoStore } from './useSeoStore';

/** The entry's locale: the form's, else the edit view's address (i18n); null without i18n. */
export const localeOf = (values: Record<string, unknown>): string | null =>
  typeof values.locale === 'string'
    ? values.locale
    : new URLSearchParams(window.location.search).get('plugins[i18n][locale]');

/**
 * Pinterest keyword suggestions for the entry as the form holds it: asked when the field opens and
 * when the editor asks again (never on each keystroke: new words would cost Pinterest calls).
 */
export function useSeoSuggestions(
  contentType: string | undefined,
  documentId: string | undefined,
  values: Record<string, unknown>
) {
  const api = usePinterestApi();
  const errorText = useApiErrorText();
  const [data, setData] = useState<SeoSuggestionsDTO | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const latest = useRef(values);
  useEffect(() => {
    latest.current = values;
  });
  const seq = useRef(0);

  const refresh = useCallback(() => {
    if (!contentType) return;
    const mine = ++seq.current;
    setLoading(true);
    api
      .seoSuggestions({
        contentType,
        documentId: documentId ?? null,
        locale: localeOf(latest.current),
        values: latest.current,
      })
      .then(
        (answer) => {
          if (mine !== seq.current) return;
          setData(answer);
          setError(null);
        },
        (e: unknown) => {
          if (mine === seq.current) setError(errorText(e));
        }
      )
      .finally(() => {
        if (mine === seq.current) setLoading(false);
      });
  }, [api, contentType, documentId, errorText]);

  // once, when the field opens (after the form has its values)
  useEffect(() => {
    const timer = setTimeout(refresh, 500);
    return () => clearTimeout(timer);
  }, [refresh]);

  return { data, error, loading, refresh };
}

/**
 * The checklist of the pin as the form holds it, for the ranked keywords and the editor's choice;
 * refreshed as the editor types, and shared with the preview card.
 */
export function useSeoChecklist(
  contentType: string | undefined,
  documentId: string | undefined,
  values: Record<string, unknown>,
  keywords: string[] | null,
  focus: string | null
) {
  const api = usePinterestApi();
  const [checklist, setChecklist] = useState<SeoChecklist | null>(null);
  const serialised = JSON.stringify([values, keywords, focus]);
  const ready = keywords !== null;
  const seq = useRef(0);

  useEffect(() => {
    seoStore.set({ active: true });
    return () => seoStore.set({ active: false, checklist: null });
  }, []);

  useEffect(() => {
    if (!contentType || !ready) return;
    const mine = ++seq.current;
    const timer = setTimeout(() => {
      const [v, k, f] = JSON.parse(serialised) as [Record<string, unknown>, string[], string];
      api
        .seoChecklist({
          contentType,
          documentId: documentId ?? null,
          locale: localeOf(v),
          values: v,
          keywords: k.slice(0, 50),
          focus: f,
        })
        .then(
          (answer) => {
            if (mine !== seq.current) return;
            setChecklist(answer);
            seoStore.set({ checklist: answer });
          },
          () => undefined
        );
    }, 300);
    return () => clearTimeout(timer);
  }, [api, contentType, documentId, serialised, ready]);

  return checklist;
}
