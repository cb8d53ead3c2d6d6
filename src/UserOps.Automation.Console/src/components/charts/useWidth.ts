import { useEffect, useRef, useState, type RefObject } from 'react';

/** The element's width in CSS pixels, followed as it resizes, so charts draw at their real size (text is never stretched). */
export function useWidth<T extends HTMLElement>(fallback = 760): [RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(entries => {
      const w = Math.round(entries[0].contentRect.width);
      if (w > 0) setWidth(w);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}
