import en from '../translations/en.json';
import { useT } from './useT';

const messages = en as Record<string, string>;

/**
 * The advice of a server error in the admin's language. The server writes advice in English; when
 * it is the standard advice for its code (not advice written for this one case), the translated
 * text for that code is shown instead.
 */
export function useAdvice() {
  const t = useT();
  return (error: { code: string; advice?: string | null }): string => {
    const advice = error.advice ?? '';
    const key = `advice.${error.code}`;
    return messages[key] !== undefined && messages[key] === advice ? t(key, advice) : advice;
  };
}

/**
 * A server error in an editor's words: a short headline for its code (the server's own message
 * when the code is unknown here), the advice, and the code itself for a details line.
 */
export function useProblemText() {
  const t = useT();
  const adviceFor = useAdvice();
  return (error: { code: string; message: string; advice?: string | null }) => {
    const key = `problem.${error.code}`;
    return {
      title: messages[key] !== undefined ? t(key, messages[key]) : error.message,
      advice: adviceFor(error),
      code: t('problem.code', 'Code: {code}', { code: error.code }),
      /** The code, then the server's own words (English, with the case's figures) for support. */
      details: t('problem.details', 'Code: {code} · {message}', {
        code: error.code,
        message: error.message,
      }),
    };
  };
}
