import { useEffect, useState } from 'react';
import { Badge, Box, Flex, Typography } from '@strapi/design-system';
import { isApiError } from '../../api/api-error';
import { useApiErrorText } from '../../api/use-api-error-text';
import { useT } from '../../utils/useT';
import { useLinksApi, type LinkCheck } from './links-api';
import { RichPinReadiness } from './RichPinReadiness';
import { useLinkText } from './useLinkText';

const BADGE: Record<LinkCheck['state'], { background: string; textColor: string }> = {
  ok: { background: 'success100', textColor: 'success700' },
  warning: { background: 'warning100', textColor: 'warning700' },
  broken: { background: 'danger100', textColor: 'danger700' },
  skipped: { background: 'neutral150', textColor: 'neutral700' },
};

/** A link check's result: state, what was found, advice, and Rich Pin readiness. */
export function LinkCheckView({ check }: { check: LinkCheck }) {
  const t = useT();
  const text = useLinkText();
  const advice = text.advice(check);
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Flex gap={2} wrap="wrap">
        <Badge {...BADGE[check.state]} data-testid="link-state" data-state={check.state}>
          {text.state(check.state)}
        </Badge>
        {check.httpStatus !== null ? (
          <Typography variant="pi" textColor="neutral600">
            HTTP {check.httpStatus}
          </Typography>
        ) : null}
      </Flex>
      {check.finalUrl ? (
        <Typography variant="pi" textColor="neutral600" style={{ wordBreak: 'break-all' }}>
          {t('links.redirected', 'Redirects to {url}', { url: check.finalUrl })}
        </Typography>
      ) : null}
      {check.problems.length ? (
        <Box tag="ul">
          {check.problems.map((p) => (
            <Typography key={p.code} tag="li" variant="pi" textColor="neutral700">
              {text.problem(check, p)}
            </Typography>
          ))}
        </Box>
      ) : null}
      {advice ? (
        <Typography variant="pi" textColor="neutral600">
          {advice}
        </Typography>
      ) : null}
      {check.richPin ? <RichPinReadiness richPin={check.richPin} /> : null}
    </Flex>
  );
}

/**
 * The pin field's preview: checks the pin's link (debounced, cached a minute on the server) and
 * shows whether it works and whether the page is ready for Rich Pins. Nothing when checks are off.
 */
/** The content type of the edit view the field is in (`…/collection-types/:uid/…`). */
const contentTypeOfPage = (): string | null =>
  /\/(?:collection|single)-types\/([^/?#]+)/.exec(window.location.pathname)?.[1] ?? null;

export function LinkHealth({ link }: { link: string | null }) {
  const t = useT();
  const api = useLinksApi();
  const errorText = useApiErrorText();
  const [state, setState] = useState<{ link: string; check: LinkCheck | null } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const contentType = contentTypeOfPage();
    if (!link || !contentType) return;
    let live = true;
    const timer = setTimeout(() => {
      api.check(decodeURIComponent(contentType), link).then(
        (check) => {
          if (live) {
            setState({ link, check });
            setError(null);
          }
        },
        (e: unknown) => {
          // the check is advice: only an answer of the server is worth showing
          if (live) setError(isApiError(e) ? errorText(e) : null);
        }
      );
    }, 600);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [link, api, errorText]);

  if (!link) return null;
  const current = state?.link === link ? state : null;
  if (current && !current.check) return null;
  return (
    <Box
      tag="section"
      aria-label={t('links.title', 'Link check')}
      padding={3}
      hasRadius
      background="neutral100"
      data-testid="link-health"
    >
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Typography variant="sigma" textColor="neutral600">
          {t('links.title', 'Link check')}
        </Typography>
        {error ? (
          <Typography variant="pi" textColor="danger700">
            {error}
          </Typography>
        ) : current?.check ? (
          <LinkCheckView check={current.check} />
        ) : (
          <Typography variant="pi" textColor="neutral600">
            {t('links.checking', 'Checking the link…')}
          </Typography>
        )}
      </Flex>
    </Box>
  );
}
