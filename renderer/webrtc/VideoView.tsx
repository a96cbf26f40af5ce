import { useEffect, useRef } from 'react';

/** A <video> showing a live MediaStream (srcObject cannot be set as a React prop). */
export function VideoView({ stream, muted, className, testId, label }: { stream: MediaStream | null; muted: boolean; className: string; testId: string; label: string }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const video = ref.current;
    if (!video || video.srcObject === stream) return;
    video.srcObject = stream;
    if (stream) void video.play().catch(() => undefined);
  }, [stream]);
  // Detach on unmount: a removed <video> still holding a live stream keeps a player (and, measured
  // on Chromium, can hold up the camera's frames for the next call's sender by seconds).
  useEffect(() => {
    const video = ref.current;
    return () => {
      if (video) video.srcObject = null;
    };
  }, []);
  // eslint-disable-next-line jsx-a11y/media-has-caption -- a live call has no caption track; the call screen shows its state in text
  return <video ref={ref} className={className} data-testid={testId} aria-label={label} autoPlay playsInline muted={muted} />;
}
