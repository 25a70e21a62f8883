import type { AnalyticsStatusDTO } from '../../../../common/analytics';
import { useT } from '../../utils/useT';

/**
 * The sync's problem in the admin's language (the server's English text for anything unforeseen).
 */
export function useStatusText() {
  const t = useT();
  return (
    s: AnalyticsStatusDTO
  ): { message: string; advice: string | null; detail: string | null } | null => {
    const known: Record<string, [string, string]> = {
      disabled: [
        t('analytics.state.disabled', 'The analytics sync is turned off.'),
        t(
          'analytics.state.disabled.advice',
          'Set analytics.enabled (PINTEREST_ANALYTICS_ENABLED) to true to sync pin stats again; the stats already stored stay.'
        ),
      ],
      not_connected: [
        t(
          'analytics.state.not_connected',
          'No Pinterest account is connected, or Pinterest refused its token: pin stats cannot be synced.'
        ),
        t(
          'analytics.state.not_connected.advice',
          'Connect (or reconnect) the account in Settings → Pinterest; the sync resumes by itself.'
        ),
      ],
      not_business: [
        t(
          'analytics.state.not_business',
          'Pin analytics need a Pinterest business account: the connected account is a personal one.'
        ),
        t(
          'analytics.state.not_business.advice',
          'Convert the account to a business account on Pinterest (free), or connect a business account; the sync resumes by itself.'
        ),
      ],
      rate_limited: [
        t(
          'analytics.state.rate_limited',
          'Pinterest’s analytics budget is used up for now: the sync stopped early.'
        ),
        t(
          'analytics.state.rate_limited.advice',
          'Nothing to do: the remaining pins are synced by the next runs.'
        ),
      ],
      error: [
        t(
          'analytics.state.error',
          'Pinterest could not be reached or kept failing: the sync stopped early.'
        ),
        t(
          'analytics.state.error.advice',
          'Nothing to do if it passes: the next run tries again. If it persists, check the server logs.'
        ),
      ],
    };
    if (s.state === 'ok' || s.state === 'partial' || s.state === 'never') return null;
    const [message, advice] = known[s.state] ?? [s.message ?? s.state, s.advice ?? ''];
    // several accounts: the account whose pins could not be synced is named (the others were)
    const failed =
      s.accounts.length > 1
        ? s.accounts.find((a) => a.state === s.state && a.state !== 'ok')
        : undefined;
    if (failed)
      return {
        message: t(
          'analytics.state.account',
          'Pinterest account {name}: {message} The other accounts’ pins were synced.',
          { name: failed.username ? `@${failed.username}` : `#${failed.accountId}`, message }
        ),
        advice: advice || null,
        detail: s.detail,
      };
    return { message, advice: advice || null, detail: s.detail };
  };
}
