import { useRef, useState } from 'react';
import { Box, Button, Flex, Typography } from '@strapi/design-system';
import type { PinDesign } from '../../../../common/designs';
import { useT } from '../../utils/useT';

type Focal = NonNullable<PinDesign['focal']>;

const STEP = 0.05;
const BIG_STEP = 0.2;
const clamp = (v: number) => Math.min(1, Math.max(0, Math.round(v * 1000) / 1000));
const percent = (v: number) => Math.round(v * 100);

/**
 * Where the image is anchored when a template crops it: the editor clicks or drags on the image,
 * or moves the marker with the arrow keys (Shift: bigger steps). `null`: the centre.
 */
export function FocalPointPicker({
  imageUrl,
  value,
  disabled,
  onChange,
}: {
  imageUrl: string;
  value: Focal | null | undefined;
  disabled?: boolean;
  onChange: (focal: Focal | null) => void;
}) {
  const t = useT();
  const frame = useRef<HTMLDivElement>(null);
  const marker = useRef<HTMLDivElement>(null);
  const [dragging, setDragging] = useState(false);
  const focal = value ?? { x: 0.5, y: 0.5 };

  const fromPointer = (e: React.PointerEvent) => {
    const box = frame.current?.getBoundingClientRect();
    if (!box || !box.width || !box.height) return;
    onChange({
      x: clamp((e.clientX - box.left) / box.width),
      y: clamp((e.clientY - box.top) / box.height),
    });
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    const step = e.shiftKey ? BIG_STEP : STEP;
    const move: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, -step],
      ArrowDown: [0, step],
    };
    const d = move[e.key];
    if (!d || disabled) return;
    e.preventDefault();
    onChange({ x: clamp(focal.x + d[0]), y: clamp(focal.y + d[1]) });
  };

  const where = t('design.focal.value', '{x}% from the left, {y}% from the top', {
    x: percent(focal.x),
    y: percent(focal.y),
  });

  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Typography variant="pi" fontWeight="bold" tag="p" id="design-focal-label">
        {t('design.focal', 'Focal point')}
      </Typography>
      <Typography variant="pi" textColor="neutral600" tag="p" id="design-focal-hint">
        {t(
          'design.focal.hint',
          'Click or drag on the image, or use the arrow keys on the marker: this part stays in view when the template crops the image.'
        )}
      </Typography>
      <Box
        ref={frame}
        position="relative"
        hasRadius
        overflow="hidden"
        style={{
          cursor: disabled ? 'default' : 'crosshair',
          touchAction: 'none',
          userSelect: 'none',
          lineHeight: 0,
        }}
        onPointerDown={(e: React.PointerEvent<HTMLDivElement>) => {
          if (disabled || e.button !== 0) return;
          e.currentTarget.setPointerCapture(e.pointerId);
          setDragging(true);
          fromPointer(e);
          marker.current?.focus();
        }}
        onPointerMove={(e: React.PointerEvent<HTMLDivElement>) => {
          if (dragging) fromPointer(e);
        }}
        onPointerUp={(e: React.PointerEvent<HTMLDivElement>) => {
          if (!dragging) return;
          e.currentTarget.releasePointerCapture(e.pointerId);
          setDragging(false);
        }}
      >
        <img
          src={imageUrl}
          alt=""
          draggable={false}
          style={{ display: 'block', width: '100%', height: 'auto' }}
        />
        <div
          ref={marker}
          role="slider"
          tabIndex={disabled ? -1 : 0}
          aria-labelledby="design-focal-label"
          aria-describedby="design-focal-hint"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent(focal.x)}
          aria-valuetext={where}
          aria-disabled={disabled || undefined}
          data-testid="design-focal-marker"
          onKeyDown={onKeyDown}
          style={{
            position: 'absolute',
            left: `${focal.x * 100}%`,
            top: `${focal.y * 100}%`,
            width: 28,
            height: 28,
            marginLeft: -14,
            marginTop: -14,
            borderRadius: '50%',
            border: '3px solid #fff',
            boxShadow: '0 0 0 2px rgba(0,0,0,.65), 0 1px 6px rgba(0,0,0,.5)',
            background: 'rgba(73, 69, 255, .35)',
            cursor: disabled ? 'default' : 'grab',
          }}
        />
      </Box>
      <Flex gap={2} justifyContent="space-between" wrap="wrap">
        <Typography variant="pi" textColor="neutral600">
          {value ? where : t('design.focal.centre', 'Centre of the image')}
        </Typography>
        {value && !disabled ? (
          <Button variant="tertiary" size="S" onClick={() => onChange(null)}>
            {t('design.focal.reset', 'Back to the centre')}
          </Button>
        ) : null}
      </Flex>
    </Flex>
  );
}
