import { Box, Flex, Typography } from '@strapi/design-system';
import { WarningCircle } from '@strapi/icons';
import type { PinPreviewDTO } from '../../hooks/usePinPreview';
import { useProblemText } from '../../utils/useAdvice';
import { useT } from '../../utils/useT';
import { SeoChecklist } from '../Seo/SeoChecklist';
import { LinkHealth } from '../Links/LinkHealth';

const WARNING_TEXT: Record<string, [string, string]> = {
  TITLE_TRUNCATED: [
    'warning.titleTruncated',
    'The title is longer than 100 characters: it is cut at a word.',
  ],
  TITLE_FROM_CONTENT: [
    'warning.titleFromContent',
    'No title: the first line of the description is used.',
  ],
  DESCRIPTION_TRUNCATED: [
    'warning.descriptionTruncated',
    'The description is longer than 500 characters: it is cut at a word.',
  ],
  LINK_MISSING: [
    'warning.linkMissing',
    'No link: a pin drives traffic through its link. Add the canonical URL.',
  ],
  LINK_INVALID: ['warning.linkInvalid', 'The link is not a valid URL.'],
  LINK_NOT_HTTPS: ['warning.linkNotHttps', 'The link is not https.'],
  LINK_UTM_DROPPED: [
    'warning.linkUtmDropped',
    'With its UTM tags the link is over 2,048 characters: it goes without them.',
  ],
  LINK_TOO_LONG: [
    'warning.linkTooLong',
    'The link is over 2,048 characters, more than Pinterest takes: the pin goes without a link. Use a shorter URL.',
  ],
  ASPECT_RATIO: [
    'warning.aspectRatio',
    'The image is far from 2:3 (1000×1500 works best): Pinterest crops or shrinks it.',
  ],
};

function Note({ text }: { text: string }) {
  return (
    <Flex tag="li" gap={2} alignItems="flex-start" paddingTop={1}>
      <WarningCircle fill="warning600" aria-hidden />
      <Typography variant="pi" textColor="warning700">
        {text}
      </Typography>
    </Flex>
  );
}

/** A 2:3 card showing the pin as it will be sent, live counters, and what to fix. */
export function PinPreviewCard({
  preview,
  imageUrl,
  coverTime,
  connected,
  designUrl,
}: {
  /** The pin as it would be sent (whether it pins on publish is not the card's business). */
  preview: Omit<PinPreviewDTO, 'pinOnPublish'>;
  imageUrl: string | null;
  coverTime?: number | null;
  connected: boolean | null;
  /** The rendered 2:3 design the pin uses instead of the image (Design section), if any. */
  designUrl?: string | null;
}) {
  const t = useT();
  const problemText = useProblemText();
  const titleLength = [...(preview.title ?? '')].length;
  const descriptionLength = [...(preview.description ?? '')].length;
  const problems = preview.problems.map((p) => ({ key: p.code, ...problemText(p) }));
  const notes = [
    ...(connected === false
      ? [
          t(
            'warning.notConnected',
            'No Pinterest account is connected: pins will wait until one is.'
          ),
        ]
      : []),
    ...preview.warnings.map((w) =>
      WARNING_TEXT[w] ? t(WARNING_TEXT[w][0], WARNING_TEXT[w][1]) : w
    ),
  ];

  return (
    <Flex gap={4} alignItems="flex-start" wrap="wrap">
      <Box
        width="200px"
        hasRadius
        overflow="hidden"
        background="neutral100"
        shadow="tableShadow"
        aria-label={t('preview.label', 'Pin preview')}
        role="img"
      >
        <Box style={{ aspectRatio: '2 / 3', position: 'relative' }} background="neutral200">
          {imageUrl ? (
            preview.media?.kind === 'video' ? (
              <video
                src={imageUrl}
                muted
                preload="metadata"
                style={{ width: '100%', height: '100%', objectFit: 'cover' }}
                ref={(v) => {
                  if (v && coverTime != null) v.currentTime = coverTime;
                }}
              />
            ) : (
              <img
                src={designUrl ?? imageUrl}
                alt={preview.altText ?? ''}
                style={{ width: '100%', height: '100%', objectFit: 'cover', display: 'block' }}
              />
            )
          ) : (
            <Flex height="100%" justifyContent="center" alignItems="center" padding={4}>
              <Typography textColor="neutral600" textAlign="center">
                {t('preview.noMedia', 'No image')}
              </Typography>
            </Flex>
          )}
        </Box>
        <Box padding={3} background="neutral0">
          <Typography variant="omega" fontWeight="bold" tag="p">
            {preview.title ?? t('preview.noTitle', '(no title)')}
          </Typography>
        </Box>
      </Box>
      <Flex direction="column" alignItems="stretch" gap={2} flex="1" minWidth="240px">
        <Typography variant="pi" textColor={titleLength > 100 ? 'danger600' : 'neutral600'}>
          {t('preview.titleCount', 'Title {count} / 100', { count: titleLength })}
        </Typography>
        <Typography variant="pi" textColor="neutral600">
          {t('preview.descriptionCount', 'Description {count} / 500', { count: descriptionLength })}
        </Typography>
        {preview.description ? (
          <Typography variant="pi" textColor="neutral800" tag="p">
            {preview.description}
          </Typography>
        ) : null}
        {preview.link ? (
          <Typography
            variant="pi"
            textColor="neutral600"
            tag="p"
            style={{ wordBreak: 'break-all' }}
          >
            {preview.link}
          </Typography>
        ) : null}
        {notes.length || problems.length ? (
          <Box tag="ul" aria-label={t('preview.warnings', 'Things to check before pinning')}>
            {notes.slice(0, connected === false ? 1 : 0).map((n) => (
              <Note key={n} text={n} />
            ))}
            {problems.map((p) => (
              <Flex key={p.key} tag="li" gap={2} alignItems="flex-start" paddingTop={1}>
                <WarningCircle fill="danger600" aria-hidden />
                <Flex direction="column" alignItems="flex-start">
                  <Typography variant="pi" textColor="danger700" fontWeight="bold">
                    {p.title}{' '}
                  </Typography>
                  <Typography variant="pi" textColor="danger700">
                    {p.advice}{' '}
                  </Typography>
                  <Typography variant="pi" textColor="neutral600">
                    {p.details}
                  </Typography>
                </Flex>
              </Flex>
            ))}
            {notes.slice(connected === false ? 1 : 0).map((n) => (
              <Note key={n} text={n} />
            ))}
          </Box>
        ) : null}
        <LinkHealth link={preview.link} />
        <SeoChecklist />
      </Flex>
    </Flex>
  );
}
