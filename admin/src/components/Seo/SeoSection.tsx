import { useState } from 'react';
import { Badge, Box, Button, Flex, Typography } from '@strapi/design-system';
import { ArrowClockwise, Plus } from '@strapi/icons';
import type { PinFieldValue } from '../../../../common/pin-field';
import { useSeoChecklist, useSeoSuggestions } from '../../hooks/useSeoSuggestions';
import { useT } from '../../utils/useT';
import { useSeoText } from './useSeoText';

interface Props {
  model: string | undefined;
  documentId: string | undefined;
  /** The edit form's values (the entry as the editor sees it). */
  values: Record<string, unknown>;
  /** The Pinterest field's value, and how to change it. */
  value: PinFieldValue;
  onChange: (patch: Partial<PinFieldValue>) => void;
  /** The pin's title and description as they would be sent (the entry's when not overridden). */
  sentTitle: string | null;
  sentDescription: string | null;
  disabled?: boolean;
}

const capitalise = (s: string) => (s ? s[0].toLocaleUpperCase() + s.slice(1) : s);

/**
 * Keywords people search on Pinterest for the entry's topic, best first; one click puts one at the
 * start of the Pinterest title or the end of the description (and makes it the keyword the
 * checklist checks for).
 */
export function SeoSection(props: Props) {
  const t = useT();
  const text = useSeoText();
  const { data, error, loading, refresh } = useSeoSuggestions(
    props.model,
    props.documentId,
    props.values
  );
  const [focus, setFocus] = useState<string | null>(null);
  const keywords = data ? data.keywords.map((k) => k.keyword) : null;
  useSeoChecklist(props.model, props.documentId, props.values, keywords, focus);
  const reason = data ? text.reason(data.reason) : null;

  const intoTitle = (keyword: string) => {
    const base = props.value.title || props.sentTitle || '';
    props.onChange({ title: base ? `${capitalise(keyword)} – ${base}` : capitalise(keyword) });
    setFocus(keyword);
  };
  const intoDescription = (keyword: string) => {
    const base = (props.value.description || props.sentDescription || '').trimEnd();
    props.onChange({ description: base ? `${base} ${capitalise(keyword)}.` : capitalise(keyword) });
    setFocus(keyword);
  };

  return (
    <Box
      padding={4}
      hasRadius
      background="neutral100"
      aria-label={t('seo.title', 'Pinterest keywords')}
      tag="section"
    >
      <Flex justifyContent="space-between" alignItems="center" gap={2} wrap="wrap">
        <Flex gap={2} alignItems="center">
          <Typography variant="delta" tag="h3">
            {t('seo.title', 'Pinterest keywords')}
          </Typography>
          {data?.source === 'content' ? (
            <Badge>{t('seo.fromContent', 'from your content')}</Badge>
          ) : null}
          {data?.source === 'pinterest' ? (
            <Badge active>
              {t('seo.fromPinterest', 'Pinterest searches · {region}', { region: data.region })}
            </Badge>
          ) : null}
        </Flex>
        <Button
          variant="tertiary"
          size="S"
          startIcon={<ArrowClockwise />}
          loading={loading}
          onClick={refresh}
        >
          {t('seo.refresh', 'Suggest again')}
        </Button>
      </Flex>
      <Typography variant="pi" textColor="neutral600" tag="p">
        {t(
          'seo.hint',
          'People find pins by searching: use the words they search for in the title and description.'
        )}
      </Typography>
      {reason ? (
        <Typography variant="pi" textColor="neutral700" tag="p">
          {reason}
        </Typography>
      ) : null}
      {error ? (
        <Typography variant="pi" textColor="danger600" tag="p">
          {t('seo.failed', 'Keywords could not be loaded: {message}', { message: error })}
        </Typography>
      ) : null}
      {data && !data.keywords.length ? (
        <Typography variant="pi" textColor="neutral600" tag="p">
          {t('seo.none', 'No keyword yet: give the entry a title or a description.')}
        </Typography>
      ) : null}
      {data?.keywords.length ? (
        <Box tag="ol" paddingTop={2} aria-label={t('seo.list', 'Suggested keywords, best first')}>
          {data.keywords.map((k) => (
            <Flex
              tag="li"
              key={k.keyword}
              gap={2}
              paddingTop={1}
              paddingBottom={1}
              alignItems="center"
              wrap="wrap"
            >
              <Typography
                fontWeight={focus === k.keyword ? 'bold' : undefined}
                style={{ minWidth: '12rem' }}
              >
                {k.keyword}
              </Typography>
              {k.source !== 'content' ? (
                <Typography variant="pi" textColor="neutral600">
                  {text.source(k)}
                </Typography>
              ) : null}
              <Flex gap={1} marginLeft="auto">
                <Button
                  variant="secondary"
                  size="S"
                  startIcon={<Plus />}
                  disabled={props.disabled}
                  aria-label={t('seo.addToTitle.label', 'Add “{keyword}” to the title', {
                    keyword: k.keyword,
                  })}
                  onClick={() => intoTitle(k.keyword)}
                >
                  {t('seo.addToTitle', 'Title')}
                </Button>
                <Button
                  variant="tertiary"
                  size="S"
                  startIcon={<Plus />}
                  disabled={props.disabled}
                  aria-label={t(
                    'seo.addToDescription.label',
                    'Add “{keyword}” to the description',
                    { keyword: k.keyword }
                  )}
                  onClick={() => intoDescription(k.keyword)}
                >
                  {t('seo.addToDescription', 'Description')}
                </Button>
              </Flex>
            </Flex>
          ))}
        </Box>
      ) : null}
    </Box>
  );
}
