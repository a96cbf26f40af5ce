import { execFile, execFileSync } from 'node:child_process';

// Cuts one participant's media path on this machine: an nftables table of its own drops UDP and
// TCP to and from the SFU worker's ports for that participant's transports, both ways, until it
// is deleted. Loopback traffic passes the output and the input hook, so both drop it. Needs root
// and `nft` (CI: .ci/run installs nftables and runs as root).

/** The media-cut test needs root and nft; without them it fails and says so (never skips). */
export function requireMediaCut(): void {
  if (process.getuid?.() !== 0) throw new Error('The media-cut test drops the SFU’s UDP/TCP with nftables: it must run as root (CI does)');
  try {
    execFileSync('nft', ['--version'], { stdio: 'ignore' });
  } catch {
    throw new Error('No `nft` on PATH: apt-get install nftables (CI: .ci/run does)');
  }
}

function nft(args: string[], input?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = execFile('nft', args, (error, _out, stderr) => (error ? reject(new Error(`nft ${args.join(' ')}: ${stderr || error.message}`)) : resolve()));
    if (input !== undefined) child.stdin!.end(input);
  });
}

/**
 * Deletes the tables of test processes that are gone. A run killed outright (SIGKILL, or a SIGTERM
 * to its process group) never reaches its exit handler, and its table outlives the SFU: once those
 * ports are free again, a later connection that takes one as its ephemeral source port is dropped —
 * a local hub test once waited 60 s for a connect that never came.
 */
function sweepOrphans(): void {
  let listing = '';
  try {
    listing = execFileSync('nft', ['list', 'tables'], { encoding: 'utf8' });
  } catch {
    return;
  }
  for (const [, table, pid] of listing.matchAll(/^table inet (roomcut-(\d+))$/gm)) {
    if (Number(pid) === process.pid || alive(Number(pid))) continue;
    try {
      execFileSync('nft', ['delete', 'table', 'inet', table!], { stdio: 'ignore' });
    } catch {
      // deleted meanwhile
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const STOPS: NodeJS.Signals[] = ['SIGTERM', 'SIGINT', 'SIGHUP'];

export interface MediaPorts {
  udp: number[];
  tcp: number[];
}

export class MediaCut {
  private active = false;
  // A table left behind by a crashed run would cut later tests' media: removed on exit at the latest,
  // and on the signals a stopped run gets (SIGKILL cannot be caught: sweepOrphans and .ci/run).
  private readonly onExit = (): void => this.deleteNow();
  private readonly onSignal = (signal: NodeJS.Signals): void => {
    this.deleteNow();
    this.detach();
    process.kill(process.pid, signal); // then end of it as the process would have without us
  };
  private constructor(readonly table: string) {}

  /** Drops every packet to and from `ports` until `heal()`. */
  static async start(ports: MediaPorts): Promise<MediaCut> {
    if (ports.udp.length === 0) throw new Error('No UDP port to cut: the participant has no transport on the SFU');
    const cut = new MediaCut(`roomcut-${process.pid}`);
    cut.deleteNow(); // one left by an earlier test of this process
    sweepOrphans();
    const set = (name: string, list: number[]) => `set ${name} { type inet_service; ${list.length ? `elements = { ${list.join(', ')} };` : ''} }`;
    const drops = 'udp sport @udpports drop; udp dport @udpports drop; tcp sport @tcpports drop; tcp dport @tcpports drop;';
    const script = `table inet ${cut.table} {
  ${set('udpports', ports.udp)}
  ${set('tcpports', ports.tcp)}
  chain cutin { type filter hook input priority -300; policy accept; ${drops} }
  chain cutout { type filter hook output priority -300; policy accept; ${drops} }
}
`;
    process.on('exit', cut.onExit);
    for (const signal of STOPS) process.once(signal, cut.onSignal);
    cut.active = true;
    await nft(['-f', '-'], script);
    return cut;
  }

  /** Deletes the table (safe to call again). */
  async heal(): Promise<void> {
    if (!this.active) return;
    this.active = false;
    this.detach();
    await nft(['delete', 'table', 'inet', this.table]).catch(() => this.deleteNow());
  }

  private detach(): void {
    process.off('exit', this.onExit);
    for (const signal of STOPS) process.off(signal, this.onSignal);
  }

  private deleteNow(): void {
    try {
      execFileSync('nft', ['delete', 'table', 'inet', this.table], { stdio: 'ignore' });
    } catch {
      // none there
    }
  }
}
