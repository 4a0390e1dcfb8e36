import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { DEMO_IMAGE, startDockerd, startDockerds, type Dockerd } from './dockerd.js';
import { httpGet } from './http.js';

const execFileP = promisify(execFile);


async function docker(d: Dockerd, ...args: string[]): Promise<string> {
  const { stdout } = await execFileP('docker', ['-H', d.dockerHost, ...args], { timeout: 60_000 });
  return stdout.trim();
}

describe('startDockerd (real engines)', () => {
  let engines: Dockerd[] = [];

  beforeAll(async () => {
    engines = await startDockerds([
      { name: 'harness-a', withDemoImage: true },
      { name: 'harness-b', withDemoImage: true },
    ]);
  }, 180_000);

  afterAll(async () => {
    await Promise.all(engines.map((e) => e.stop()));
  }, 60_000);

  it('runs two engines side by side with distinct sockets and address pools', async () => {
    const [a, b] = engines;
    expect(a?.socketPath).not.toBe(b?.socketPath);
    expect(a?.addressPool).not.toBe(b?.addressPool);
    for (const e of engines) expect(await docker(e, 'version', '--format', '{{.Server.APIVersion}}')).toMatch(/^1\.\d+$/);
  });

  it.each([0, 1])('engine %i runs the demo image and it answers HTTP (host → container, container ↔ container)', async (i) => {
    const e = engines[i];
    if (e === undefined) throw new Error('engine missing');
    await docker(e, 'network', 'create', 'hnet');
    await docker(e, 'run', '-d', '--name', 'web', '--network', 'hnet', '-e', `GREETING=hello-${i}`, '-p', '127.0.0.1::8080', DEMO_IMAGE);
    await docker(e, 'run', '-d', '--name', 'peer', '--network', 'hnet', DEMO_IMAGE);
    const port = /:(\d+)$/m.exec(await docker(e, 'port', 'web', '8080'))?.[1] ?? '0';
    let page = { status: 0, body: '' };
    for (let t = 0; t < 50 && page.status !== 200; t++) {
      page = await httpGet(`http://127.0.0.1:${port}/`).catch(() => page);
      if (page.status !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(page.body).toContain(`hello-${i}`);
    expect(await docker(e, 'exec', 'peer', 'wget', '-q', '-O-', 'http://web:8080/health')).toBe('ok');
  });

  it('stop() removes the engine and its directory', async () => {
    const extra = await startDockerd({ name: 'harness-c' });
    await extra.stop();
    expect(existsSync(extra.dir)).toBe(false);
    await expect(execFileP('docker', ['-H', extra.dockerHost, 'info'], { timeout: 10_000 })).rejects.toThrow();
  });
});
