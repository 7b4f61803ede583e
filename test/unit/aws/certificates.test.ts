import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import * as tls from 'tls';
import { createEmrApi } from '../../../src/aws/emrClient';
import { describeError, nextSteps } from '../../../src/model/awsErrors';
import type { ProxyConfig } from '../../../src/model/proxyRoute';
import { RecordingProxy } from '../../harness/recordingProxy';
import { LocalEmrConnection } from '../support/localEmrConnection';

/**
 * An organisation's own certificate authority, as a TLS-inspecting proxy or a private endpoint
 * uses: `openssl` makes a CA and a certificate for 127.0.0.2 signed by it, and a TLS front on
 * 127.0.0.2 serves the local endpoint with that certificate. Node trusts none of it by itself.
 */
describe('certificates from a custom CA bundle', function () {
  this.timeout(30_000);
  let connection: LocalEmrConnection;
  let front: tls.Server;
  let proxy: RecordingProxy;
  let dir: string;
  let caFile: string;
  let endpoint: string;

  before(async () => {
    connection = await LocalEmrConnection.start({ host: '127.0.0.2', applications: 2, sessionsPerApplication: 1 });
    proxy = await RecordingProxy.start();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emr-ca-'));
    caFile = path.join(dir, 'ca.pem');
    const file = (name: string) => path.join(dir, name);
    const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
    openssl('req', '-x509', ...ec, '-keyout', file('ca.key'), '-out', caFile, '-days', '1', '-subj', '/CN=Example Corp Inspection CA');
    openssl('req', ...ec, '-keyout', file('host.key'), '-out', file('host.csr'), '-subj', '/CN=127.0.0.2');
    fs.writeFileSync(file('host.ext'), 'subjectAltName=IP:127.0.0.2\n');
    openssl('x509', '-req', '-in', file('host.csr'), '-CA', caFile, '-CAkey', file('ca.key'), '-CAcreateserial', '-out', file('host.pem'), '-days', '1', '-extfile', file('host.ext'));
    const backend = new URL(connection.server.url);
    front = tls.createServer({ key: fs.readFileSync(file('host.key')), cert: fs.readFileSync(file('host.pem')) }, (socket) => {
      const upstream = net.connect(Number(backend.port), backend.hostname);
      socket.pipe(upstream).pipe(socket);
      const close = () => {
        socket.destroy();
        upstream.destroy();
      };
      socket.on('error', close);
      upstream.on('error', close);
    });
    await new Promise<void>((resolve) => front.listen(0, '127.0.0.2', resolve));
    endpoint = `https://127.0.0.2:${(front.address() as net.AddressInfo).port}`;
  });
  after(async () => {
    await proxy.close();
    await new Promise((resolve) => front.close(resolve));
    fs.rmSync(dir, { recursive: true, force: true });
    await connection.close();
  });
  beforeEach(() => {
    proxy.log.length = 0;
  });

  const config = (overrides: Partial<ProxyConfig>): ProxyConfig => ({ strictSSL: true, noProxySetting: [], env: {}, ...overrides });
  /** Lists the applications; the error report of the failure, or the number listed. */
  async function list(proxyConfig: ProxyConfig) {
    const api = await createEmrApi(connection.settings({ endpoint, requestTimeoutMs: 5_000 }), connection.log, proxyConfig);
    try {
      const pages = api.openApplicationPager(50)(undefined, new AbortController().signal);
      let count = 0;
      for (let page = await pages.next(); !page.done; page = await pages.next()) {
        count += page.value.items.length;
      }
      return { count };
    } catch (error) {
      const report = describeError(error, { operation: 'ListApplications', endpointLabel: endpoint });
      return { report, steps: nextSteps(report).map((s) => s.label) };
    } finally {
      api.dispose();
    }
  }

  it('a certificate Node cannot verify gives a row that says so and points at AWS_CA_BUNDLE', async () => {
    const { report, steps } = await list(config({}));
    assert.strictEqual(report?.kind, 'untrustedCertificate');
    assert.strictEqual(report.title, `Untrusted certificate from ${endpoint}`);
    assert.match(report.detail, /could not be verified \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\)\. .*AWS_CA_BUNDLE or NODE_EXTRA_CA_CERTS/);
    assert.deepStrictEqual(steps, ['Retry', 'Show Log']);
  });

  for (const variable of ['AWS_CA_BUNDLE', 'NODE_EXTRA_CA_CERTS']) {
    it(`with ${variable} naming the CA's PEM file, the same endpoint lists its applications`, async () => {
      assert.deepStrictEqual(await list(config({ env: { [variable]: caFile } })), { count: 2 });
    });
  }

  it('through a proxy, the certificate is checked inside the tunnel: the row names the proxy and http.proxyStrictSSL', async () => {
    const { report, steps } = await list(config({ proxySetting: proxy.url }));
    assert.strictEqual(report?.kind, 'untrustedCertificate');
    assert.match(report.detail, new RegExp(`presented through the proxy ${proxy.url.replace(/[.]/g, '\\.')} could not be verified.*http\\.proxyStrictSSL`));
    assert.deepStrictEqual(steps, ['Retry', 'Open Proxy Settings', 'Show Log']);
    assert.strictEqual(proxy.tunnelsTo(new URL(endpoint).host) >= 1, true, proxy.log.join('; '));
  });

  it('through a proxy, AWS_CA_BUNDLE makes the tunnelled certificate trusted', async () => {
    assert.deepStrictEqual(await list(config({ proxySetting: proxy.url, env: { AWS_CA_BUNDLE: caFile } })), { count: 2 });
    assert.ok(proxy.tunnelsTo(new URL(endpoint).host) >= 1, proxy.log.join('; '));
  });

  it('through a proxy, http.proxyStrictSSL off accepts the certificate; a direct connection is still checked', async () => {
    assert.deepStrictEqual(await list(config({ proxySetting: proxy.url, strictSSL: false })), { count: 2 });
    assert.strictEqual((await list(config({ strictSSL: false }))).report?.kind, 'untrustedCertificate');
  });

  it('an AWS_CA_BUNDLE that cannot be read is logged and the certificate stays untrusted', async () => {
    const missing = path.join(dir, 'missing.pem');
    const { report } = await list(config({ env: { AWS_CA_BUNDLE: missing } }));
    assert.strictEqual(report?.kind, 'untrustedCertificate');
    assert.ok(connection.lines.some((line) => line.startsWith('warn [network] AWS_CA_BUNDLE names') && line.includes(missing) && line.includes('ENOENT')));
  });
});
