import { useRef } from 'react';
import {
  Box,
  Button,
  Field,
  Flex,
  IconButton,
  Radio,
  Tag,
  TextInput,
  Typography,
} from '@strapi/design-system';
import { Plus, Trash } from '@strapi/icons';
import type { ContentTypeSetupInput } from '../../../../common/content-types';
import { useT } from '../../utils/useT';
import { SelectField } from '../shared/SelectField';
import type { Candidate } from './PathListField';

type Link = ContentTypeSetupInput['link'];

interface Props {
  link: Link;
  onChange: (link: Link) => void;
  linkCandidates: Candidate[];
  /** Attributes a URL pattern can use as `{placeholder}`. */
  placeholders: Candidate[];
  localized: boolean;
  previewAvailable: boolean;
  error?: string;
  disabled?: boolean;
}

/** One URL pattern with the placeholders as chips that insert themselves at the cursor. */
function PatternInput({
  name,
  label,
  value,
  placeholders,
  onChange,
  disabled,
}: {
  name: string;
  label: string;
  value: string;
  placeholders: string[];
  onChange: (value: string) => void;
  disabled?: boolean;
}) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const insert = (placeholder: string) => {
    const el = input.current;
    const at = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? at;
    onChange(value.slice(0, at) + placeholder + value.slice(end));
  };
  return (
    <Flex direction="column" alignItems="stretch" gap={2} flex="1">
      <Field.Root name={name}>
        <Field.Label>{label}</Field.Label>
        <TextInput
          ref={input}
          value={value}
          disabled={disabled}
          placeholder="https://www.example.com/{locale}/articles/{slug}"
          onChange={(e: React.ChangeEvent<HTMLInputElement>) => onChange(e.target.value)}
        />
      </Field.Root>
      {disabled ? null : (
        <Flex gap={1} wrap="wrap">
          {placeholders.map((p) => (
            <Tag
              key={p}
              icon={<Plus aria-hidden />}
              label={t('ct.link.insert', 'Insert {placeholder} into {field}', {
                placeholder: p,
                field: label,
              })}
              onClick={() => insert(p)}
            >
              {p}
            </Tag>
          ))}
        </Flex>
      )}
    </Flex>
  );
}

/**
 * Where the pin's link comes from: an attribute holding the URL, a URL pattern built from the
 * entry's fields (one for every locale, or one per locale), or the app's Strapi preview.
 */
export function LinkFields({
  link,
  onChange,
  linkCandidates,
  placeholders,
  localized,
  previewAvailable,
  error,
  disabled,
}: Props) {
  const t = useT();
  // a localized type's own `locale` attribute is among the candidates already
  const chips = [
    ...new Set([...placeholders.map((p) => `{${p.path}}`), ...(localized ? ['{locale}'] : [])]),
  ];
  const patterns = link.kind === 'pattern' ? link.patterns : {};
  const localeRows = Object.entries(patterns).filter(([code]) => code !== '*');
  const setPatterns = (next: Record<string, string>) =>
    onChange({ kind: 'pattern', patterns: next });
  // renaming a locale keeps the rows' order
  const renameLocale = (from: string, to: string) =>
    setPatterns(
      Object.fromEntries(Object.entries(patterns).map(([k, v]) => [k === from ? to : k, v]))
    );

  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      <Typography variant="pi" fontWeight="bold" tag="p" id="ct-link-label">
        {t('ct.link', 'Where the link comes from')}
      </Typography>
      <Radio.Group
        aria-labelledby="ct-link-label"
        value={link.kind}
        disabled={disabled}
        onValueChange={(kind: string) =>
          onChange(
            kind === 'attribute'
              ? { kind, path: linkCandidates[0]?.path ?? '' }
              : kind === 'preview'
                ? { kind }
                : { kind: 'pattern', patterns: { '*': '' } }
          )
        }
      >
        <Radio.Item value="attribute">{t('ct.link.attribute', 'An attribute')}</Radio.Item>
        <Radio.Item value="pattern">{t('ct.link.pattern', 'A URL pattern')}</Radio.Item>
        {previewAvailable || link.kind === 'preview' ? (
          <Radio.Item value="preview">
            {t('ct.link.preview', 'The page URL of the app’s Strapi preview')}
          </Radio.Item>
        ) : null}
      </Radio.Group>
      {link.kind === 'attribute' ? (
        <SelectField
          name="link.path"
          label={t('ct.link.attribute.label', 'Attribute holding the page URL')}
          value={link.path}
          disabled={disabled}
          onChange={(path) => onChange({ kind: 'attribute', path })}
          options={linkCandidates.map((c) => ({ value: c.path, label: `${c.path} (${c.type})` }))}
        />
      ) : null}
      {link.kind === 'pattern' ? (
        <Flex direction="column" alignItems="stretch" gap={3}>
          <PatternInput
            name="link.patterns.*"
            label={
              localized
                ? t('ct.link.pattern.all', 'URL pattern (all other locales)')
                : t('ct.link.pattern.label', 'URL pattern')
            }
            value={patterns['*'] ?? ''}
            placeholders={chips}
            disabled={disabled}
            onChange={(v) => setPatterns({ ...patterns, '*': v })}
          />
          <Typography variant="pi" textColor="neutral600">
            {t(
              'ct.link.pattern.hint',
              'Each placeholder takes the entry’s value, URL-encoded. An entry whose placeholder is empty has no link.'
            )}
          </Typography>
          {localized
            ? localeRows.map(([code, pattern], i) => (
                <Flex key={i} gap={2} alignItems="flex-start">
                  <Box width="120px">
                    <Field.Root name={`link.locale.${i}`}>
                      <Field.Label>{t('ct.link.locale', 'Locale')}</Field.Label>
                      <TextInput
                        value={code}
                        disabled={disabled}
                        onChange={(e: React.ChangeEvent<HTMLInputElement>) =>
                          renameLocale(code, e.target.value.trim())
                        }
                      />
                    </Field.Root>
                  </Box>
                  <PatternInput
                    name={`link.patterns.${code}`}
                    label={t('ct.link.pattern.for', 'URL pattern for {locale}', { locale: code })}
                    value={pattern}
                    placeholders={chips}
                    disabled={disabled}
                    onChange={(v) => setPatterns({ ...patterns, [code]: v })}
                  />
                  <Box paddingTop={6}>
                    <IconButton
                      label={t('ct.link.locale.remove', 'Remove the pattern for {locale}', {
                        locale: code,
                      })}
                      variant="ghost"
                      disabled={disabled}
                      onClick={() =>
                        setPatterns(
                          Object.fromEntries(Object.entries(patterns).filter(([k]) => k !== code))
                        )
                      }
                    >
                      <Trash />
                    </IconButton>
                  </Box>
                </Flex>
              ))
            : null}
          {localized && !disabled ? (
            <Box>
              <Button
                variant="tertiary"
                size="S"
                startIcon={<Plus />}
                disabled={'' in patterns}
                onClick={() => setPatterns({ ...patterns, '': '' })}
              >
                {t('ct.link.locale.add', 'Add a pattern for one locale (e.g. another host)')}
              </Button>
            </Box>
          ) : null}
        </Flex>
      ) : null}
      {error ? (
        <Field.Root name="link" error={error}>
          <Field.Error />
        </Field.Root>
      ) : null}
    </Flex>
  );
}
