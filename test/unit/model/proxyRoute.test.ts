import * as assert from 'assert';
import { noProxyMatches, ProxyConfig, proxyConfigWarnings, proxyFor } from '../../../src/model/proxyRoute';

const config = (overrides: Partial<ProxyConfig>): ProxyConfig => ({ strictSSL: true, noProxySetting: [], env: {}, ...overrides });
const AWS = 'https://emr-serverless.eu-west-1.amazonaws.com';
/** "source display" of the route, or "direct". */
const route = (target: string, c: ProxyConfig) => {
  const r = proxyFor(target, c);
  return r ? `${r.source} ${r.display}` : 'direct';
};

describe('which proxy a request goes through', () => {
  const cases: Array<{ why: string; target?: string; config: Partial<ProxyConfig>; expected: string }> = [
    { why: 'nothing configured: direct', config: {}, expected: 'direct' },
    { why: 'the http.proxy setting', config: { proxySetting: 'http://proxy.corp:3128' }, expected: 'http.proxy http://proxy.corp:3128' },
    {
      why: 'http.proxy wins over HTTPS_PROXY, as in VS Code',
      config: { proxySetting: 'http://setting:1', env: { HTTPS_PROXY: 'http://env:2' } },
      expected: 'http.proxy http://setting:1',
    },
    { why: 'HTTPS_PROXY for an https URL', config: { env: { HTTPS_PROXY: 'http://env:8080' } }, expected: 'HTTPS_PROXY http://env:8080' },
    {
      why: 'lower-case https_proxy before HTTPS_PROXY',
      config: { env: { https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:2' } },
      expected: 'https_proxy http://lower:1',
    },
    { why: 'HTTP_PROXY is not used for an https URL', config: { env: { HTTP_PROXY: 'http://env:8080' } }, expected: 'direct' },
    {
      why: 'HTTP_PROXY for an http:// endpoint',
      target: 'http://emr.internal:8080',
      config: { env: { HTTPS_PROXY: 'http://s:1', HTTP_PROXY: 'http://plain:2' } },
      expected: 'HTTP_PROXY http://plain:2',
    },
    { why: 'http.proxy also for an http:// endpoint', target: 'http://emr.internal:8080', config: { proxySetting: 'http://p:3' }, expected: 'http.proxy http://p:3' },
    { why: 'a proxy without a scheme is http://', config: { env: { HTTPS_PROXY: 'proxy.corp:3128' } }, expected: 'HTTPS_PROXY http://proxy.corp:3128' },
    { why: 'an https:// proxy', config: { proxySetting: 'https://secure-proxy:443' }, expected: 'http.proxy https://secure-proxy' },
    {
      why: 'user and password never shown',
      config: { proxySetting: 'http://bob:pa%40ss@proxy.corp:3128' },
      expected: 'http.proxy http://proxy.corp:3128',
    },
    { why: 'a socks5:// proxy is not used', config: { proxySetting: 'socks5://proxy:1080' }, expected: 'direct' },
    { why: 'localhost goes direct, as in VS Code', target: 'http://localhost:4599', config: { proxySetting: 'http://p:1' }, expected: 'direct' },
    { why: '127.0.0.1 goes direct', target: 'http://127.0.0.1:4599', config: { proxySetting: 'http://p:1' }, expected: 'direct' },
    { why: '[::1] goes direct', target: 'http://[::1]:4599', config: { proxySetting: 'http://p:1' }, expected: 'direct' },
    {
      why: 'NO_PROXY sends a matching host direct, also with http.proxy set',
      config: { proxySetting: 'http://p:1', env: { NO_PROXY: 'internal.corp, .amazonaws.com' } },
      expected: 'direct',
    },
    {
      why: 'lower-case no_proxy before NO_PROXY',
      config: { env: { HTTPS_PROXY: 'http://p:1', no_proxy: 'example.com', NO_PROXY: 'amazonaws.com' } },
      expected: 'HTTPS_PROXY http://p:1',
    },
    {
      why: 'http.noProxy, when set, replaces NO_PROXY, as in VS Code',
      config: { proxySetting: 'http://p:1', noProxySetting: ['example.com'], env: { NO_PROXY: 'amazonaws.com' } },
      expected: 'http.proxy http://p:1',
    },
    {
      why: 'http.noProxy sends a matching host direct',
      config: { proxySetting: 'http://p:1', noProxySetting: ['*.amazonaws.com'] },
      expected: 'direct',
    },
  ];
  for (const c of cases) {
    it(`${c.why} → ${c.expected}`, () => {
      assert.strictEqual(route(c.target ?? AWS, config(c.config)), c.expected);
    });
  }

  it('keeps the user and password for the agent, which sends them as Proxy-Authorization', () => {
    assert.strictEqual(proxyFor(AWS, config({ proxySetting: 'http://bob:secret@proxy.corp:3128' }))?.url, 'http://bob:secret@proxy.corp:3128/');
  });
});

describe('NO_PROXY entries', () => {
  const cases: Array<[host: string, port: string, entry: string, matches: boolean]> = [
    ['emr-serverless.us-east-1.amazonaws.com', '443', 'amazonaws.com', true],
    ['emr-serverless.us-east-1.amazonaws.com', '443', '.amazonaws.com', true],
    ['emr-serverless.us-east-1.amazonaws.com', '443', '*.amazonaws.com', true],
    ['amazonaws.com', '443', '.amazonaws.com', true],
    ['notamazonaws.com', '443', 'amazonaws.com', false],
    ['anything.example', '443', '*', true],
    ['emr.internal', '8080', 'emr.internal:8080', true],
    ['emr.internal', '443', 'emr.internal:8080', false],
    ['10.0.0.5', '80', '10.0.0.5', true],
    ['10.0.0.50', '80', '10.0.0.5', false],
    ['fd00::1', '443', '[fd00::1]:443', true],
    ['EMR.Internal'.toLowerCase(), '443', 'emr.INTERNAL', true],
  ];
  for (const [host, port, entry, matches] of cases) {
    it(`"${entry}" ${matches ? 'matches' : 'does not match'} ${host}:${port}`, () => {
      assert.strictEqual(noProxyMatches(host, port, [entry]), matches);
    });
  }
});

describe('proxy settings that cannot be used', () => {
  it('says which setting or variable is not an http or https proxy URL, without its password', () => {
    assert.deepStrictEqual(proxyConfigWarnings(config({ proxySetting: 'socks5://bob:secret@proxy:1080', env: { HTTPS_PROXY: 'http://ok:1' } })), [
      'http.proxy "socks5://proxy:1080" is not an http:// or https:// proxy URL; requests that would use it go direct.',
    ]);
  });

  it('finds nothing wrong with usable values', () => {
    assert.deepStrictEqual(proxyConfigWarnings(config({ proxySetting: 'proxy.corp:3128', env: { https_proxy: 'https://p:443', NO_PROXY: '*' } })), []);
  });
});
