import { cpus } from 'node:os';

// Where and how the hub runs the SFU (see server/README.md, "Multi-party calls (SFU)"):
//   HUB_SFU             off (default) | on      off: every call peer to peer (the mesh); on: rooms on the SFU
//                       (opt-in until the SFU's browser path and the join page's SFU client are proven end to end)
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
}

export const defaultWorkers = (): number => Math.max(1, Math.min(cpus().length, 2));

export function sfuOptions(partial: Partial<SfuOptions> = {}): SfuOptions {
  return { workers: defaultWorkers(), listenIp: '127.0.0.1', rtcMinPort: 40_000, rtcMaxPort: 49_999, ...partial };
}

/** The SFU's settings from the environment; null when it is switched off. */
export function sfuFromEnv(env: NodeJS.ProcessEnv): SfuOptions | null {
  const on = env.HUB_SFU ?? 'off';
  if (on === 'off') return null;
  if (on !== 'on') throw new Error('HUB_SFU must be "on" or "off"');
  const workers = env.HUB_SFU_WORKERS ? Number(env.HUB_SFU_WORKERS) : defaultWorkers();
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) throw new Error('HUB_SFU_WORKERS must be a whole number from 1 to 64');
  const ports = /^(\d+)-(\d+)$/.exec(env.HUB_SFU_PORTS ?? '40000-49999');
  const [min, max] = ports ? [Number(ports[1]), Number(ports[2])] : [NaN, NaN];
  if (!(min >= 1024 && max <= 65_535 && min < max)) throw new Error('HUB_SFU_PORTS must be "min-max" within 1024-65535');
  return sfuOptions({ workers, listenIp: env.HUB_SFU_LISTEN_IP || '127.0.0.1', announcedIp: env.HUB_SFU_ANNOUNCED_IP || undefined, rtcMinPort: min, rtcMaxPort: max });
}
