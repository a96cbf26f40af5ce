import { describe, expect, it } from 'vitest';
import { wallFleetNote } from '../../server/dashboard-app/wallFleet.js';

const none = { online: 0, degraded: 0, offline: 0, never_seen: 0 };

describe("the wall's line under the terminal tiles", () => {
  it('never says every terminal is online when nothing has reported', () => {
    expect(wallFleetNote(none, 0, 'zh')).toBe('尚无终端报到');
    expect(wallFleetNote({ ...none, never_seen: 5 }, 0, 'en')).toBe('No terminal has reported yet');
  });
  it('says all online only when no site is in trouble, and "the rest" when some are listed', () => {
    expect(wallFleetNote({ ...none, online: 4 }, 0, 'zh')).toBe('全部站点终端在线');
    expect(wallFleetNote({ ...none, online: 4, offline: 1 }, 1, 'en')).toBe('All other sites: every terminal online');
  });
  it('counts the sites beyond the tiles and the terminals that never reported', () => {
    expect(wallFleetNote({ ...none, online: 3, offline: 8 }, 8, 'en')).toBe('2 more sites need attention');
    expect(wallFleetNote({ ...none, online: 3, never_seen: 2 }, 0, 'zh')).toBe('全部站点终端在线；另有 2 台终端从未报到');
    // fewer tiles fit than the wall allows: the ones left off are counted, not lost
    expect(wallFleetNote({ ...none, online: 55, degraded: 3, offline: 2 }, 5, 'zh', 4)).toBe('另有 1 个站点需关注');
  });
});
