import type { DesignTemplateDTO } from '../../../common/designs';
import { useApiErrorText, useApiQuery, usePinterestApi } from '../api';
import { useT } from '../utils/useT';

const KNOWN: Record<string, [string, string]> = {
  'bold-band': ['design.template.bold-band', 'Bold band'],
  'split-top': ['design.template.split-top', 'Split, title on top'],
  overlay: ['design.template.overlay', 'Full-bleed overlay'],
  card: ['design.template.card', 'Card'],
};

/** The built-in pin templates (`GET /pinterest/designs/templates`). */
export function useDesignTemplates() {
  const api = usePinterestApi();
  const errorText = useApiErrorText();
  const { data, error } = useApiQuery(api.designTemplates);
  return { templates: data, error: error ? errorText(error) : null };
}

/** A template's name in the admin's language (the server's own for one the admin does not know). */
export function useTemplateName() {
  const t = useT();
  return (template: Pick<DesignTemplateDTO, 'id' | 'name'> | string, fallback?: string) => {
    const id = typeof template === 'string' ? template : template.id;
    const known = KNOWN[id];
    if (known) return t(known[0], known[1]);
    return typeof template === 'string' ? (fallback ?? template) : template.name;
  };
}
