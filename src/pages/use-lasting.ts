import { useEffect, useState } from 'react';

/**
 * True once `active` has been true for `delayMs` without a break; false again as soon as it is not. A state
 * that usually ends sooner (a province's year change, evaluated in about 100 ms) is then never shown at all,
 * rather than flashing on and off: the page shows it only when the wait is long enough to need saying.
 */
export function useLasting(active: boolean, delayMs: number): boolean {
  const [lasted, setLasted] = useState(false);
  useEffect(() => {
    if (!active) return;
    const timer = setTimeout(() => setLasted(true), delayMs);
    return () => {
      clearTimeout(timer);
      setLasted(false);
    };
  }, [active, delayMs]);
  return active && lasted;
}
