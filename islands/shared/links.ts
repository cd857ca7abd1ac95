/**
 * Real links that an island follows in the page: a plain click stays in the
 * island (no reload), while a middle click or a click with a modifier key
 * opens a new tab or window as the browser always does.
 *
 * @module
 */

/** An `onClick` for a link: runs `go` instead of following it, for plain clicks only. */
export function inPage(go: () => void): (e: MouseEvent) => void {
  return (e) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    go();
  };
}
