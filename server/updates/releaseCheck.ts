import { load } from 'js-yaml';
import { CHANNEL_FILE, ChannelManifest, RELEASE_FILE_NAME } from '../../shared/updates/release.js';

// What makes an upload a release (pure): every latest*.yml parses and names the same version, and
// every file a yml names was uploaded with exactly the sha512 and size the yml gives. Blockmaps
// (`<installer>.blockmap`, for differential downloads) may come along; nothing else may.

export interface ReceivedFile {
  name: string;
  sha512: string;
  size: number;
}

export interface ChannelText {
  name: string;
  text: string;
}

export type ReleaseCheck =
  { ok: true; version: string; channels: Array<{ file: string; yml: string }>; files: Array<{ name: string; sha512: string | null; size: number }> } | { ok: false; problems: string[] };

export const isChannelFile = (name: string): boolean => CHANNEL_FILE.test(name);

export function checkRelease(channels: readonly ChannelText[], files: readonly ReceivedFile[]): ReleaseCheck {
  const problems: string[] = [];
  if (channels.length === 0) return { ok: false, problems: ['no latest*.yml: upload the yml files npm run dist wrote beside the installers'] };
  const manifests: Array<{ file: string; manifest: ChannelManifest; yml: string }> = [];
  for (const c of channels) {
    let doc: unknown;
    try {
      doc = load(c.text);
    } catch {
      problems.push(`${c.name}: not valid YAML`);
      continue;
    }
    const parsed = ChannelManifest.safeParse(doc);
    if (!parsed.success) problems.push(...parsed.error.issues.map((i) => `${c.name}: ${i.path.join('.') || 'manifest'}: ${i.message}`));
    else manifests.push({ file: c.name, manifest: parsed.data, yml: c.text });
  }
  const versions = new Set(manifests.map((m) => m.manifest.version));
  if (versions.size > 1) problems.push(`the yml files name different versions (${[...versions].join(', ')})`);

  const byName = new Map(files.map((f) => [f.name, f]));
  const named = new Set<string>();
  for (const { file, manifest } of manifests) {
    for (const entry of manifest.files) {
      named.add(entry.url);
      const got = byName.get(entry.url);
      if (!got) problems.push(`${file} names ${entry.url}, which was not uploaded`);
      else if (got.sha512 !== entry.sha512 || got.size !== entry.size) problems.push(`${entry.url}: its sha512 or size differs from ${file}`);
    }
  }
  for (const f of files) {
    if (!RELEASE_FILE_NAME.test(f.name)) problems.push(`${f.name}: not a plain file name`);
    else if (!named.has(f.name) && !(f.name.endsWith('.blockmap') && named.has(f.name.slice(0, -'.blockmap'.length)))) problems.push(`${f.name}: no yml names it`);
  }
  if (problems.length > 0 || manifests.length === 0) return { ok: false, problems };
  return {
    ok: true,
    version: manifests[0]!.manifest.version,
    channels: manifests.map((m) => ({ file: m.file, yml: m.yml })),
    files: files.map((f) => ({ name: f.name, sha512: named.has(f.name) ? f.sha512 : null, size: f.size })),
  };
}
