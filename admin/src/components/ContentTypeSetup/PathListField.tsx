import { Box, Button, Field, Flex, IconButton, Typography } from '@strapi/design-system';
import { ArrowDown, ArrowUp, Plus, Trash } from '@strapi/icons';
import { useT } from '../../utils/useT';
import { SelectField } from '../shared/SelectField';

export interface Candidate {
  path: string;
  type: string;
}

interface Props {
  name: string;
  label: string;
  hint: string;
  /** The attribute paths this part of the pin can take (the only ones offered). */
  candidates: Candidate[];
  /** The chosen paths: the first one, then the fallbacks in order. */
  value: string[];
  onChange: (value: string[]) => void;
  error?: string;
  disabled?: boolean;
  max?: number;
}

const optionsOf = (candidates: Candidate[], value: string) => [
  ...candidates.map((c) => ({ value: c.path, label: `${c.path} (${c.type})` })),
  // a path set in code that is not offered any more still shows as what it is
  ...(value && !candidates.some((c) => c.path === value) ? [{ value, label: value }] : []),
];

/**
 * An ordered list of attributes for one part of the pin: the first one that has a value on an
 * entry is used (e.g. the title, else the SEO title). Add, remove and reorder up to `max`.
 */
export function PathListField({
  name,
  label,
  hint,
  candidates,
  value,
  onChange,
  error,
  disabled,
  max = 5,
}: Props) {
  const t = useT();
  const unused = candidates.filter((c) => !value.includes(c.path));
  const move = (from: number, to: number) => {
    const next = [...value];
    [next[from], next[to]] = [next[to], next[from]];
    onChange(next);
  };

  return (
    <Box tag="fieldset" aria-label={label} style={{ border: 0, padding: 0, margin: 0 }}>
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Typography variant="pi" fontWeight="bold" tag="p">
          {label}
        </Typography>
        <Typography variant="pi" textColor="neutral600">
          {hint}
        </Typography>
        {value.map((path, i) => (
          <Flex key={`${i}-${path}`} gap={2} alignItems="flex-end">
            <Box flex="1">
              <SelectField
                name={`${name}.${i}`}
                label={
                  i === 0
                    ? t('ct.list.first', '{label}: first choice', { label })
                    : t('ct.list.fallback', '{label}: fallback {n}', { label, n: i })
                }
                value={path}
                disabled={disabled}
                onChange={(v) => onChange(value.map((p, j) => (j === i ? v : p)))}
                options={optionsOf(
                  candidates.filter((c) => c.path === path || !value.includes(c.path)),
                  path
                )}
              />
            </Box>
            <IconButton
              label={t('ct.list.up', 'Move {path} up', { path })}
              variant="ghost"
              disabled={disabled || i === 0}
              onClick={() => move(i, i - 1)}
            >
              <ArrowUp />
            </IconButton>
            <IconButton
              label={t('ct.list.down', 'Move {path} down', { path })}
              variant="ghost"
              disabled={disabled || i === value.length - 1}
              onClick={() => move(i, i + 1)}
            >
              <ArrowDown />
            </IconButton>
            <IconButton
              label={t('ct.list.remove', 'Remove {path}', { path })}
              variant="ghost"
              disabled={disabled}
              onClick={() => onChange(value.filter((_, j) => j !== i))}
            >
              <Trash />
            </IconButton>
          </Flex>
        ))}
        {!disabled && value.length < max && unused.length ? (
          <Box>
            <Button
              variant="tertiary"
              size="S"
              startIcon={<Plus />}
              onClick={() => onChange([...value, unused[0].path])}
            >
              {value.length
                ? t('ct.list.addFallback', 'Add a fallback to {label}', { label })
                : t('ct.list.add', 'Choose an attribute for {label}', { label })}
            </Button>
          </Box>
        ) : null}
        {candidates.length === 0 ? (
          <Typography variant="pi" textColor="neutral600">
            {t('ct.list.noCandidate', 'This content type has no attribute that fits here.')}
          </Typography>
        ) : null}
        {error ? (
          <Field.Root name={name} error={error}>
            <Field.Error />
          </Field.Root>
        ) : null}
      </Flex>
    </Box>
  );
}
