import { z } from 'zod';

// The first message a parent sends the agent process: its configuration and the unwrapped data
// key. Sent by message, never argv or env, which other local users can read in /proc.

export const InitMessage = z.object({
  t: z.literal('init'),
  dataKey: z.string(), // base64; the parent got it from safeStorage or its key file
  options: z.object({
    dataDir: z.string(),
    hubUrl: z.string(),
    publicHubUrl: z.string().optional(),
    kind: z.enum(['electron', 'browser']),
    terminalId: z.string().optional(),
    terminalName: z.string().optional(),
    location: z.string().optional(),
    enrollmentCode: z.string().optional(),
    appVersion: z.string().optional(),
    healthIntervalMs: z.number().optional(),
  }),
});
export type InitMessage = z.infer<typeof InitMessage>;
