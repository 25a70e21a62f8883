import { Box, Flex, Typography } from '@strapi/design-system';
import type { DesignTemplateDTO, PinDesign } from '../../../../common/designs';
import type { DesignPreviewRequest } from '../../api';
import { useDesignPreview } from '../../hooks/useDesignPreview';
import { useTemplateName } from '../../hooks/useDesignTemplates';
import { DesignImage } from './DesignImage';

type Base = Omit<DesignPreviewRequest, 'design' | 'width'>;

function Choice({
  template,
  base,
  palette,
  selected,
  disabled,
  onSelect,
}: {
  template: DesignTemplateDTO;
  base: Base;
  palette: PinDesign['palette'];
  selected: boolean;
  disabled?: boolean;
  onSelect: () => void;
}) {
  const templateName = useTemplateName();
  const name = templateName(template);
  // the thumbnail: this template with the entry's texts and the chosen colour, small
  const { url, loading, error } = useDesignPreview(
    { ...base, design: { template: template.id, ...(palette && { palette }) }, width: 200 },
    700
  );
  return (
    <Box
      tag="button"
      type="button"
      aria-pressed={selected}
      aria-label={name}
      title={template.description}
      disabled={disabled}
      onClick={onSelect}
      padding={1}
      hasRadius
      background={selected ? 'primary100' : 'neutral0'}
      borderColor={selected ? 'primary600' : 'neutral200'}
      borderStyle="solid"
      borderWidth={selected ? '2px' : '1px'}
      style={{ cursor: disabled ? 'default' : 'pointer', textAlign: 'start' }}
    >
      <Flex direction="column" alignItems="stretch" gap={1} width="96px">
        <DesignImage
          url={url}
          loading={loading}
          error={error}
          compact
          alt=""
          width="96px"
          testId={`design-thumb-${template.id}`}
        />
        <Typography variant="pi" fontWeight={selected ? 'bold' : 'regular'} ellipsis>
          {name}
        </Typography>
      </Flex>
    </Box>
  );
}

/** The templates as small rendered thumbnails, each a toggle button (the chosen one pressed). */
export function TemplatePicker({
  label,
  templates,
  value,
  base,
  palette,
  disabled,
  onChange,
}: {
  label: string;
  templates: DesignTemplateDTO[];
  value: string | null;
  base: Base;
  palette: PinDesign['palette'];
  disabled?: boolean;
  onChange: (template: string) => void;
}) {
  return (
    <Flex role="group" aria-label={label} gap={2} wrap="wrap" alignItems="flex-start">
      {templates.map((tpl) => (
        <Choice
          key={tpl.id}
          template={tpl}
          base={base}
          palette={palette}
          selected={tpl.id === value}
          disabled={disabled}
          onSelect={() => onChange(tpl.id)}
        />
      ))}
    </Flex>
  );
}
