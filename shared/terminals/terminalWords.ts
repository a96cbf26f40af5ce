import type { Words } from '../cases/caseLabels.js';
import type { HelpReason } from './helpRequest.js';
import type { AlertKind, TerminalHealth } from './terminalHealth.js';

// A terminal's health and alerts in words, zh-CN and English: the dashboard's device view, the
// wall and the console's terminal list say them the same way; and why a kiosk asked for staff.

export const healthNames: Record<TerminalHealth, Words> = {
  online: { zh: '在线', en: 'Online' },
  degraded: { zh: '需处理', en: 'Needs attention' },
  offline: { zh: '离线', en: 'Offline' },
  never_seen: { zh: '未上报', en: 'Never reported' },
};
export const alertNames: Record<AlertKind, Words> = {
  offline: { zh: '离线', en: 'Offline' },
  outbox_stuck: { zh: '待发送队列积压', en: 'Outbox stuck' },
  printer_paper_out: { zh: '打印机缺纸', en: 'Printer out of paper' },
  media_cache_broken: { zh: '普法视频缓存损坏', en: 'Media cache broken' },
  camera_missing: { zh: '摄像头未连接', en: 'Camera missing' },
  camera_denied: { zh: '摄像头未获授权', en: 'Camera access denied' },
  camera_failed: { zh: '摄像头无法启动', en: 'Camera failed to start' },
  microphone_missing: { zh: '麦克风未连接', en: 'Microphone missing' },
  microphone_denied: { zh: '麦克风未获授权', en: 'Microphone access denied' },
  microphone_failed: { zh: '麦克风无法启动', en: 'Microphone failed to start' },
  printer_cover_open: { zh: '打印机机盖未关', en: 'Printer cover open' },
};

export const helpReasonNames: Record<HelpReason, Words> = {
  general: { zh: '需要协助', en: 'Asked for help' },
  rareCharacter: { zh: '名字里有字打不出来', en: 'A name character cannot be typed' },
};
