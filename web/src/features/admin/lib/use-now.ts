import { useEffect, useState } from 'react';

/** The current time, ticking every `intervalMs`: keeps "in 12 min" and running durations true. */
export function useNow(intervalMs = 15_000) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
