import account from './account/schema.json';
import job from './job/schema.json';
import lease from './lease/schema.json';
import oauthState from './oauth-state/schema.json';
import pinRecord from './pin-record/schema.json';
import post from './post/schema.json';
import pinAnalytics from './pin-analytics/schema.json';
import pinDailyStat from './pin-daily-stat/schema.json';
import rateSlot from './rate-slot/schema.json';
import campaign from './campaign/schema.json';
import campaignItem from './campaign-item/schema.json';
import keywordCache from './keyword-cache/schema.json';

export const PIN_RECORD_UID = 'plugin::pinterest.pin-record' as const;
export const JOB_UID = 'plugin::pinterest.job' as const;
export const ACCOUNT_UID = 'plugin::pinterest.account' as const;
export const OAUTH_STATE_UID = 'plugin::pinterest.oauth-state' as const;
export const LEASE_UID = 'plugin::pinterest.lease' as const;
export const RATE_SLOT_UID = 'plugin::pinterest.rate-slot' as const;
export const POST_UID = 'plugin::pinterest.post' as const;
export const PIN_ANALYTICS_UID = 'plugin::pinterest.pin-analytics' as const;
export const PIN_DAILY_STAT_UID = 'plugin::pinterest.pin-daily-stat' as const;
export const CAMPAIGN_UID = 'plugin::pinterest.campaign' as const;
export const CAMPAIGN_ITEM_UID = 'plugin::pinterest.campaign-item' as const;
export const KEYWORD_CACHE_UID = 'plugin::pinterest.keyword-cache' as const;

export default {
  'pin-record': { schema: pinRecord },
  job: { schema: job },
  account: { schema: account },
  'oauth-state': { schema: oauthState },
  lease: { schema: lease },
  'rate-slot': { schema: rateSlot },
  post: { schema: post },
  'pin-analytics': { schema: pinAnalytics },
  'pin-daily-stat': { schema: pinDailyStat },
  campaign: { schema: campaign },
  'campaign-item': { schema: campaignItem },
  'keyword-cache': { schema: keywordCache },
};
