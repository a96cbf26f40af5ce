import { dump } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { checkRelease } from '../../server/updates/releaseCheck.js';
import { compareVersions, offeredVersion, releaseForTerminal, rolloutBucket, type Rollout } from '../../shared/updates/release.js';

// The rollout rule and the release check, on their own.

const everyone: Rollout = { kind: 'percentage', percent: 100 };
const t = { terminalId: 'kiosk-1', siteId: 'site-a' };

describe('the rollout rule', () => {
  it('orders versions as semver does for ours', () => {
    expect(['1.10.0', '1.2.0', '1.2.0-beta.1', '0.9.9'].sort(compareVersions)).toEqual(['0.9.9', '1.2.0-beta.1', '1.2.0', '1.10.0']);
  });

  it('spreads terminals over the percentage buckets, fixed per terminal and release', () => {
    const buckets = Array.from({ length: 1000 }, (_, i) => rolloutBucket(`kiosk-${i}`, '1.2.0'));
    const under10 = buckets.filter((b) => b < 10).length;
    expect(under10).toBeGreaterThan(50);
    expect(under10).toBeLessThan(150);
    expect(rolloutBucket('kiosk-7', '1.2.0')).toBe(buckets[7]);
  });

  it('offers the newest release a terminal is in, never a failed one, and never moves a terminal outside every rollout', () => {
    const releases = [
      { version: '1.1.0', rollout: everyone },
      { version: '1.2.0', rollout: { kind: 'sites', siteIds: ['site-a'] } as Rollout },
      { version: '1.3.0', rollout: { kind: 'sites', siteIds: ['site-b'] } as Rollout },
    ];
    expect(releaseForTerminal(releases, t, new Set())?.version).toBe('1.2.0');
    expect(offeredVersion(releases, t, '1.0.0', new Set())).toBe('1.2.0');
    expect(offeredVersion(releases, { terminalId: 'k', siteId: null }, '1.0.0', new Set())).toBe('1.1.0');
    expect(offeredVersion(releases, t, '1.2.0', new Set(['1.2.0']))).toBe('1.1.0'); // the way back
    expect(offeredVersion(releases, t, '2.0.0', new Set())).toBe('2.0.0'); // ahead of every rollout: stays
    expect(offeredVersion([], t, '1.0.0', new Set())).toBe('1.0.0');
    expect(offeredVersion([{ version: '1.1.0', rollout: { kind: 'percentage', percent: 0 } }], t, null, new Set())).toBeNull();
  });
});

describe('the release check', () => {
  const file = { name: 'Kiosk-1.0.0.AppImage', sha512: `${'A'.repeat(86)}==`, size: 10 };
  const yml = (over: Record<string, unknown> = {}) =>
    dump({ version: '1.0.0', files: [{ url: file.name, sha512: file.sha512, size: 10 }], path: file.name, sha512: file.sha512, releaseDate: '2026-12-05', ...over });

  it('takes files that match their yml, blockmaps beside them', () => {
    const r = checkRelease([{ name: 'latest-linux.yml', text: yml() }], [file, { name: `${file.name}.blockmap`, sha512: 'x', size: 3 }]);
    expect(r).toMatchObject({
      ok: true,
      version: '1.0.0',
      files: [
        { name: file.name, sha512: file.sha512 },
        { name: `${file.name}.blockmap`, sha512: null },
      ],
    });
  });

  it('says what is wrong', () => {
    const problems = (c: Parameters<typeof checkRelease>[0], f: Parameters<typeof checkRelease>[1]) => {
      const r = checkRelease(c, f);
      return r.ok ? [] : r.problems;
    };
    expect(problems([], [file])).toEqual([expect.stringContaining('no latest*.yml')]);
    expect(problems([{ name: 'latest.yml', text: 'version: [unclosed' }], [file])).toContain('latest.yml: not valid YAML');
    expect(problems([{ name: 'latest.yml', text: yml() }], [{ ...file, size: 11 }])).toEqual([`${file.name}: its sha512 or size differs from latest.yml`]);
    expect(problems([{ name: 'latest.yml', text: yml() }], [])).toEqual([`latest.yml names ${file.name}, which was not uploaded`]);
    expect(problems([{ name: 'latest.yml', text: yml() }], [file, { name: 'extra.bin', sha512: 'x', size: 1 }])).toEqual(['extra.bin: no yml names it']);
    expect(
      problems(
        [
          { name: 'latest.yml', text: yml() },
          { name: 'latest-linux.yml', text: yml({ version: '1.0.1' }) },
        ],
        [file],
      ),
    ).toEqual(['the yml files name different versions (1.0.0, 1.0.1)']);
    expect(problems([{ name: 'latest.yml', text: yml({ files: [{ url: '../x', sha512: file.sha512, size: 1 }] }) }], [])[0]).toContain('files[].url must be a plain file name');
  });
});
