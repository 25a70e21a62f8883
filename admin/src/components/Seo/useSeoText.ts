import { useCallback } from 'react';
import type { FallbackReason, KeywordSuggestion, SeoChecklistItem } from '../../../../common/seo';
import { useT } from '../../utils/useT';

/** Words for the checklist's items, the keywords' sources and why keywords come from content. */
export function useSeoText() {
  const t = useT();

  const rule = useCallback(
    (item: SeoChecklistItem): { label: string; advice: string } => {
      const v = item.values;
      const n = (k: string) => v[k] ?? '';
      switch (item.rule) {
        case 'keywordInTitle':
          return {
            label: t(
              'seo.rule.keywordInTitle',
              'Main keyword in the first 40 characters of the title'
            ),
            advice: item.pass
              ? t('seo.rule.keywordInTitle.pass', '“{keyword}” opens the title.', {
                  keyword: n('keyword'),
                })
              : item.reason === 'noKeyword'
                ? t('seo.rule.noKeyword', 'No keyword yet: pick one of the suggestions.')
                : item.reason === 'late'
                  ? t(
                      'seo.rule.keywordInTitle.late',
                      'Move “{keyword}” into the first {within} characters: searches show the start of a title.',
                      { keyword: n('keyword'), within: n('within') }
                    )
                  : t(
                      'seo.rule.keywordInTitle.missing',
                      'Put “{keyword}” near the start of the title.',
                      { keyword: n('keyword') }
                    ),
          };
        case 'keywordInDescription':
          return {
            label: t('seo.rule.keywordInDescription', 'Keyword in the description'),
            advice: item.pass
              ? t('seo.rule.keywordInDescription.pass', 'The description says “{keyword}”.', {
                  keyword: n('keyword'),
                })
              : item.reason === 'noKeyword'
                ? t('seo.rule.noKeyword', 'No keyword yet: pick one of the suggestions.')
                : t(
                    'seo.rule.keywordInDescription.missing',
                    'Use “{keyword}” in the description, in a natural sentence.',
                    { keyword: n('keyword') }
                  ),
          };
        case 'descriptionLength':
          return {
            label: t('seo.rule.descriptionLength', 'Description between 100 and 500 characters'),
            advice:
              item.reason === 'tooLong'
                ? t(
                    'seo.rule.descriptionLength.tooLong',
                    '{length} characters: Pinterest cuts it at 500.',
                    { length: n('length') }
                  )
                : item.pass
                  ? t('seo.rule.descriptionLength.pass', '{length} characters.', {
                      length: n('length'),
                    })
                  : t(
                      'seo.rule.descriptionLength.short',
                      '{length} characters: say more (at least 100) so searches find it.',
                      { length: n('length') }
                    ),
          };
        case 'boardRelated':
          return {
            label: t('seo.rule.boardRelated', 'Board name related to the keyword'),
            advice: item.pass
              ? t('seo.rule.boardRelated.pass', 'The board “{board}” fits “{keyword}”.', {
                  board: n('board'),
                  keyword: n('keyword'),
                })
              : item.reason === 'noBoard'
                ? t('seo.rule.boardRelated.noBoard', 'Choose a board: its name counts in searches.')
                : item.reason === 'noKeyword'
                  ? t('seo.rule.noKeyword', 'No keyword yet: pick one of the suggestions.')
                  : t(
                      'seo.rule.boardRelated.unrelated',
                      'The board “{board}” says nothing of “{keyword}”: pick a board about it.',
                      { board: n('board'), keyword: n('keyword') }
                    ),
          };
        case 'altText':
          return {
            label: t('seo.rule.altText', 'Alt text'),
            advice: item.pass
              ? t('seo.rule.altText.pass', 'The image is described.')
              : t(
                  'seo.rule.altText.missing',
                  'Describe the image in its alternative text (Media Library).'
                ),
          };
        case 'link':
          return {
            label: t('seo.rule.link', 'Link: present, https, no redirect chain'),
            advice: item.pass
              ? t('seo.rule.link.pass', 'The link is fine.')
              : item.reason === 'notHttps'
                ? t('seo.rule.link.notHttps', 'Use the https address of the page.')
                : item.reason === 'redirectChain'
                  ? t(
                      'seo.rule.link.redirectChain',
                      'The link goes through a chain of redirects: use the final address.'
                    )
                  : item.reason === 'invalid'
                    ? t('seo.rule.link.invalid', 'The link is not a valid address.')
                    : t(
                        'seo.rule.link.missing',
                        'Add the page’s address: a pin brings visits through its link.'
                      ),
          };
        case 'image':
          return {
            label: t('seo.rule.image', 'Image 2:3, at least 1000 × 1500'),
            advice: item.pass
              ? t('seo.rule.image.pass', '{width} × {height}.', {
                  width: n('width'),
                  height: n('height'),
                })
              : item.reason === 'ratio'
                ? t(
                    'seo.rule.image.ratio',
                    '{width} × {height} is not 2:3: Pinterest crops it. Use a design or a taller image.',
                    { width: n('width'), height: n('height') }
                  )
                : item.reason === 'small'
                  ? t(
                      'seo.rule.image.small',
                      '{width} × {height} is small: use at least 1000 × 1500.',
                      { width: n('width'), height: n('height') }
                    )
                  : item.reason === 'unknownSize'
                    ? t('seo.rule.image.unknownSize', 'The image’s size is unknown.')
                    : t('seo.rule.image.missing', 'No image yet.'),
          };
        case 'titleNotCaps':
          return {
            label: t('seo.rule.titleNotCaps', 'Title not in capitals'),
            advice: item.pass
              ? t('seo.rule.titleNotCaps.pass', 'The title reads normally.')
              : t(
                  'seo.rule.titleNotCaps.allCaps',
                  'Write the title in normal case: capitals read as shouting.'
                ),
          };
        case 'hashtags':
          return {
            label: t('seo.rule.hashtags', 'No more than a few hashtags'),
            advice: item.pass
              ? t('seo.rule.hashtags.pass', '{count} hashtags.', { count: n('count') })
              : t(
                  'seo.rule.hashtags.tooMany',
                  '{count} hashtags: keep {max} at most; words in sentences work better.',
                  { count: n('count'), max: n('max') }
                ),
          };
      }
    },
    [t]
  );

  const source = useCallback(
    (k: KeywordSuggestion): string => {
      switch (k.source) {
        case 'trending':
          return k.growth !== null
            ? t('seo.source.trendingGrowth', 'Trending +{growth}%', { growth: k.growth })
            : t('seo.source.trending', 'Trending');
        case 'suggested':
          return t('seo.source.suggested', 'Searched');
        case 'related':
          return t('seo.source.related', 'Related');
        case 'content':
          return t('seo.source.content', 'From your content');
      }
    },
    [t]
  );

  const reason = useCallback(
    (r: FallbackReason | null): string | null => {
      switch (r) {
        case 'scope-missing':
          return t(
            'seo.reason.scopeMissing',
            'The Pinterest connection lacks “ads:read”: these words come from your own entries.'
          );
        case 'refused':
          return t(
            'seo.reason.refused',
            'Pinterest refused its keyword data to this app: these words come from your own entries.'
          );
        case 'not-connected':
          return t(
            'seo.reason.notConnected',
            'No Pinterest account is connected: these words come from your own entries.'
          );
        case 'busy':
          return t(
            'seo.reason.busy',
            'The Pinterest budget is busy right now: ask again in a minute for more.'
          );
        case 'unavailable':
          return t(
            'seo.reason.unavailable',
            'Pinterest’s keyword data could not be read: these words come from your own entries.'
          );
        default:
          return null;
      }
    },
    [t]
  );

  return { rule, source, reason };
}
