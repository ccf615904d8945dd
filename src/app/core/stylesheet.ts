/**
 * Adds a stylesheet link once and resolves when it has loaded (or failed: a missing theme must
 * not leave the page blank). Used for CSS that only a lazy route needs, kept out of the initial
 * bundle by `"inject": false` in angular.json.
 */
export function loadStylesheet(href: string, doc: Document = document): Promise<void> {
  const id = `stylesheet-${href.replace(/[^a-z0-9]/gi, '-')}`;
  const existing = doc.getElementById(id) as HTMLLinkElement | null;
  if (existing?.dataset['settled']) return Promise.resolve();
  const link = existing ?? doc.createElement('link');
  const settled = new Promise<void>((resolve) => {
    const settle = () => {
      link.dataset['settled'] = 'true';
      resolve();
    };
    link.addEventListener('load', settle, { once: true });
    link.addEventListener('error', settle, { once: true });
  });
  if (!existing) {
    link.id = id;
    link.rel = 'stylesheet';
    link.href = href;
    doc.head.appendChild(link);
  }
  return settled;
}
