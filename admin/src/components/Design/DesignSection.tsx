import { useEffect, useMemo, useState } from 'react';
import { Box, Checkbox, Field, Flex, Radio, TextInput, Typography } from '@strapi/design-system';
import type { PinDesign } from '../../../../common/designs';
import type { PinFieldValue } from '../../../../common/pin-field';
import { useApiQuery, usePinterestApi, type DesignPreviewRequest } from '../../api';
import { useDesignBrand } from '../../hooks/useDesignBrand';
import { useDesignPreview } from '../../hooks/useDesignPreview';
import { useDesignTemplates, useTemplateName } from '../../hooks/useDesignTemplates';
import { useT } from '../../utils/useT';
import { DesignImage } from './DesignImage';
import { firstSentence } from '../../../../common/first-sentence';
import { FocalPointPicker } from './FocalPointPicker';
import { TemplatePicker } from './TemplatePicker';

/** The field's three states: absent (the type's default), null (original image), a design. */
type Mode = 'default' | 'original' | 'template';

const modeOf = (design: PinFieldValue['design']): Mode =>
  design === undefined ? 'default' : design === null ? 'original' : 'template';

/** The field value with this design; `undefined` takes the key away (the type's default). */
export function withDesign(
  value: PinFieldValue,
  design: PinDesign | null | undefined
): PinFieldValue {
  const next: PinFieldValue = { ...value, design };
  if (design === undefined) delete next.design;
  return next;
}

/** A designed pin is 2:3 whatever the image: the preview's "far from 2:3" no longer applies. */
export function withoutAspectWarning<P extends { warnings: string[] }>(preview: P): P {
  return { ...preview, warnings: preview.warnings.filter((w) => w !== 'ASPECT_RATIO') };
}

interface Props {
  name: string;
  /** The field's `design` (absent, null, or the editor's design). */
  design: PinFieldValue['design'];
  /** `undefined` removes the key (the content type's default). */
  onChange: (design: PinDesign | null | undefined) => void;
  contentType: string;
  documentId: string | null;
  locale: string | null;
  /** The pin's title and description as they will be sent (the form's unsaved values). */
  title: string | null;
  description: string | null;
  /** The entry's image (the focal point is set on it); null: none, or a video. */
  imageUrl: string | null;
  isVideo: boolean;
  disabled?: boolean;
  /** The rendered design the pin will use, for the pin preview card (null: the original image). */
  onPreviewUrl?: (url: string | null) => void;
}

/**
 * "Design" in the Pinterest field: the content type's default, the original image, or a 2:3 design
 * from a template, with its live preview (the server's renderer), focal point, texts and colour.
 */
export function DesignSection({
  name,
  design,
  onChange,
  contentType,
  documentId,
  locale,
  title,
  description,
  imageUrl,
  isVideo,
  disabled,
  onPreviewUrl,
}: Props) {
  const t = useT();
  const api = usePinterestApi();
  const templateName = useTemplateName();
  const { templates, error: templatesError } = useDesignTemplates();
  const { brand } = useDesignBrand();
  // the content type's default template; an editor who may not read the settings is told less
  const settings = useApiQuery(api.getSettings);
  const defaultTemplate = settings.data
    ? (settings.data.contentTypes.find((c) => c.uid === contentType)?.defaultTemplate ?? null)
    : undefined;
  const mode = modeOf(design);
  // the last design chosen here, so "Original image" and back keeps the editor's work
  const [lastDesign, setLastDesign] = useState<PinDesign | null>(design ?? null);
  if (design && design !== lastDesign) setLastDesign(design);

  const effective: PinDesign | null =
    mode === 'template'
      ? (design ?? null)
      : mode === 'default' && defaultTemplate
        ? { template: defaultTemplate }
        : null;
  const base = useMemo(
    () => ({
      contentType,
      documentId,
      locale,
      values: {
        title: title ? title.slice(0, 1000) : null,
        description: description ? description.slice(0, 5000) : null,
      },
    }),
    [contentType, documentId, locale, title, description]
  );
  const request: DesignPreviewRequest | null =
    effective && !isVideo ? { ...base, design: effective } : null;
  const preview = useDesignPreview(request);
  const previewUrl = request ? preview.url : null;
  useEffect(() => {
    onPreviewUrl?.(previewUrl);
  }, [previewUrl, onPreviewUrl]);

  const update = (patch: Partial<PinDesign>) => {
    if (!design) return;
    const next: Record<string, unknown> = { ...design, ...patch };
    for (const k of Object.keys(next))
      if (next[k] === undefined || next[k] === null) delete next[k];
    onChange(next as PinDesign);
  };
  const choose = (m: Mode) => {
    if (m === 'default') onChange(undefined);
    else if (m === 'original') onChange(null);
    else onChange(lastDesign ?? { template: defaultTemplate ?? templates?.[0]?.id ?? 'bold-band' });
  };

  const defaultText =
    defaultTemplate === undefined
      ? t(
          'design.mode.default.unknown',
          'Content type default (set in Settings → Pinterest: a template, or the original image)'
        )
      : defaultTemplate
        ? t('design.mode.default.template', 'Content type default: the “{template}” design', {
            template: templateName(
              defaultTemplate,
              templates?.find((x) => x.id === defaultTemplate)?.name
            ),
          })
        : t('design.mode.default.original', 'Content type default: the original image');
  const subtitlePlaceholder = firstSentence(description);

  return (
    <Flex
      direction="column"
      alignItems="stretch"
      gap={3}
      tag="section"
      aria-labelledby={`${name}-design-title`}
    >
      <Typography variant="sigma" textColor="neutral600" tag="h3" id={`${name}-design-title`}>
        {t('design.title', 'Design')}
      </Typography>
      {isVideo ? (
        <Typography variant="pi" textColor="neutral600">
          {t(
            'design.video',
            'This entry’s media is a video: designs are made from images, so the video is pinned as it is.'
          )}
        </Typography>
      ) : (
        <>
          <Radio.Group
            aria-labelledby={`${name}-design-title`}
            value={mode}
            disabled={disabled}
            onValueChange={(v: string) => choose(v as Mode)}
          >
            <Radio.Item value="default">{defaultText}</Radio.Item>
            <Radio.Item value="original">
              {t('design.mode.original', 'The original image, as it is')}
            </Radio.Item>
            <Radio.Item value="template">
              {t('design.mode.template', 'A 2:3 design from a template')}
            </Radio.Item>
          </Radio.Group>
          {templatesError ? (
            <Typography variant="pi" textColor="danger600" role="alert">
              {t('design.templates.error', 'The templates could not be loaded: {message}', {
                message: templatesError,
              })}
            </Typography>
          ) : null}
          {mode === 'template' && design && templates ? (
            <TemplatePicker
              label={t('design.templates', 'Templates')}
              templates={templates}
              value={design.template}
              base={base}
              palette={design.palette}
              disabled={disabled}
              onChange={(template) => update({ template })}
            />
          ) : null}
          <Flex gap={6} alignItems="flex-start" wrap="wrap">
            {mode === 'template' && design ? (
              <Flex direction="column" alignItems="stretch" gap={4} flex="1" minWidth="280px">
                <Field.Root
                  name={`${name}.design.title`}
                  hint={t('design.text.title.hint', 'Empty: the Pinterest title.')}
                >
                  <Field.Label>{t('design.text.title', 'Text on the image')}</Field.Label>
                  <TextInput
                    value={design.title ?? ''}
                    placeholder={title ?? ''}
                    disabled={disabled}
                    onChange={(e: React.ChangeEvent<HTMLInputElement>) =>
                      update({ title: e.target.value || undefined })
                    }
                  />
                  <Field.Hint />
                </Field.Root>
                <Field.Root
                  name={`${name}.design.subtitle`}
                  hint={t(
                    'design.text.subtitle.hint',
                    'Empty: the first sentence of the description.'
                  )}
                >
                  <Field.Label>{t('design.text.subtitle', 'Second line')}</Field.Label>
                  <TextInput
                    value={design.subtitle ?? ''}
                    placeholder={design.subtitle === '' ? '' : subtitlePlaceholder}
                    disabled={disabled || design.subtitle === ''}
                    onChange={(e: React.ChangeEvent<HTMLInputElement>) =>
                      update({ subtitle: e.target.value || undefined })
                    }
                  />
                  <Field.Hint />
                </Field.Root>
                <Checkbox
                  checked={design.subtitle === ''}
                  disabled={disabled}
                  onCheckedChange={(c: boolean | 'indeterminate') =>
                    update({ subtitle: c === true ? '' : undefined })
                  }
                >
                  {t('design.text.noSubtitle', 'No second line')}
                </Checkbox>
                <Flex direction="column" alignItems="stretch" gap={2}>
                  <Typography variant="pi" fontWeight="bold" tag="p" id={`${name}-palette`}>
                    {t('design.palette', 'Leading colour')}
                  </Typography>
                  <Radio.Group
                    aria-labelledby={`${name}-palette`}
                    value={design.palette ?? 'primary'}
                    disabled={disabled}
                    onValueChange={(v: string) =>
                      update({ palette: v === 'secondary' ? 'secondary' : undefined })
                    }
                  >
                    {(['primary', 'secondary'] as const).map((p) => (
                      <Radio.Item key={p} value={p}>
                        <Flex gap={2} tag="span">
                          {brand ? (
                            <Box
                              tag="span"
                              width="16px"
                              height="16px"
                              hasRadius
                              borderColor="neutral300"
                              borderStyle="solid"
                              borderWidth="1px"
                              aria-hidden
                              style={{
                                display: 'inline-block',
                                background:
                                  p === 'primary' ? brand.primaryColour : brand.secondaryColour,
                              }}
                            />
                          ) : null}
                          {p === 'primary'
                            ? t('design.palette.primary', 'Brand colour 1 (primary)')
                            : t('design.palette.secondary', 'Brand colour 2 (secondary)')}
                        </Flex>
                      </Radio.Item>
                    ))}
                  </Radio.Group>
                </Flex>
              </Flex>
            ) : null}
            {effective ? (
              <Flex direction="column" alignItems="stretch" gap={4} width="260px">
                <Flex direction="column" alignItems="stretch" gap={1}>
                  <Typography variant="pi" fontWeight="bold" tag="p">
                    {t('design.preview', 'Preview of the designed pin')}
                  </Typography>
                  <DesignImage
                    url={previewUrl}
                    loading={preview.loading}
                    error={preview.error}
                    alt={t('design.preview.alt', 'Designed pin: {title}', {
                      title: effective.title || title || '',
                    })}
                    width="240px"
                    testId="design-preview-image"
                  />
                </Flex>
                {mode === 'template' && design && imageUrl ? (
                  <Box width="240px">
                    <FocalPointPicker
                      imageUrl={imageUrl}
                      value={design.focal}
                      disabled={disabled}
                      onChange={(focal) => update({ focal: focal ?? undefined })}
                    />
                  </Box>
                ) : null}
              </Flex>
            ) : null}
          </Flex>
          {mode === 'default' && defaultTemplate === undefined ? (
            <Typography variant="pi" textColor="neutral600">
              {t(
                'design.default.hint',
                'Leave this to follow the site’s choice, or choose the original image or a template for this entry.'
              )}
            </Typography>
          ) : null}
        </>
      )}
    </Flex>
  );
}
