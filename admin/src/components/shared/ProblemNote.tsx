import { Box, Typography } from '@strapi/design-system';
import { useProblemText } from '../../utils/useAdvice';

/**
 * A failure told to an editor: what went wrong and what to do in their words, then a small details
 * line for support (the code and the server's own message).
 */
export function ProblemNote({
  error,
  tone = 'danger',
}: {
  error: { code: string; message: string; advice?: string | null };
  tone?: 'danger' | 'warning';
}) {
  const text = useProblemText()(error);
  const color = tone === 'danger' ? 'danger700' : 'warning700';
  return (
    <Box padding={3} hasRadius background={tone === 'danger' ? 'danger100' : 'warning100'}>
      <Typography variant="pi" textColor={color} tag="p" fontWeight="bold">
        {text.title}
      </Typography>
      <Typography variant="pi" textColor={color} tag="p">
        {text.advice}
      </Typography>
      <Typography variant="pi" textColor="neutral600" tag="p">
        {text.details}
      </Typography>
    </Box>
  );
}
