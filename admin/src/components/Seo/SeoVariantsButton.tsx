import { useState } from 'react';
import { Button, Flex, Typography } from '@strapi/design-system';
import { Magic } from '@strapi/icons';
import type { CampaignVariantsDTO } from '../../../../common/seo';
import { useApiErrorText, usePinterestApi } from '../../api';
import { useT } from '../../utils/useT';
import { useSeoText } from './useSeoText';

/**
 * The planner's "fill from keywords": title and description variants built from the keywords of
 * the content type's topics, added to the variant fields for the editor to review and edit before
 * starting the campaign.
 */
export function SeoVariantsButton({
  contentType,
  locale,
  onFill,
}: {
  contentType: string;
  locale: string | null;
  onFill: (variants: CampaignVariantsDTO) => void;
}) {
  const t = useT();
  const api = usePinterestApi();
  const errorText = useApiErrorText();
  const text = useSeoText();
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);

  const fill = async () => {
    setBusy(true);
    try {
      const variants = await api.seoVariants(contentType, locale);
      onFill(variants);
      setNote(
        variants.source === 'content'
          ? (text.reason(variants.reason) ??
              t('seo.variants.fromContent', 'Keywords from your content.'))
          : t(
              'seo.variants.filled',
              'Added variants with Pinterest searches: {keywords}. Review them before starting.',
              { keywords: variants.keywords.join(', ') }
            )
      );
    } catch (e) {
      setNote(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex direction="column" alignItems="flex-start" gap={1}>
      <Button
        variant="secondary"
        startIcon={<Magic />}
        loading={busy}
        disabled={!contentType}
        onClick={() => void fill()}
      >
        {t('seo.variants.fill', 'Fill variants from Pinterest keywords')}
      </Button>
      {note ? (
        <Typography variant="pi" textColor="neutral600" tag="p">
          {note}
        </Typography>
      ) : null}
    </Flex>
  );
}
