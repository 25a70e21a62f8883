/**
 * Which of Pinterest's trend regions an entry's locale stands for (`fr` → FR, `en-GB` → GB+IE,
 * `de-AT` → DE+AT+CH, `pt-BR` → BR). A locale naming no country, or one Pinterest has no trends
 * for, takes the default region. Pure.
 */
import { TREND_REGIONS, type TrendRegion } from '../../../common/seo';

/** Countries that have a region of their own or belong to a group. */
const BY_COUNTRY: Record<string, TrendRegion> = {
  US: 'US',
  CA: 'CA',
  DE: 'DE',
  FR: 'FR',
  ES: 'ES',
  IT: 'IT',
  AR: 'AR',
  BR: 'BR',
  CO: 'CO',
  MX: 'MX',
  CL: 'MX+AR+CO+CL',
  AT: 'DE+AT+CH',
  CH: 'DE+AT+CH',
  GB: 'GB+IE',
  UK: 'GB+IE',
  IE: 'GB+IE',
  PT: 'IT+ES+PT+GR+MT',
  GR: 'IT+ES+PT+GR+MT',
  MT: 'IT+ES+PT+GR+MT',
  PL: 'PL+RO+HU+SK+CZ',
  RO: 'PL+RO+HU+SK+CZ',
  HU: 'PL+RO+HU+SK+CZ',
  SK: 'PL+RO+HU+SK+CZ',
  CZ: 'PL+RO+HU+SK+CZ',
  SE: 'SE+DK+FI+NO',
  DK: 'SE+DK+FI+NO',
  FI: 'SE+DK+FI+NO',
  NO: 'SE+DK+FI+NO',
  NL: 'NL+BE+LU',
  BE: 'NL+BE+LU',
  LU: 'NL+BE+LU',
  AU: 'AU+NZ',
  NZ: 'AU+NZ',
};

/** Languages that name a region when the locale has no country (English names none). */
const BY_LANGUAGE: Record<string, TrendRegion> = {
  fr: 'FR',
  de: 'DE',
  es: 'ES',
  it: 'IT',
  pt: 'IT+ES+PT+GR+MT',
  el: 'IT+ES+PT+GR+MT',
  mt: 'IT+ES+PT+GR+MT',
  pl: 'PL+RO+HU+SK+CZ',
  ro: 'PL+RO+HU+SK+CZ',
  hu: 'PL+RO+HU+SK+CZ',
  sk: 'PL+RO+HU+SK+CZ',
  cs: 'PL+RO+HU+SK+CZ',
  sv: 'SE+DK+FI+NO',
  da: 'SE+DK+FI+NO',
  fi: 'SE+DK+FI+NO',
  nb: 'SE+DK+FI+NO',
  nn: 'SE+DK+FI+NO',
  no: 'SE+DK+FI+NO',
  nl: 'NL+BE+LU',
};

export const isTrendRegion = (v: unknown): v is TrendRegion =>
  typeof v === 'string' && (TREND_REGIONS as readonly string[]).includes(v);

export function regionFromLocale(
  locale: string | null | undefined,
  fallback: TrendRegion = 'US'
): TrendRegion {
  // BCP 47: language, then maybe a script (4 letters), then the region (2 letters)
  const parts = (locale ?? '').replace(/_/g, '-').split('-').filter(Boolean);
  const country = parts.slice(1).find((p) => /^[A-Za-z]{2}$/.test(p));
  const byLanguage = BY_LANGUAGE[(parts[0] ?? '').toLowerCase()];
  return (country && BY_COUNTRY[country.toUpperCase()]) || byLanguage || fallback;
}
