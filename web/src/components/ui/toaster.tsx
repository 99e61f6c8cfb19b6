import { Toaster as Sonner } from 'sonner';

/** Mounted once in the app provider; call `toast()` from `sonner` anywhere. */
export function Toaster() {
  return <Sonner position="top-right" richColors closeButton duration={6000} />;
}
