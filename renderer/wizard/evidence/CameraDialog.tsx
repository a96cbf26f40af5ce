import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ModalDialog } from '../../ui/ModalDialog.js';

const MAX_WIDTH = 1600;

interface CameraDialogProps {
  title: string;
  /** Called with each JPEG taken; resolves when it is stored (or refused). */
  onCapture: (jpeg: Blob) => Promise<boolean>;
  onClose: () => void;
}

/**
 * The kiosk camera, live, with one big "take photo" button. The stream stops as soon as the
 * dialog closes (PIPL: the camera is on only while the resident is photographing a document).
 */
export function CameraDialog({ title, onCapture, onClose }: CameraDialogProps) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<'starting' | 'live' | 'saving' | 'failed'>(() => (navigator.mediaDevices ? 'starting' : 'failed'));
  const [taken, setTaken] = useState(0);
  const [saveFailed, setSaveFailed] = useState(false);

  useEffect(() => {
    let stream: MediaStream | null = null;
    let live = true;
    const preview = video.current;
    // "Take photo" is offered once the preview shows a frame: a stream without one yet (a busy
    // kiosk, a slow camera) has nothing to photograph, and a tap on it would be lost.
    const showing = () => {
      if (live && preview && preview.videoWidth > 0 && preview.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA) setState((s) => (s === 'starting' ? 'live' : s));
    };
    preview?.addEventListener('loadeddata', showing);
    preview?.addEventListener('playing', showing);
    navigator.mediaDevices
      ?.getUserMedia({ video: { width: { ideal: 1280 }, height: { ideal: 960 } }, audio: false })
      .then((s) => {
        if (!live) return s.getTracks().forEach((track) => track.stop());
        stream = s;
        if (preview) preview.srcObject = s;
        showing();
      })
      .catch(() => live && setState('failed'));
    return () => {
      live = false;
      preview?.removeEventListener('loadeddata', showing);
      preview?.removeEventListener('playing', showing);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, []);

  const capture = async () => {
    const v = video.current;
    if (!v || v.videoWidth === 0) return;
    const scale = Math.min(1, MAX_WIDTH / v.videoWidth);
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(v.videoWidth * scale);
    canvas.height = Math.round(v.videoHeight * scale);
    canvas.getContext('2d')?.drawImage(v, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
    if (!blob) return;
    setState('saving');
    const ok = await onCapture(blob);
    setSaveFailed(!ok);
    if (ok) setTaken((n) => n + 1);
    setState('live');
  };

  return (
    <ModalDialog labelledBy="camera-title" describedBy="camera-hint" testId="camera" tone="calm">
      <h2 id="camera-title" className="modal-title">
        {title}
      </h2>
      <p id="camera-hint" className="modal-body">
        {state === 'failed' ? t('camera.unavailable') : t('camera.hint')}
      </p>
      {state !== 'failed' && <video ref={video} className="camera-preview" autoPlay muted playsInline data-testid="camera-preview" />}
      <p className="camera-status" role="status" data-testid="camera-status">
        {saveFailed ? t('camera.saveFailed') : taken > 0 ? t('camera.taken', { count: taken }) : ''}
      </p>
      <div className="modal-actions">
        {state !== 'failed' && (
          <button type="button" className="button button-primary button-large" data-testid="camera-capture" disabled={state !== 'live'} onClick={() => void capture()}>
            {state === 'saving' ? t('camera.saving') : t('camera.capture')}
          </button>
        )}
        <button type="button" className="button button-secondary button-large" data-testid="camera-done" onClick={onClose}>
          {t('camera.done')}
        </button>
      </div>
    </ModalDialog>
  );
}
