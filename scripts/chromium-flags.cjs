// The switches Chromium needs here, for Karma and Playwright alike: root needs --no-sandbox; the
// closed network needs the background-networking switches or Chromium keeps dialling out.
module.exports = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
