import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { ConfigError, configFromContext, DEFAULT_CONFIG, readFeedList } from '../../infra/config';
import { lambdaAssetCode } from '../../infra/lambda-asset-code';

describe('deployment configuration', () => {
  it('takes CDK context values over the defaults, converting -c strings', () => {
    const app = new App({ context: { scheduleRateMinutes: '15', alarmTopic: 'false', userAgent: 'Example/1', feedsFile: 'feeds.opml' } });
    expect(configFromContext(app.node)).toEqual({
      ...DEFAULT_CONFIG,
      scheduleRateMinutes: 15,
      alarmTopic: false,
      userAgent: 'Example/1',
      feedsFile: 'feeds.opml',
    });
  });

  it.each([
    ['feedConcurrency', '1', /feedConcurrency must be an integer from 2 to 1000/],
    ['maxReceiveCount', 3, /maxReceiveCount must be an integer from 5/],
    ['scheduleRateMinutes', 'often', /scheduleRateMinutes/],
    ['tableDeletionProtection', 'yes', /tableDeletionProtection must be true or false/],
  ])('refuses %s=%s with a typed error naming it', (name, value, message) => {
    const app = new App({ context: { [name]: value } });
    expect(() => configFromContext(app.node)).toThrow(ConfigError);
    expect(() => configFromContext(app.node)).toThrow(message);
  });

  it('names a feed list it cannot read', () => {
    expect(() => readFeedList('missing.opml', tmpdir())).toThrow(/cannot read feedsFile missing.opml: ENOENT/);
  });

  it('asks for the bundle build when a function package is missing', () => {
    const empty = mkdtempSync(join(tmpdir(), 'feedloom-assets-'));
    expect(() => lambdaAssetCode(empty)('dispatch')).toThrow(/run npm run build:lambdas first/);
  });
});
