import { z } from 'zod';
import { Sha256Hex } from './attachment.js';
import { COURT_UTC_OFFSET_MINUTES } from './courtTime.js';
import { HUB_API } from './hubProtocol.js';
import { isClockTime, isLocalDate } from './schedule.js';

// The legal-education (普法) playlist: what the hub publishes, what the kiosk agent caches and
// hands the renderer, and the proof-of-play records that flow back. Media files are named by
// the sha256 of their bytes everywhere; a file is only ever played after its hash was checked.

export const playlistPaths = {
  /** GET (terminal credential): the manifest, with ETag / If-None-Match. */
  manifest: `${HUB_API}/playlist`,
  /** GET …/<sha256> (terminal credential): a media file, with Range and ETag. */
  media: `${HUB_API}/media`,
  /** POST (terminal credential): a batch of proof-of-play records, idempotent by playId. */
  plays: `${HUB_API}/plays`,
} as const;

export const playlistMimeTypes = ['video/mp4', 'video/webm', 'image/png', 'image/jpeg'] as const;
export const PlaylistMimeType = z.enum(playlistMimeTypes);
export type PlaylistMimeType = z.infer<typeof PlaylistMimeType>;

export const mediaExtensions: Record<PlaylistMimeType, string> = {
  'video/mp4': 'mp4',
  'video/webm': 'webm',
  'image/png': 'png',
  'image/jpeg': 'jpg',
};
export const isVideo = (mime: PlaylistMimeType): boolean => mime.startsWith('video/');

/** Largest files the hub accepts (and the agent downloads). */
export const MAX_VIDEO_BYTES = 200 * 1024 * 1024;
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;
export const maxBytesFor = (mime: PlaylistMimeType): number => (isVideo(mime) ? MAX_VIDEO_BYTES : MAX_IMAGE_BYTES);

/** How long an image stays up unless the item says otherwise, and the bounds of any duration. */
export const DEFAULT_IMAGE_MS = 10_000;
export const MIN_ITEM_MS = 1_000;
export const MAX_ITEM_MS = 30 * 60_000;
export const MAX_PLAYLIST_ITEMS = 200;

export const ItemId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'errors.playlist.itemId' });
export const ClockTime = z.string().refine(isClockTime, { error: 'errors.playlist.time' });
export const LocalDate = z.string().refine(isLocalDate, { error: 'errors.playlist.date' });

export const DailyWindow = z
  .strictObject({ start: ClockTime, end: ClockTime })
  .refine((w) => w.start !== '24:00', { error: 'errors.playlist.time', path: ['start'] })
  .refine((w) => w.start !== w.end && !(w.start === '00:00' && w.end === '24:00'), {
    error: 'errors.playlist.windowEmpty',
    path: ['end'],
  });

export const ItemSchedule = z
  .strictObject({
    startDate: LocalDate.nullable(),
    endDate: LocalDate.nullable(),
    weekdays: z
      .array(z.number().int().min(1).max(7))
      .min(1, { error: 'errors.playlist.weekdays' })
      .max(7)
      .refine((d) => new Set(d).size === d.length, { error: 'errors.playlist.weekdays' }),
    window: DailyWindow.nullable(),
  })
  .refine((s) => s.startDate === null || s.endDate === null || s.startDate <= s.endDate, {
    error: 'errors.playlist.dateRange',
    path: ['endDate'],
  });
export type ItemSchedule = z.infer<typeof ItemSchedule>;

export const Level = z.number().min(0).max(1);
export const VolumeSchedule = z.strictObject({
  level: Level,
  windows: z.array(z.strictObject({ start: ClockTime, end: ClockTime, level: Level })).max(12),
});
export type VolumeSchedule = z.infer<typeof VolumeSchedule>;

export const PlaylistSettings = z.strictObject({
  /** Untouched seconds on the home screen before the loop starts. */
  attractAfterSeconds: z.number().int().min(10).max(3600),
  volume: VolumeSchedule,
  /** The court's UTC offset for schedules (China: +480). */
  utcOffsetMinutes: z.number().int().min(-720).max(840),
});
export type PlaylistSettings = z.infer<typeof PlaylistSettings>;

export const DEFAULT_SETTINGS: PlaylistSettings = {
  attractAfterSeconds: 60,
  volume: { level: 0.6, windows: [{ start: '21:00', end: '08:00', level: 0 }] },
  utcOffsetMinutes: COURT_UTC_OFFSET_MINUTES,
};

const playlistItemFields = {
  id: ItemId,
  /** Caption in Chinese (always shown). */
  title: z.string().trim().min(1).max(80),
  /** English caption under it; '' for none. */
  titleEn: z.string().trim().max(120),
  mimeType: PlaylistMimeType,
  sha256: Sha256Hex,
  size: z.number().int().positive(),
  /** Images: how long to show. Videos: null (their own length) or a cap. */
  durationMs: z.number().int().min(MIN_ITEM_MS).max(MAX_ITEM_MS).nullable(),
  order: z.number().int().min(-1_000_000).max(1_000_000),
  muted: z.boolean(),
  schedule: ItemSchedule,
};
const withinSize = (i: { size: number; mimeType: PlaylistMimeType }) => i.size <= maxBytesFor(i.mimeType);
export const PlaylistItem = z.strictObject(playlistItemFields).refine(withinSize, { error: 'errors.playlist.tooLarge', path: ['size'] });
export type PlaylistItem = z.infer<typeof PlaylistItem>;

export const PlaylistManifest = z.strictObject({
  /** Changes whenever anything in the manifest changes (also the HTTP ETag). */
  version: z.string().min(1).max(100),
  items: z.array(PlaylistItem).max(MAX_PLAYLIST_ITEMS),
  settings: PlaylistSettings,
});
export type PlaylistManifest = z.infer<typeof PlaylistManifest>;

/**
 * The default content shipped in assets/playlist/ (playlist.json beside the files): the hub
 * seeds its playlist with it on first start, and a kiosk that never reached the hub plays it.
 */
export const BundledPlaylist = z.strictObject({
  version: z.string().min(1).max(100),
  settings: PlaylistSettings,
  items: z.array(z.strictObject({ ...playlistItemFields, file: z.string().regex(/^[a-z0-9][a-z0-9-]*\.(?:mp4|webm|png|jpg)$/) }).refine(withinSize)).max(MAX_PLAYLIST_ITEMS),
});
export type BundledPlaylist = z.infer<typeof BundledPlaylist>;
export const BUNDLED_MANIFEST_FILE = 'playlist.json';

// --- proof of play -------------------------------------------------------------------------

export const playOutcomes = ['completed', 'skipped'] as const;
/**
 * Why a play was skipped: the resident touched the screen (`interrupted`), the media failed to
 * load or decode (`error`), it made no progress for 5 s (`stalled`), or its bytes did not match
 * the manifest's sha256 and it was never played (`corrupt`).
 */
export const skipReasons = ['interrupted', 'error', 'stalled', 'corrupt'] as const;
export type SkipReason = (typeof skipReasons)[number];
/** Failures reported once per item and file, not once per loop. */
export const faultReasons: readonly SkipReason[] = ['error', 'stalled', 'corrupt'];

export const PlayRecord = z
  .strictObject({
    /** Client-generated UUID: the hub's idempotency key. */
    playId: z.uuid(),
    itemId: ItemId,
    sha256: Sha256Hex,
    startedAt: z.iso.datetime(),
    endedAt: z.iso.datetime(),
    outcome: z.enum(playOutcomes),
    reason: z.enum(skipReasons).nullable(),
  })
  .refine((p) => (p.outcome === 'completed') === (p.reason === null), { error: 'errors.playlist.reason', path: ['reason'] })
  .refine((p) => Date.parse(p.endedAt) >= Date.parse(p.startedAt), { error: 'errors.playlist.endedAt', path: ['endedAt'] });
export type PlayRecord = z.infer<typeof PlayRecord>;

export const MAX_PLAYS_PER_BATCH = 200;
export const PlaysIngest = z.strictObject({ plays: z.array(PlayRecord).min(1).max(MAX_PLAYS_PER_BATCH) });
export type PlaysIngest = z.infer<typeof PlaysIngest>;
/** Every playId of the batch, whether new or already held (a resend is harmless). */
export const PlaysAck = z.object({ accepted: z.array(z.uuid()) });
export type PlaysAck = z.infer<typeof PlaysAck>;

// --- renderer ↔ agent ----------------------------------------------------------------------

/** A playable item: its file is verified in the kiosk's cache and served at `mediaUrl`. */
export const AttractItem = z.strictObject({
  id: ItemId,
  title: z.string(),
  titleEn: z.string(),
  mimeType: PlaylistMimeType,
  sha256: Sha256Hex,
  durationMs: z.number().int().positive().nullable(),
  order: z.number().int(),
  muted: z.boolean(),
  schedule: ItemSchedule,
  /** Same-origin path of the verified file (`/media/<sha256>.<ext>`), in both hosts. */
  mediaUrl: z.string().regex(/^\/media\/[0-9a-f]{64}\.(?:mp4|webm|png|jpg)$/),
});
export type AttractItem = z.infer<typeof AttractItem>;

export const AttractPlaylist = z.strictObject({
  version: z.string(),
  /** 'hub': the court's playlist; 'bundled': the defaults shipped with the app (never reached the hub). */
  source: z.enum(['hub', 'bundled']),
  items: z.array(AttractItem),
  settings: PlaylistSettings,
});
export type AttractPlaylist = z.infer<typeof AttractPlaylist>;

/** What the renderer reports after each play; the agent adds the terminal and queues it. */
export const PlayReport = PlayRecord;
export type PlayReport = PlayRecord;

export const PlaylistChanged = z.strictObject({ version: z.string() });

/** `/media/<sha256>.<ext>`: one name for a verified file in the cache, in URLs and on disk. */
export const mediaFileName = (sha256: string, mime: PlaylistMimeType): string => `${sha256}.${mediaExtensions[mime]}`;
export const mediaUrlPath = (sha256: string, mime: PlaylistMimeType): string => `/media/${mediaFileName(sha256, mime)}`;
