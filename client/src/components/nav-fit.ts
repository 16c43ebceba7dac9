/**
 * How many of the header's links fit on one line beside the "more" button. At 1366 px a county
 * administrator's eleven links and the user's name with roles do not all fit: the ones that do not
 * go into a 更多 menu instead of running off the edge unseen. Every link stays in the document
 * (those that do not fit are taken out of the flow and hidden), so each one can be measured again
 * when the window, the language or the font changes.
 */
import { useLayoutEffect, useState } from 'react';

/** Space kept for the 更多 button (its text and arrow) and the gap before it. */
const MORE_WIDTH = 84;
const GAP = 4;

/**
 * `nav` is the element itself (a callback ref's state, not a ref object): the header may render
 * without its links first (while the session loads), and the measuring must start when they come.
 */
export function useNavFit(nav: HTMLElement | null, count: number, lang: string): number {
  const [fit, setFit] = useState(count);
  useLayoutEffect(() => {
    if (!nav) return;
    const measure = () => {
      const widths = [...nav.querySelectorAll<HTMLElement>(':scope > a')].map((a) => a.getBoundingClientRect().width);
      const room = nav.clientWidth;
      const all = widths.reduce((sum, w, i) => sum + w + (i ? GAP : 0), 0);
      if (all <= room) return setFit(widths.length);
      let used = 0;
      let k = 0;
      while (k < widths.length && used + (k ? GAP : 0) + widths[k]! + GAP + MORE_WIDTH <= room) used += (k ? GAP : 0) + widths[k++]!;
      setFit(k);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(nav);
    nav.querySelectorAll(':scope > a').forEach((a) => observer.observe(a));
    void document.fonts?.ready.then(measure);
    return () => observer.disconnect();
  }, [nav, count, lang]);
  return fit;
}
