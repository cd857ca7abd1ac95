/**
 * Defence in depth for the one place the widget inserts HTML: an AI answer's
 * `html`, already sanitised by the server. It is parsed inert (a `<template>`
 * runs no script and loads no image), cut down to an allowlist of tags and
 * attributes, and links/images are kept only for http(s) URLs. Everything
 * else the widget shows is text.
 *
 * @module
 */

const KEEP = new Set(
  "p br strong b em i u s del code pre ul ol li a blockquote h1 h2 h3 h4 h5 h6 hr table thead tbody tr th td img span"
    .split(" "),
);
// Dropped with their content; any other unknown tag is replaced by its text.
const DROP = new Set("script style template iframe frame object embed noscript textarea select title".split(" "));

/** `url` resolved against `base` if it is http(s), else null. */
export function safeUrl(url: unknown, base?: string): string | null {
  if (typeof url !== "string" || !url) return null;
  try {
    const u = new URL(url, base);
    return u.protocol === "https:" || u.protocol === "http:" ? u.href : null;
  } catch {
    return null;
  }
}

function clean(parent: ParentNode): void {
  for (const node of [...parent.childNodes]) {
    if (node.nodeType === Node.COMMENT_NODE) {
      node.remove();
      continue;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) continue;
    const el = node as Element;
    const tag = el.localName;
    if (el.namespaceURI !== "http://www.w3.org/1999/xhtml" || DROP.has(tag)) {
      el.remove();
      continue;
    }
    if (!KEEP.has(tag)) {
      el.replaceWith(document.createTextNode(el.textContent ?? ""));
      continue;
    }
    const href = tag === "a" ? safeUrl(el.getAttribute("href")) : null;
    const src = tag === "img" ? safeUrl(el.getAttribute("src")) : null;
    const alt = el.getAttribute("alt");
    for (const attr of [...el.attributes]) el.removeAttribute(attr.name);
    if (tag === "img") {
      if (!src) {
        el.remove();
        continue;
      }
      el.setAttribute("src", src);
      el.setAttribute("alt", alt ?? "");
      el.setAttribute("referrerpolicy", "no-referrer");
    }
    if (href) {
      el.setAttribute("href", href);
      el.setAttribute("target", "_blank");
      el.setAttribute("rel", "noopener noreferrer");
    }
    clean(el);
  }
}

/** The allowed part of `html` as an inert fragment, ready to append. */
export function sanitize(html: string): DocumentFragment {
  const t = document.createElement("template");
  t.innerHTML = html; // inert: template content is not rendered and runs nothing
  clean(t.content);
  return t.content;
}
