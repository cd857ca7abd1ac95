/**
 * Small DOM helpers shared by both bundles.
 *
 * @module
 */

/**
 * Adds `css` to the shadow root as a constructed stylesheet (which a host
 * page's CSP `style-src` does not block), or a `<style>` where unsupported.
 */
export function adoptStyles(root: ShadowRoot, css: string): void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  } catch {
    const style = document.createElement("style");
    style.textContent = css;
    root.prepend(style);
  }
}
