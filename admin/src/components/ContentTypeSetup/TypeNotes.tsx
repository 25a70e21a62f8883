import { Flex, Link, LinkButton, Typography } from '@strapi/design-system';
import { ArrowRight } from '@strapi/icons';
import { NavLink } from 'react-router-dom';
import type { ContentTypeSetupDTO } from '../../../../common/content-types';
import { queryString } from '../../api';
import { CAMPAIGNS_PATH } from '../BulkPin/BulkPinDialog';
import { useT } from '../../utils/useT';

/** Where the re-pin planner opens with a type's never-pinned entries chosen. */
export const neverPinnedCampaignPath = (ct: ContentTypeSetupDTO) =>
  `${CAMPAIGNS_PATH}/new${queryString({
    contentType: ct.uid,
    publishedBefore: ct.neverPinned?.publishedBefore,
  })}`;

/** Where to add the Pinterest field to a content type (in the admin's router). */
export const builderPath = (uid: string) => `/plugins/content-type-builder/content-types/${uid}`;

/** A type without the Pinterest field: it still pins, with its default board. */
export function NoFieldNote({ uid }: { uid: string }) {
  const t = useT();
  return (
    <Flex direction="column" alignItems="flex-start" gap={1}>
      <Typography variant="pi" textColor="neutral600">
        {t(
          'ct.noField',
          'No Pinterest field: its entries pin to the default board, and editors cannot choose a board or text per entry.'
        )}
      </Typography>
      <Link tag={NavLink} to={builderPath(uid)} endIcon={<ArrowRight />}>
        {t('ct.noField.add', 'Add the Pinterest field in the Content-Type Builder')}
      </Link>
    </Flex>
  );
}

/** An enabled type's published entries that have no pin, and the campaign that would pin them. */
export function NeverPinnedNote({
  contentType,
  canPlan,
}: {
  contentType: ContentTypeSetupDTO;
  canPlan: boolean;
}) {
  const t = useT();
  const count = contentType.neverPinned?.count ?? 0;
  if (!contentType.enabled || count === 0) return null;
  return (
    <Flex direction="column" alignItems="flex-start" gap={1}>
      <Typography variant="pi" textColor="warning700">
        {t(
          'ct.neverPinned',
          '{count, plural, one {# published entry was} other {# published entries were}} never pinned.',
          { count }
        )}
      </Typography>
      {canPlan ? (
        <LinkButton
          tag={NavLink}
          to={neverPinnedCampaignPath(contentType)}
          variant="secondary"
          size="S"
        >
          {t('ct.neverPinned.plan', 'Plan a paced campaign for them')}
        </LinkButton>
      ) : (
        <Typography variant="pi" textColor="neutral600">
          {t(
            'ct.neverPinned.noRight',
            'Someone with the “Re-pin campaigns” permission can pin them in a paced campaign.'
          )}
        </Typography>
      )}
    </Flex>
  );
}
