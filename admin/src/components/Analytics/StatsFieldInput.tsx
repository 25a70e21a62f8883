import { forwardRef } from 'react';
import { Box, Field, Typography } from '@strapi/design-system';
import { useField } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import type { PinterestStats } from '../../../../common/analytics';
import { useT } from '../../utils/useT';
import { StatTiles } from './StatTiles';

interface Props {
  name: string;
  label?: string;
  hint?: string;
}

/**
 * The `plugin::pinterest.stats` field in the edit view: the entry's Pinterest totals, read-only.
 * The
 * analytics sync writes them; the server drops whatever a form sends for this field.
 */
const StatsFieldInput = forwardRef<HTMLDivElement, Props>(({ name, label, hint }, ref) => {
  const t = useT();
  const { formatDate } = useIntl();
  const stats = useField<PinterestStats | null>(name).value ?? null;
  return (
    <Field.Root
      name={name}
      hint={hint || t('stats.field.hint', 'Written by the Pinterest analytics sync; read-only.')}
      ref={ref}
    >
      <Field.Label>{label ?? t('stats.field.label', 'Pinterest stats')}</Field.Label>
      <Box paddingTop={1} paddingBottom={1}>
        {stats ? (
          <>
            <StatTiles compact totals={stats} />
            {stats.lastSyncedAt ? (
              <Typography variant="pi" textColor="neutral600" tag="p">
                {t('stats.field.synced', 'Last synced {time}', {
                  time: formatDate(new Date(stats.lastSyncedAt), {
                    dateStyle: 'medium',
                    timeStyle: 'short',
                  }),
                })}
              </Typography>
            ) : null}
          </>
        ) : (
          <Typography variant="omega" textColor="neutral600">
            {t('stats.field.empty', 'No stats yet.')}
          </Typography>
        )}
      </Box>
      <Field.Hint />
    </Field.Root>
  );
});

StatsFieldInput.displayName = 'StatsFieldInput';

export default StatsFieldInput;
