import { Toaster as Sonner } from 'sonner';

/**
 * Mounted once in the app provider; call `toast()` from `sonner` anywhere. Below the
 * top bar (56 px), so a toast never hides the notifications bell or the user menu.
 */
export function Toaster() {
  return (
    <Sonner
      position="top-right"
      richColors
      closeButton
      duration={6000}
      offset={{ top: 64 }}
      mobileOffset={{ top: 64 }}
    />
  );
}
