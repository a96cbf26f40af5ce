import type { SessionInfo } from '../../shared/courtApi/staff.js';
import type { Site } from '../../shared/courtApi/sites.js';
import { courtTime } from '../../shared/courtTime.js';
import type { ReleaseView, Rollout } from '../../shared/updates/release.js';
import { escapeHtml } from '../web/html.js';
import { consolePage } from './consoleShell.js';
import { words as w, type Speaker } from './consoleWords.js';

// The court admin's releases screen: the kiosk versions the hub holds, how far each is rolled out
// and how many terminals run it, an upload form (the files `npm run dist` wrote) and a rollout
// form per release. Forms only, no script.

export const releasePagePaths = {
  page: '/console/releases',
  rollout: '/console/releases/:version/rollout',
} as const;
export const rolloutPagePath = (version: string): string => releasePagePaths.rollout.replace(':version', encodeURIComponent(version));

const R = {
  releases: w('终端版本发布', 'Kiosk releases'),
  version: w('版本', 'Version'),
  uploaded: w('上传', 'Uploaded'),
  platforms: w('平台清单', 'Platform manifests'),
  files: w('文件', 'Files'),
  rollout: w('推送范围', 'Rollout'),
  running: w('运行中终端', 'Terminals running it'),
  failed: w('启动检查失败（已回退）', 'Failed start-up check (rolled back)'),
  none: w('尚无发布。', 'No release yet.'),
  upload: w('上传新版本', 'Upload a release'),
  uploadHint: w(
    '选择 npm run dist 生成的 latest*.yml 和安装包（可同时选择多个文件）；每个文件的 sha512 须与清单一致。',
    'Choose the latest*.yml files and installers npm run dist wrote (several at once); each file must match the sha512 its manifest names.',
  ),
  chooseFiles: w('文件', 'Files'),
  bySites: w('指定站点', 'These sites'),
  byPercent: w('按比例', 'A share of all terminals'),
  percent: w('比例（%，0 = 暂不推送）', 'Percent (0 holds it back)'),
  sites: w('站点', 'Sites'),
  save: w('保存推送范围', 'Save rollout'),
  send: w('上传', 'Upload'),
  uploadedOk: w('已上传并校验。', 'Uploaded and verified.'),
  savedOk: w('推送范围已保存。', 'Rollout saved.'),
};

export type ReleaseNotice = { kind: 'ok' | 'problem'; text: string } | null;

export function rolloutText(s: Speaker, rollout: Rollout, sites: readonly Site[]): string {
  if (rollout.kind === 'percentage') return `${s.say(R.byPercent)}: ${rollout.percent}%`;
  const names = rollout.siteIds.map((id) => sites.find((x) => x.siteId === id)?.name ?? id);
  return `${s.say(R.bySites)}: ${escapeHtml(names.join('、'))}`;
}

function rolloutFields(s: Speaker, idPrefix: string, sites: readonly Site[], current: Rollout | null): string {
  const percent = current?.kind === 'percentage' ? current.percent : 0;
  const chosen = new Set(current?.kind === 'sites' ? current.siteIds : []);
  const siteBoxes = sites
    .filter((x) => x.active)
    .map((x) => `<label class="check"><input type="checkbox" name="siteIds" value="${escapeHtml(x.siteId)}"${chosen.has(x.siteId) ? ' checked' : ''}> ${escapeHtml(x.name)}</label>`)
    .join('');
  return `<fieldset>
<legend>${s.say(R.rollout)}</legend>
<label class="check"><input type="radio" name="rollout" value="percentage"${current?.kind !== 'sites' ? ' checked' : ''}> ${s.say(R.byPercent)}</label>
<label for="${idPrefix}-percent">${s.say(R.percent)}</label><input id="${idPrefix}-percent" name="percent" type="number" min="0" max="100" step="1" value="${percent}">
<label class="check"><input type="radio" name="rollout" value="sites"${current?.kind === 'sites' ? ' checked' : ''}> ${s.say(R.bySites)}</label>
${siteBoxes}
</fieldset>`;
}

export function releasesPage(s: Speaker, who: SessionInfo, m: { releases: ReleaseView[]; sites: Site[]; notice: ReleaseNotice; problems?: string[] }): string {
  const notice = m.notice ? `<p class="alert ${m.notice.kind}" role="${m.notice.kind === 'problem' ? 'alert' : 'status'}">${escapeHtml(m.notice.text)}</p>` : '';
  const problems = m.problems?.length ? `<ul class="alert problem" role="alert">${m.problems.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul>` : '';
  const rows = m.releases
    .map((r, i) => {
      const files = r.files.map((f) => `${escapeHtml(f.name)} <small>(${Math.round(f.size / 1024)} KB)</small>`).join('<br>');
      return `<tr data-release="${escapeHtml(r.version)}">
<td>${escapeHtml(r.version)}</td>
<td>${escapeHtml(courtTime(r.uploadedAt, 'minute'))}<br><small>${escapeHtml(r.uploadedBy)}</small></td>
<td>${r.channels.map(escapeHtml).join('<br>')}</td>
<td>${files}</td>
<td>${rolloutText(s, r.rollout, m.sites)}</td>
<td>${r.running}</td>
<td>${r.failed}</td>
<td><form method="post" action="${escapeHtml(rolloutPagePath(r.version))}">${rolloutFields(s, `r${i}`, m.sites, r.rollout)}<button type="submit">${s.say(R.save)}</button></form></td>
</tr>`;
    })
    .join('\n');
  const table = m.releases.length
    ? `<table>
<thead><tr><th scope="col">${s.say(R.version)}</th><th scope="col">${s.say(R.uploaded)}</th><th scope="col">${s.say(R.platforms)}</th><th scope="col">${s.say(R.files)}</th><th scope="col">${s.say(R.rollout)}</th><th scope="col">${s.say(R.running)}</th><th scope="col">${s.say(R.failed)}</th><th scope="col"><span class="visually-hidden">${s.say(R.save)}</span></th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`
    : `<p>${s.say(R.none)}</p>`;
  const upload = `<form method="post" action="${releasePagePaths.page}" enctype="multipart/form-data">
<h3>${s.say(R.upload)}</h3>
<p>${s.say(R.uploadHint)}</p>
<label for="release-files">${s.say(R.chooseFiles)}</label><input id="release-files" name="file" type="file" multiple required>
${rolloutFields(s, 'new', m.sites, null)}
<button type="submit">${s.say(R.send)}</button>
</form>`;
  return consolePage(s, who, s.text(R.releases), `<h2>${s.say(R.releases)}</h2>\n${notice}${problems}\n${table}\n${upload}`, 'releases');
}

export const releaseNotices = { uploaded: R.uploadedOk, saved: R.savedOk };
