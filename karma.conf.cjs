// Karma for `ng test`: headless Debian Chromium, with the switches of scripts/chromium-flags.cjs.
const path = require('node:path');
process.env.CHROME_BIN ||= '/usr/bin/chromium';

module.exports = function (config) {
  config.set({
    frameworks: ['jasmine'],
    plugins: [
      require('karma-jasmine'),
      require('karma-chrome-launcher'),
      require('karma-coverage'),
    ],
    client: { jasmine: { random: true } },
    coverageReporter: {
      dir: path.join(__dirname, 'coverage'),
      subdir: '.',
      reporters: [{ type: 'html' }, { type: 'text-summary' }],
    },
    customLaunchers: {
      ChromeHeadlessCI: {
        base: 'ChromeHeadless',
        flags: require('./scripts/chromium-flags.cjs'),
      },
    },
    browsers: ['ChromeHeadlessCI'],
    reporters: ['progress'],
    singleRun: true,
  });
};
