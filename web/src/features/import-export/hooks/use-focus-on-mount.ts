import { useEffect, useRef } from 'react';

/**
 * A ref whose element takes the focus when it mounts while `enabled`: a wizard's new
 * step puts the keyboard (and a screen reader) on its heading, not on the page's top.
 */
export function useFocusOnMount<T extends HTMLElement>(enabled: boolean) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (enabled) ref.current?.focus();
  }, [enabled]);
  return ref;
}
