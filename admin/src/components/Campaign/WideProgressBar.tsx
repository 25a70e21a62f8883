import { ProgressBar, type ProgressBarProps } from '@strapi/design-system';
import { styled } from 'styled-components';

/**
 * The design system's ProgressBar, drawn for a light card: as wide as its container, a light track
 * and the primary colour for what is done (the stock one is a small dark bar made for upload
 * overlays).
 */
const Bar = styled(ProgressBar)`
  width: 100%;
  background-color: ${({ theme }) => theme.colors.neutral150};

  & > div {
    background-color: ${({ theme }) => theme.colors.primary600};
  }
`;

/** The value is also given to assistive technology (the stock bar only draws it). */
export function WideProgressBar({
  value,
  ...props
}: Omit<ProgressBarProps, 'value'> & { value: number }) {
  return <Bar value={value} aria-valuenow={value} aria-valuetext={`${value} %`} {...props} />;
}
