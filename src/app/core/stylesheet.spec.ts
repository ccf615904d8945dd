import { loadStylesheet } from './stylesheet';

describe('loadStylesheet', () => {
  let doc: Document;

  beforeEach(() => {
    doc = document.implementation.createHTMLDocument('test');
  });

  it('adds one link for a stylesheet, however often it is asked for', () => {
    void loadStylesheet('theme.css', doc);
    void loadStylesheet('theme.css', doc);
    const links = doc.head.querySelectorAll('link[rel="stylesheet"]');
    expect(links.length).toBe(1);
    expect(links[0].getAttribute('href')).toBe('theme.css');
  });

  it('resolves when the stylesheet has loaded, and at once afterwards', async () => {
    const loaded = loadStylesheet('theme.css', doc);
    doc.head.querySelector('link')!.dispatchEvent(new Event('load'));
    await loaded;
    await expectAsync(loadStylesheet('theme.css', doc)).toBeResolved();
  });

  it('resolves even when the stylesheet fails to load, so the page still shows', async () => {
    const settled = loadStylesheet('missing.css', doc);
    doc.head.querySelector('link')!.dispatchEvent(new Event('error'));
    await expectAsync(settled).toBeResolved();
  });
});
