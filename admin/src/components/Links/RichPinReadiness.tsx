import { Flex, Typography } from '@strapi/design-system';
import { CheckCircle, CrossCircle } from '@strapi/icons';
import { useT } from '../../utils/useT';
import type { LinkCheck } from './links-api';

const PARTS = [
  ['title', 'links.richPin.part.title', 'Title (og:title)'],
  ['description', 'links.richPin.part.description', 'Description (og:description)'],
  ['siteName', 'links.richPin.part.siteName', 'Site name (og:site_name)'],
  ['publishedTime', 'links.richPin.part.publishedTime', 'Published time (article:published_time)'],
] as const;

/** Which of the tags Pinterest reads for Rich Pins the page carries, and what to add. */
export function RichPinReadiness({ richPin }: { richPin: NonNullable<LinkCheck['richPin']> }) {
  const t = useT();
  return (
    <Flex direction="column" alignItems="stretch" gap={1} data-testid="rich-pin-readiness">
      <Typography
        variant="pi"
        fontWeight="bold"
        textColor={richPin.ready ? 'success700' : 'warning700'}
      >
        {richPin.ready
          ? t('links.richPin.ready', 'Ready for Rich Pins')
          : t('links.richPin.notReady', 'Not ready for Rich Pins')}
      </Typography>
      <Flex tag="ul" direction="column" alignItems="stretch" gap={1}>
        {PARTS.map(([part, key, label]) => {
          const found = richPin.parts[part];
          return (
            <Flex key={part} tag="li" gap={2}>
              {found ? (
                <CheckCircle fill="success600" aria-hidden />
              ) : (
                <CrossCircle fill="danger600" aria-hidden />
              )}
              <Typography variant="pi" textColor="neutral700">
                {t(key, label)}
                {found
                  ? ` — ${found.source === 'og' ? 'Open Graph' : 'schema.org'}`
                  : ` — ${t('links.richPin.missing', 'missing')}`}
              </Typography>
            </Flex>
          );
        })}
      </Flex>
      {!richPin.ready ? (
        <Typography variant="pi" textColor="neutral600">
          {t(
            'links.richPin.advice',
            'Ask the site’s developers to add the missing tags to the page’s <head> (or the same facts in a schema.org Article, JSON-LD): Pinterest then shows them on the pin.'
          )}
        </Typography>
      ) : null}
    </Flex>
  );
}
