export { ApiError, isApiError, type FieldError } from './api-error';
export {
  createPinterestApi,
  queryString,
  type AnalyticsFilters,
  type CampaignAction,
  type ContentTypeDefaultsInput,
  type PinterestApi,
  type TopPinsQuery,
  type Transport,
} from './pinterest-api';
export { useApiErrorText } from './use-api-error-text';
export { usePinterestApi } from './use-pinterest-api';
export { useApiQuery } from './use-api-query';
export { fetchDesignPreview, type DesignPreviewRequest } from './design-image';
