import { Box, Flex, Typography } from '@strapi/design-system';
import { CheckCircle, WarningCircle } from '@strapi/icons';
import { useSeoStore } from '../../hooks/useSeoStore';
import { useT } from '../../utils/useT';
import { useSeoText } from './useSeoText';

/**
 * The pin checklist in the preview card: the score out of 100 and each item, pass or warn, with
 * one line of advice. Shown only beside the Pinterest field's SEO section.
 */
export function SeoChecklist() {
  const t = useT();
  const text = useSeoText();
  const { active, checklist } = useSeoStore();
  if (!active || !checklist) return null;
  const color =
    checklist.score >= 80 ? 'success600' : checklist.score >= 50 ? 'warning600' : 'danger600';

  return (
    <Box paddingTop={2} tag="section" aria-label={t('seo.checklist', 'Pin checklist')}>
      <Flex gap={2} alignItems="baseline">
        <Typography variant="delta" tag="h3">
          {t('seo.checklist', 'Pin checklist')}
        </Typography>
        <Typography variant="omega" fontWeight="bold" textColor={color} data-testid="seo-score">
          {t('seo.score', 'Score {score} / 100', { score: checklist.score })}
        </Typography>
      </Flex>
      {checklist.keyword ? (
        <Typography variant="pi" textColor="neutral600" tag="p">
          {t('seo.mainKeyword', 'Checked for “{keyword}”', { keyword: checklist.keyword })}
        </Typography>
      ) : null}
      <Box tag="ul">
        {checklist.items.map((item) => {
          const words = text.rule(item);
          return (
            <Flex
              key={item.rule}
              tag="li"
              gap={2}
              alignItems="flex-start"
              paddingTop={1}
              data-rule={item.rule}
              data-pass={item.pass}
            >
              {item.pass ? (
                <CheckCircle fill="success600" aria-hidden />
              ) : (
                <WarningCircle fill="warning600" aria-hidden />
              )}
              <Flex direction="column" alignItems="flex-start">
                <Typography variant="pi" fontWeight="bold">
                  {words.label}{' '}
                  <Typography variant="pi" textColor="neutral500">
                    {item.pass
                      ? t('seo.pass', 'pass · {weight}', { weight: item.weight })
                      : t('seo.warn', 'to fix · {weight}', { weight: item.weight })}
                  </Typography>
                </Typography>
                <Typography variant="pi" textColor={item.pass ? 'neutral600' : 'warning700'}>
                  {words.advice}
                </Typography>
              </Flex>
            </Flex>
          );
        })}
      </Box>
    </Box>
  );
}
