import { Alert, Box, Button, Flex, Typography } from '@strapi/design-system';
import { TREND_REGIONS, type TrendRegion } from '../../../../common/seo';
import { useApiErrorText } from '../../api';
import { useSeoStatus } from '../../hooks/useSeoStatus';
import { useT } from '../../utils/useT';
import { SelectField } from '../shared/SelectField';

const isRegion = (v: string): v is TrendRegion => (TREND_REGIONS as readonly string[]).includes(v);

/**
 * Settings → Pinterest → Pinterest SEO: the trend region used when an entry's locale names none,
 * and — once, until an administrator dismisses it — the notice that Pinterest's keyword data is
 * missing (no `ads:read`, or refused), so editors get keywords from the site's own content.
 */
export function SeoSettingsCard({ canManage }: { canManage: boolean }) {
  const t = useT();
  const errorText = useApiErrorText();
  const { status, error, save } = useSeoStatus(true);
  if (error) return null;
  if (!status) return null;
  const lacking = status.adsRead === 'missing' || status.adsRead === 'refused';

  return (
    <Box background="neutral0" hasRadius shadow="tableShadow" padding={6}>
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Typography variant="delta" tag="h2">
          {t('seo.settings.title', 'Pinterest SEO')}
        </Typography>
        {lacking && !status.noticeDismissed ? (
          <Alert
            variant="warning"
            closeLabel={t('close', 'Close')}
            title={t('seo.notice.title', 'Keyword suggestions use your own content')}
            onClose={canManage ? () => void save({ noticeDismissed: true }) : undefined}
            action={
              canManage ? (
                <Button variant="tertiary" onClick={() => void save({ noticeDismissed: true })}>
                  {t('seo.notice.dismiss', 'Got it')}
                </Button>
              ) : undefined
            }
          >
            {status.adsRead === 'missing'
              ? t(
                  'seo.notice.missing',
                  'The connected account did not grant “ads:read”, so the editor’s keyword assistant cannot read Pinterest’s search terms: it suggests words from your published entries instead. Reconnect and keep “ads:read” ticked to get Pinterest’s data.'
                )
              : t(
                  'seo.notice.refused',
                  'Pinterest refused its search terms to this app, so the editor’s keyword assistant suggests words from your published entries instead.'
                )}
          </Alert>
        ) : null}
        <SelectField
          name="seo-default-region"
          label={t('seo.settings.region', 'Trends region when the locale names none')}
          hint={t(
            'seo.settings.region.hint',
            'Keyword trends are per region; an entry in fr-CA uses Canada, one in “en” uses this region.'
          )}
          value={status.defaultRegion}
          disabled={!canManage}
          options={TREND_REGIONS.map((r) => ({ value: r, label: r }))}
          onChange={(v) => {
            if (isRegion(v))
              save({ defaultRegion: v }).catch((e: unknown) => console.warn(errorText(e)));
          }}
        />
      </Flex>
    </Box>
  );
}
