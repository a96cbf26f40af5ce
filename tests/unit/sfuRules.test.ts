import { describe, expect, it } from 'vitest';
import { sfuFromEnv } from '../../server/sfu/options.js';
import { startSfu } from '../../server/sfu/sfu.js';
import { layerTileHeights, simulcastEncodings, spatialLayerForTile, SfuRequest } from '../../shared/sfu.js';

// The SFU's pure rules: which simulcast layer a tile needs, and the hub's SFU settings.

describe('simulcast layer for a tile', () => {
  it('sends the smallest layer to small or hidden tiles and the full one to large tiles', () => {
    expect(spatialLayerForTile(0, 0)).toBe(0);
    expect(spatialLayerForTile(160, 90)).toBe(0);
    expect(spatialLayerForTile(356, layerTileHeights[0])).toBe(0);
    expect(spatialLayerForTile(640, 360)).toBe(1);
    expect(spatialLayerForTile(1280, 720)).toBe(2);
    // A wide, short tile still needs the picture's height at that width.
    expect(spatialLayerForTile(1920, 100)).toBe(2);
  });

  it('has one layer per encoding the clients send, smallest first', () => {
    expect(simulcastEncodings.map((e) => e.scaleResolutionDownBy)).toEqual([4, 2, 1]);
    expect(spatialLayerForTile(8_192, 8_192)).toBe(simulcastEncodings.length - 1);
  });
});

describe('SFU settings from the environment', () => {
  it('is on where it can run by default ("auto"), with at most two workers on 127.0.0.1', () => {
    expect(sfuFromEnv({})).toEqual(sfuFromEnv({ HUB_SFU: 'auto' }));
    expect(sfuFromEnv({})).not.toHaveProperty('required');
    expect(sfuFromEnv({ HUB_SFU: 'auto' })).toMatchObject({ listenIp: '127.0.0.1' });
    expect(sfuFromEnv({ HUB_SFU: 'auto' })).not.toHaveProperty('required');
    // "on" asks for it outright: no worker is then an error at start, not a quiet fallback.
    expect(sfuFromEnv({ HUB_SFU: 'on' })).toMatchObject({ required: true });
    const o = sfuFromEnv({ HUB_SFU: 'on' })!;
    expect(o.workers).toBeGreaterThanOrEqual(1);
    expect(o.workers).toBeLessThanOrEqual(2);
    expect(o).toMatchObject({ listenIp: '127.0.0.1', rtcMinPort: 40_000, rtcMaxPort: 49_999 });
    expect(o.announcedIp).toBeUndefined();
  });

  it('reads the announced address, ports and workers, and can be switched off', () => {
    expect(sfuFromEnv({ HUB_SFU: 'off' })).toBeNull();
    expect(sfuFromEnv({ HUB_SFU: 'on', HUB_SFU_WORKERS: '3', HUB_SFU_LISTEN_IP: '0.0.0.0', HUB_SFU_ANNOUNCED_IP: '203.0.113.7', HUB_SFU_PORTS: '50000-50100' })).toMatchObject({
      workers: 3,
      listenIp: '0.0.0.0',
      announcedIp: '203.0.113.7',
      rtcMinPort: 50_000,
      rtcMaxPort: 50_100,
    });
  });

  it('without a worker: one log line and no SFU (auto), or an error at start (on)', async () => {
    const lines: string[] = [];
    const log = { info: (_f: object, m: string) => lines.push(m), warn: (_f: object, m: string) => lines.push(m) };
    const missing = { workerBin: '/nonexistent/mediasoup-worker' };
    expect(await startSfu({ ...sfuFromEnv({ HUB_SFU: 'auto' })!, ...missing }, log)).toBeNull();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/peer to peer/);
    await expect(startSfu({ ...sfuFromEnv({ HUB_SFU: 'on' })!, ...missing }, log)).rejects.toThrow(/HUB_SFU=on/);
    expect(lines).toHaveLength(1);
  });

  it('refuses settings it cannot use, saying which', () => {
    expect(() => sfuFromEnv({ HUB_SFU: 'maybe' })).toThrow(/HUB_SFU/);
    expect(() => sfuFromEnv({ HUB_SFU: 'on', HUB_SFU_WORKERS: '0' })).toThrow(/HUB_SFU_WORKERS/);
    expect(() => sfuFromEnv({ HUB_SFU: 'on', HUB_SFU_PORTS: '50000-40000' })).toThrow(/HUB_SFU_PORTS/);
    expect(() => sfuFromEnv({ HUB_SFU: 'on', HUB_SFU_PORTS: '80-90' })).toThrow(/HUB_SFU_PORTS/);
  });
});

describe('SFU request frames', () => {
  it('accepts each step and refuses extra fields', () => {
    const callId = '6f1c1c56-2a4e-4e55-9a52-3c8f3f0c2b10';
    expect(SfuRequest.safeParse({ t: 'sfu.resume', ref: 1, callId, what: 'consumer', id: 'c1' }).success).toBe(true);
    expect(SfuRequest.safeParse({ t: 'sfu.resume', ref: 1, callId, what: 'consumer', id: 'c1', peerId: 'someone-else' }).success).toBe(false);
    expect(SfuRequest.safeParse({ t: 'sfu.close', ref: 1, callId, what: 'router', id: 'r1' }).success).toBe(false);
  });
});
