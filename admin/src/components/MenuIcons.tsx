/**
 * The plugin's main-menu icons: the design system's own, so they are drawn at the menu's size
 * (Strapi passes width, height and fill) and each entry is recognisable in the collapsed menu.
 */
export { ChartPie as AnalyticsIcon, Calendar as CampaignsIcon } from '@strapi/icons';
