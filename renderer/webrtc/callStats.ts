// What the admin screen and the end-to-end tests read of a call's media: one reading of a
// connection's stats report (a peer link's RTCPeerConnection or an SFU transport), summed over
// every connection of the call by RoomLinks and SfuLink alike.

export interface CallStats {
  framesDecoded: number;
  framesEncoded: number;
  audioPacketsReceived: number;
  connectionState: string;
  localCandidateType: string | null;
  remoteCandidateType: string | null;
}

export const noCallStats = (connectionState = 'new'): CallStats => ({
  framesDecoded: 0,
  framesEncoded: 0,
  audioPacketsReceived: 0,
  connectionState,
  localCandidateType: null,
  remoteCandidateType: null,
});

/** Adds one connection's `report` to `out`; `path`: its selected candidate pair is the one shown. */
export function addStats(out: CallStats, report: { forEach(f: (s: Record<string, unknown>) => void): void }, path: boolean): void {
  const byId = new Map<string, Record<string, unknown>>();
  report.forEach((s) => byId.set(String(s.id), s));
  for (const s of byId.values()) {
    if (s.type === 'inbound-rtp' && s.kind === 'video') out.framesDecoded += Number(s.framesDecoded ?? 0);
    if (s.type === 'inbound-rtp' && s.kind === 'audio') out.audioPacketsReceived += Number(s.packetsReceived ?? 0);
    if (s.type === 'outbound-rtp' && s.kind === 'video') out.framesEncoded += Number(s.framesEncoded ?? 0);
    if (path && s.type === 'transport' && typeof s.selectedCandidatePairId === 'string') {
      const pair = byId.get(s.selectedCandidatePairId);
      const candidateType = (id: unknown) => {
        const type = byId.get(String(id))?.candidateType;
        return typeof type === 'string' && type !== '' ? type : null;
      };
      out.localCandidateType = candidateType(pair?.localCandidateId);
      out.remoteCandidateType = candidateType(pair?.remoteCandidateId);
    }
  }
}
