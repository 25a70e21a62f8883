import { useId, useRef, useState } from 'react';
import { Box, Button, Field, Flex, TextInput, Typography } from '@strapi/design-system';
import type { PinFieldValue } from '../../../../common/pin-field';
import { useT } from '../../utils/useT';

const MIN_SECONDS = 4;
const MAX_SECONDS = 15 * 60;
/**
 * A portrait video (Pinterest's usual 9:16) at the picker's full width would stand 640 px tall: cap
 * it, letterboxed.
 */
const VIDEO_STYLE = {
  display: 'block',
  width: '100%',
  maxHeight: 320,
  objectFit: 'contain',
  borderRadius: 4,
  background: '#000',
} as const;

interface Props {
  name: string;
  videoUrl: string;
  cover: PinFieldValue['cover'];
  disabled?: boolean;
  onChange: (cover: PinFieldValue['cover']) => void;
}

/**
 * For a video hero: scrub to a frame and pick it (stored as Pinterest's key-frame time), or give a
 * cover image URL.
 */
export function CoverPicker({ name, videoUrl, cover, disabled, onChange }: Props) {
  const t = useT();
  const video = useRef<HTMLVideoElement>(null);
  // The range is a plain input: give it the field's id so the label names it and the hint describes
  // it.
  const scrubberId = useId();
  const [duration, setDuration] = useState<number | null>(null);
  const chosen = cover && 'keyFrameTime' in cover ? cover.keyFrameTime : null;
  const [position, setPosition] = useState<number>(chosen ?? 0);
  const outOfRange = duration !== null && (duration < MIN_SECONDS || duration > MAX_SECONDS);

  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      <Typography variant="sigma" textColor="neutral600">
        {t('cover.title', 'Video cover')}
      </Typography>
      <Box maxWidth="360px">
        <video
          ref={video}
          src={videoUrl}
          muted
          preload="metadata"
          aria-label={t('cover.video', 'Hero video')}
          style={VIDEO_STYLE}
          onLoadedMetadata={(e) => {
            setDuration(e.currentTarget.duration);
            if (chosen !== null) e.currentTarget.currentTime = chosen;
          }}
        />
      </Box>
      <Field.Root
        name={`${name}.cover.scrubber`}
        id={scrubberId}
        hint={
          duration !== null
            ? t('cover.duration', 'Duration {seconds} s', { seconds: Math.round(duration) })
            : undefined
        }
      >
        <Field.Label>
          {t('cover.scrub', 'Frame at {seconds} s', { seconds: Math.round(position) })}
        </Field.Label>
        <input
          id={scrubberId}
          aria-describedby={duration !== null ? `${scrubberId}-hint` : undefined}
          type="range"
          min={0}
          max={duration ?? 0}
          step={1}
          value={position}
          disabled={disabled || duration === null}
          aria-valuetext={`${Math.round(position)} s`}
          onChange={(e) => {
            const seconds = Number(e.target.value);
            setPosition(seconds);
            if (video.current) video.current.currentTime = seconds;
          }}
          style={{ width: '100%', maxWidth: 360 }}
        />
        <Field.Hint />
      </Field.Root>
      {outOfRange ? (
        <Typography textColor="danger600">
          {t('cover.range', 'Pinterest accepts videos from 4 seconds to 15 minutes.')}
        </Typography>
      ) : null}
      <Flex gap={2}>
        <Button
          variant="secondary"
          disabled={disabled || duration === null}
          onClick={() => onChange({ keyFrameTime: Math.round(position) })}
        >
          {t('cover.use', 'Use this frame as the cover')}
        </Button>
        {chosen !== null ? (
          <Typography variant="pi" textColor="success600">
            {t('cover.chosen', 'Cover: frame at {seconds} s', { seconds: chosen })}
          </Typography>
        ) : null}
      </Flex>
      <Field.Root
        name={`${name}.cover.imageUrl`}
        hint={t('cover.imageUrl.hint', 'Or an https image to use as the cover instead of a frame.')}
      >
        <Field.Label>{t('cover.imageUrl', 'Cover image URL (optional)')}</Field.Label>
        <TextInput
          value={cover && 'imageUrl' in cover ? cover.imageUrl : ''}
          disabled={disabled}
          onChange={(e: React.ChangeEvent<HTMLInputElement>) =>
            onChange(e.target.value ? { imageUrl: e.target.value } : null)
          }
        />
        <Field.Hint />
      </Field.Root>
    </Flex>
  );
}
