import { cpus } from 'node:os';

// Where and how the hub runs the SFU (see server/README.md, "Multi-party calls (SFU)"):
//   HUB_SFU             auto (default) | on | off
//                       auto: rooms on the SFU when a mediasoup worker starts, else one log line and
//                       every call peer to peer; on: the same, but the hub refuses to start without a
//                       worker (the operator asked for it); off: every call peer to peer (the mesh).
//   HUB_SFU_WORKERS     mediasoup workers (default: one per core, at most 2)
//   HUB_SFU_LISTEN_IP   the address WebRTC transports bind (default 127.0.0.1)
//   HUB_SFU_ANNOUNCED_IP the address clients are told to send to (a public or NAT address; default none)
//   HUB_SFU_PORTS       RTC port range "min-max" (default 40000-49999)

export interface SfuOptions {
  workers: number;
  listenIp: string;
  announcedIp?: string | undefined;
  rtcMinPort: number;
  rtcMaxPort: number;
  /** The worker binary to require (default mediasoup's own path, or MEDIASOUP_WORKER_BIN). */
  workerBin?: string | undefined;
  /** HUB_SFU=on: no worker is an error at start, not a fallback to peer to peer. */
  required?: boolean | undefined;
}

export const sfuModes = ['off', 'auto', 'on'] as const;
export type SfuMode = (typeof sfuModes)[number];

export const defaultWorkers = (): number => Math.max(1, Math.min(cpus().length, 2));

export function sfuOptions(partial: Partial<SfuOptions> = {}): SfuOptions {
  return { workers: defaultWorkers(), listenIp: '127.0.0.1', rtcMinPort: 40_000, rtcMaxPort: 49_999, ...partial };
}

/** The SFU's settings from the environment; null when it is switched off. */
export function sfuFromEnv(env: NodeJS.ProcessEnv): SfuOptions | null {
  const mode = (env.HUB_SFU || 'auto') as SfuMode;
  if (!sfuModes.includes(mode)) throw new Error('HUB_SFU must be "auto", "on" or "off"');
  if (mode === 'off') return null;
  const workers = env.HUB_SFU_WORKERS ? Number(env.HUB_SFU_WORKERS) : defaultWorkers();
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) throw new Error('HUB_SFU_WORKERS must be a whole number from 1 to 64');
  const ports = /^(\d+)-(\d+)$/.exec(env.HUB_SFU_PORTS ?? '40000-49999');
  const [min, max] = ports ? [Number(ports[1]), Number(ports[2])] : [NaN, NaN];
  if (!(min >= 1024 && max <= 65_535 && min < max)) throw new Error('HUB_SFU_PORTS must be "min-max" within 1024-65535');
  return sfuOptions({
    workers,
    listenIp: env.HUB_SFU_LISTEN_IP || '127.0.0.1',
    announcedIp: env.HUB_SFU_ANNOUNCED_IP || undefined,
    rtcMinPort: min,
    rtcMaxPort: max,
    ...(mode === 'on' ? { required: true } : {}),
  });
}
