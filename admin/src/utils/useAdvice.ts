import en from '../translations/en.json';
import { useT } from './useT';

const messages = en as Record<string, string>;

/**
 * The advice of a server error in the admin's language. The server writes advice in English; when
 * it
 * is the standard advice for its code (not advice written for this one case), the translated text
 * for
 * that code is shown instead.
 */
export function useAdvice() {
  const t = useT();
  return (error: { code: string; advice?: string | null }): string => {
    const advice = error.advice ?? '';
    const key = `advice.${error.code}`;
    return messages[key] !== undefined && messages[key] === advice ? t(key, advice) : advice;
  };
}
