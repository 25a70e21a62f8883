import { Box, Flex, Typography } from '@strapi/design-system';

/** A white card with a heading, named for assistive technology by its title (a `region`). */
export function SectionCard({
  title,
  testId,
  gap = 3,
  children,
}: {
  title: string;
  testId?: string;
  /** Space between the heading and each child (design-system spacing steps). */
  gap?: 3 | 4;
  children: React.ReactNode;
}) {
  return (
    <Box
      background="neutral0"
      hasRadius
      shadow="tableShadow"
      padding={6}
      tag="section"
      aria-label={title}
      data-testid={testId}
    >
      <Flex direction="column" alignItems="stretch" gap={gap}>
        <Typography variant="delta" tag="h2">
          {title}
        </Typography>
        {children}
      </Flex>
    </Box>
  );
}
