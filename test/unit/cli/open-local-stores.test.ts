import { describe, expect, it } from 'vitest';
import { tableNamesFrom } from '../../../cli/open-local-stores';
import { isLocalEndpoint } from '../../../shared/adapters/dynamodb/create-dynamo-clients';
import { DEFAULT_TABLE_NAMES } from '../../../shared/adapters/dynamodb/table-design';

describe('the CLI against a deployed stack', () => {
  it('takes the deployed table names from the environment', () => {
    expect(tableNamesFrom({})).toEqual(DEFAULT_TABLE_NAMES);
    expect(tableNamesFrom({ FEEDLOOM_ARTICLES_TABLE: 'Stack-Articles1', FEEDLOOM_FEEDS_TABLE: 'Stack-Feeds1' })).toEqual({
      articles: 'Stack-Articles1',
      feeds: 'Stack-Feeds1',
      bodies: 'Stack-Articles1-bodies',
      hosts: 'Stack-Feeds1-hosts',
      siteHealth: 'Stack-Feeds1-site-health',
    });
    expect(tableNamesFrom({ FEEDLOOM_HOSTS_TABLE: 'H' }).hosts).toBe('H');
    expect(tableNamesFrom({ FEEDLOOM_FEEDS_TABLE: 'F', FEEDLOOM_SITE_HEALTH_TABLE: 'S' }).siteHealth).toBe('S');
    expect(tableNamesFrom({ FEEDLOOM_ARTICLES_TABLE: 'A', FEEDLOOM_BODIES_TABLE: 'B' }).bodies).toBe('B');
  });

  it.each([
    ['http://127.0.0.1:8000', true],
    ['http://localhost:8000', true],
    ['http://[::1]:8000', true],
    ['https://dynamodb.eu-west-1.amazonaws.com', false],
    ['http://10.0.0.5:8000', false],
    ['not a url', false],
  ])('treats %s as local: %s (placeholder credentials and table creation only there)', (endpoint, local) => {
    expect(isLocalEndpoint(endpoint)).toBe(local);
  });
});
