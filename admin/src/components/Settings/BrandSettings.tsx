import { useState } from 'react';
import {
  Box,
  Button,
  Field,
  Flex,
  NumberInput,
  TextInput,
  Typography,
} from '@strapi/design-system';
import { Check, Image as ImageIcon, Trash } from '@strapi/icons';
import { useStrapiApp } from '@strapi/strapi/admin';
import type { BrandSettings, BrandSettingsDTO } from '../../../../common/designs';
import { useT } from '../../utils/useT';
import { SelectField } from '../shared/SelectField';

const HEX = /^#[0-9a-fA-F]{6}$/;

/** What the Media Library dialog (the upload plugin's `media-library` component) hands back. */
interface Asset {
  id: number;
  url: string;
  mime?: string;
}
type MediaLibraryDialog = React.ComponentType<{
  allowedTypes?: string[];
  multiple?: boolean;
  onClose: () => void;
  onSelectAssets: (assets: Asset[]) => void;
}>;

const toSettings = (b: BrandSettingsDTO): BrandSettings => ({
  name: b.name,
  logoFileId: b.logoFileId,
  primaryColour: b.primaryColour,
  secondaryColour: b.secondaryColour,
  font: b.font,
});

/** A relative upload URL (`/uploads/…`) from the admin API's origin. */
const absolute = (url: string) => {
  const backend = (window as unknown as { strapi?: { backendURL?: string } }).strapi?.backendURL;
  return url.startsWith('/') && backend ? `${backend}${url}` : url;
};

function ColourField({
  name,
  label,
  value,
  disabled,
  onChange,
}: {
  name: string;
  label: string;
  value: string;
  disabled: boolean;
  onChange: (v: string) => void;
}) {
  const t = useT();
  const [text, setText] = useState(value);
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    setText(value);
  }
  const invalid = !HEX.test(text);
  return (
    <Field.Root
      name={name}
      error={invalid ? t('design.brand.colour.invalid', 'A colour such as #E60023') : undefined}
    >
      <Field.Label>{label}</Field.Label>
      <TextInput
        value={text}
        disabled={disabled}
        startAction={
          <input
            type="color"
            value={HEX.test(text) ? text : value}
            disabled={disabled}
            aria-label={t('design.brand.colour.pick', 'Pick {colour}', { colour: label })}
            onChange={(e) => {
              setText(e.target.value.toUpperCase());
              onChange(e.target.value.toUpperCase());
            }}
            style={{ width: 28, height: 22, padding: 0, border: 0, background: 'none' }}
          />
        }
        onChange={(e: React.ChangeEvent<HTMLInputElement>) => {
          setText(e.target.value);
          if (HEX.test(e.target.value)) onChange(e.target.value.toUpperCase());
        }}
      />
      <Field.Error />
    </Field.Root>
  );
}

/**
 * Settings → Pinterest → Brand: what designed pins carry (name or logo, two colours, font).
 * Read-only without the permission to manage the settings.
 */
export function BrandSettingsCard({
  brand,
  canManage,
  onSave,
}: {
  brand: BrandSettingsDTO;
  canManage: boolean;
  onSave: (next: BrandSettings) => Promise<void>;
}) {
  const t = useT();
  const components = useStrapiApp('BrandSettings', (s) => s.components) as Record<string, unknown>;
  const MediaLibrary = components?.['media-library'] as MediaLibraryDialog | undefined;
  const [draft, setDraft] = useState(() => toSettings(brand));
  const [logoUrl, setLogoUrl] = useState(brand.logoUrl);
  const [shown, setShown] = useState(brand);
  const [picking, setPicking] = useState(false);
  const [saving, setSaving] = useState(false);
  if (brand !== shown) {
    setShown(brand);
    setDraft(toSettings(brand));
    setLogoUrl(brand.logoUrl);
  }
  const set = (patch: Partial<BrandSettings>) => setDraft((d) => ({ ...d, ...patch }));
  const dirty = JSON.stringify(draft) !== JSON.stringify(toSettings(brand));
  const disabled = !canManage;

  const save = async () => {
    setSaving(true);
    try {
      await onSave(draft);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Box
      background="neutral0"
      hasRadius
      shadow="tableShadow"
      padding={6}
      tag="section"
      aria-labelledby="brand-title"
    >
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Flex justifyContent="space-between" gap={4}>
          <Flex direction="column" alignItems="stretch" gap={1}>
            <Typography variant="delta" tag="h2" id="brand-title">
              {t('design.brand.title', 'Brand')}
            </Typography>
            <Typography variant="pi" textColor="neutral600">
              {t(
                'design.brand.hint',
                'What designed pins carry: your name or logo, two colours and a font.'
              )}
            </Typography>
          </Flex>
          {canManage ? (
            <Button
              startIcon={<Check />}
              disabled={!dirty}
              loading={saving}
              onClick={() => void save()}
            >
              {t('design.brand.save', 'Save the brand')}
            </Button>
          ) : null}
        </Flex>
        {!canManage ? (
          <Typography variant="pi" textColor="neutral600">
            {t(
              'design.brand.readOnly',
              'You can see the brand; changing it needs the permission to manage the Pinterest settings.'
            )}
          </Typography>
        ) : null}
        <Flex gap={4} alignItems="flex-start" wrap="wrap">
          <Box flex="1" minWidth="240px">
            <Field.Root
              name="brand.name"
              hint={t('design.brand.name.hint', 'Shown on the pin when there is no logo.')}
            >
              <Field.Label>{t('design.brand.name', 'Brand name')}</Field.Label>
              <TextInput
                value={draft.name}
                maxLength={60}
                disabled={disabled}
                onChange={(e: React.ChangeEvent<HTMLInputElement>) => set({ name: e.target.value })}
              />
              <Field.Hint />
            </Field.Root>
          </Box>
          <Box flex="1" minWidth="240px">
            <SelectField
              name="brand.font"
              label={t('design.brand.font', 'Font')}
              value={draft.font}
              disabled={disabled}
              onChange={(font) => set({ font })}
              options={brand.fonts.map((f) => ({ value: f.id, label: f.name }))}
            />
          </Box>
        </Flex>
        <Flex gap={4} alignItems="flex-start" wrap="wrap">
          <Box flex="1" minWidth="200px">
            <ColourField
              name="brand.primaryColour"
              label={t('design.brand.primary', 'Brand colour 1 (primary)')}
              value={draft.primaryColour}
              disabled={disabled}
              onChange={(primaryColour) => set({ primaryColour })}
            />
          </Box>
          <Box flex="1" minWidth="200px">
            <ColourField
              name="brand.secondaryColour"
              label={t('design.brand.secondary', 'Brand colour 2 (secondary)')}
              value={draft.secondaryColour}
              disabled={disabled}
              onChange={(secondaryColour) => set({ secondaryColour })}
            />
          </Box>
        </Flex>
        <Flex direction="column" alignItems="stretch" gap={2}>
          <Typography variant="pi" fontWeight="bold" tag="p" id="brand-logo-label">
            {t('design.brand.logo', 'Logo')}
          </Typography>
          <Flex gap={4} alignItems="center" wrap="wrap">
            <Box
              width="120px"
              height="64px"
              hasRadius
              background="neutral100"
              borderColor="neutral200"
              borderStyle="solid"
              borderWidth="1px"
              padding={1}
            >
              {draft.logoFileId && logoUrl ? (
                <img
                  src={absolute(logoUrl)}
                  alt={t('design.brand.logo.alt', 'The brand logo')}
                  style={{ width: '100%', height: '100%', objectFit: 'contain' }}
                />
              ) : (
                <Flex height="100%" justifyContent="center" alignItems="center">
                  <Typography variant="pi" textColor="neutral600">
                    {draft.logoFileId
                      ? t('design.brand.logo.file', 'File {id}', { id: draft.logoFileId })
                      : t('design.brand.logo.none', 'No logo')}
                  </Typography>
                </Flex>
              )}
            </Box>
            {canManage && MediaLibrary ? (
              <Button
                variant="secondary"
                startIcon={<ImageIcon />}
                onClick={() => setPicking(true)}
              >
                {t('design.brand.logo.choose', 'Choose from the Media Library')}
              </Button>
            ) : null}
            {canManage && !MediaLibrary ? (
              <Field.Root name="brand.logoFileId">
                <Field.Label>{t('design.brand.logo.id', 'Media Library file id')}</Field.Label>
                <NumberInput
                  value={draft.logoFileId ?? undefined}
                  onValueChange={(v: number | undefined) => {
                    set({ logoFileId: v && v > 0 ? Math.round(v) : null });
                    setLogoUrl(null);
                  }}
                />
              </Field.Root>
            ) : null}
            {canManage && draft.logoFileId ? (
              <Button
                variant="tertiary"
                startIcon={<Trash />}
                onClick={() => {
                  set({ logoFileId: null });
                  setLogoUrl(null);
                }}
              >
                {t('design.brand.logo.remove', 'Remove the logo')}
              </Button>
            ) : null}
          </Flex>
        </Flex>
      </Flex>
      {picking && MediaLibrary ? (
        <MediaLibrary
          allowedTypes={['images']}
          multiple={false}
          onClose={() => setPicking(false)}
          onSelectAssets={(assets) => {
            const asset = assets[0];
            if (asset) {
              set({ logoFileId: asset.id });
              setLogoUrl(asset.url);
            }
            setPicking(false);
          }}
        />
      ) : null}
    </Box>
  );
}
