// Regenerates the default legal-education content in assets/playlist/ (committed, a few hundred
// KB): two short clips and one slide on 人民调解 / 诉前调解 / 司法确认, Chinese text with English
// captions, plus playlist.json with each file's sha256. Needs Debian's ffmpeg and fonts-noto-cjk:
//   node scripts/playlistAssets.mjs
// Not part of `npm run build`: the committed files are what ships, so builds need no ffmpeg.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const out = new URL('../assets/playlist/', import.meta.url).pathname;
const font = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
const bold = '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc';
const W = 960;
const H = 540;
const tmp = mkdtempSync(join(tmpdir(), 'playlist-assets-'));

const content = [
  {
    id: 'default-people-mediation',
    file: 'people-mediation.webm',
    seconds: 8,
    title: '人民调解',
    titleEn: "People's mediation",
    zh: ['人民调解委员会调解民间纠纷，不收取任何费用。', '达成的调解协议，具有法律约束力。'],
    en: ["People's mediation committees settle disputes free of charge.", 'An agreement reached in mediation is legally binding.'],
  },
  {
    id: 'default-pre-litigation',
    file: 'pre-litigation-mediation.webm',
    seconds: 8,
    title: '诉前调解',
    titleEn: 'Pre-litigation mediation',
    zh: ['起诉之前，法院可委派调解组织先行调解：', '省时、省钱、不伤和气。'],
    en: ['Before a case is filed, the court can refer it to mediators first:', 'faster, cheaper, and it keeps the peace.'],
  },
  {
    id: 'default-judicial-confirmation',
    file: 'judicial-confirmation.png',
    seconds: 10,
    title: '司法确认',
    titleEn: 'Judicial confirmation',
    zh: ['调解协议生效后三十日内，双方可共同申请法院司法确认；', '确认有效后一方不履行的，对方可申请强制执行。'],
    en: ['Within 30 days, both parties may ask the court to confirm the agreement;', 'once confirmed, it can be enforced if one side does not comply.'],
  },
];

/** drawtext reading its text from a file (no escaping of CJK punctuation needed). */
function text(name, value, { size, y, fontfile = font, color = 'white', fade = 0 }) {
  const file = join(tmp, `${name}.txt`);
  writeFileSync(file, value);
  const alpha = fade > 0 ? `:alpha='min(1,max(0,(t-${fade})/0.6))'` : '';
  return `drawtext=fontfile=${fontfile}:textfile=${file}:fontsize=${size}:fontcolor=${color}:x=(w-text_w)/2:y=${y}${alpha}`;
}

function filters(c, animated) {
  const f = [
    text(`${c.id}-kicker`, '普法小课堂 · Legal education', { size: 24, y: 40, color: '#cfe0f5' }),
    text(`${c.id}-title`, c.title, { size: 84, y: 110, fontfile: bold, fade: animated ? 0.1 : 0 }),
    text(`${c.id}-titleEn`, c.titleEn, { size: 32, y: 215, color: '#e3ecf6', fade: animated ? 0.3 : 0 }),
    ...c.zh.map((line, i) => text(`${c.id}-zh${i}`, line, { size: 32, y: 290 + i * 48, fade: animated ? 0.8 + i * 0.6 : 0 })),
    ...c.en.map((line, i) => text(`${c.id}-en${i}`, line, { size: 22, y: 395 + i * 32, color: '#e3ecf6', fade: animated ? 1.4 + i * 0.6 : 0 })),
    text(`${c.id}-footer`, '触摸屏幕即可申请调解 · Touch the screen to apply for mediation', { size: 22, y: H - 60, color: '#ffd479' }),
  ];
  return f.join(',');
}

for (const c of content) {
  const target = join(out, c.file);
  const background = `color=c=0x0b4a8b:s=${W}x${H}:r=30:d=${c.seconds}`;
  if (c.file.endsWith('.png')) {
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', background, '-vf', filters(c, false), '-frames:v', '1', '-pix_fmt', 'rgb24', target]);
  } else {
    // A progress bar slides in along the bottom, so the clip visibly moves (and shows the loop is alive).
    const bar = `color=c=0xffd479:s=${W}x6:r=30:d=${c.seconds}`;
    const graph = `[0:v]${filters(c, true)}[txt];[txt][1:v]overlay=x='-W+W*t/${c.seconds}':y=H-8:eval=frame[v]`;
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      background,
      '-f',
      'lavfi',
      '-i',
      bar,
      '-filter_complex',
      graph,
      '-map',
      '[v]',
      '-c:v',
      'libvpx-vp9',
      '-b:v',
      '0',
      '-crf',
      '45',
      '-row-mt',
      '1',
      '-deadline',
      'good',
      '-cpu-used',
      '4',
      '-pix_fmt',
      'yuv420p',
      '-an',
      target,
    ]);
  }
  c.bytes = readFileSync(target);
}

const items = content.map((c, i) => ({
  id: c.id,
  file: c.file,
  title: c.title,
  titleEn: c.titleEn,
  mimeType: c.file.endsWith('.png') ? 'image/png' : 'video/webm',
  sha256: createHash('sha256').update(c.bytes).digest('hex'),
  size: statSync(join(out, c.file)).size,
  durationMs: c.file.endsWith('.png') ? c.seconds * 1000 : null,
  order: (i + 1) * 10,
  muted: true,
  schedule: { startDate: null, endDate: null, weekdays: [1, 2, 3, 4, 5, 6, 7], window: null },
}));
const version = `bundled-${createHash('sha256')
  .update(items.map((i) => i.sha256).join())
  .digest('hex')
  .slice(0, 12)}`;
const playlist = {
  version,
  settings: { attractAfterSeconds: 60, volume: { level: 0.6, windows: [{ start: '21:00', end: '08:00', level: 0 }] }, utcOffsetMinutes: 480 },
  items,
};
writeFileSync(join(out, 'playlist.json'), `${JSON.stringify(playlist, null, 2)}\n`);
rmSync(tmp, { recursive: true, force: true });
for (const i of items) console.log(`${i.file}: ${i.size} bytes`);
