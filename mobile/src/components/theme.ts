/** The few colours and sizes the screens share. */
export const colors = {
  primary: '#0b5cad',
  primaryText: '#ffffff',
  text: '#1b1f24',
  muted: '#5b6470',
  border: '#c9d1da',
  background: '#ffffff',
  surface: '#f3f5f8',
  danger: '#b3261e',
  unread: '#e8f1fb',
} as const;

export const spacing = { xs: 4, sm: 8, md: 16, lg: 24 } as const;
