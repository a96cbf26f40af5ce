import { createContext, useContext } from 'react';
import type { KioskApi } from '../../../shared/contract.js';

// Evidence photos taken at the kiosk. The agent keeps the file (attachment.add, content-addressed
// by sha256, bound to the draft and wiped with it); the application only lists hashes. This shelf
// holds the blob URLs for thumbnails during the visit and revokes them all on a wipe.

export class PhotoShelf {
  private readonly urls = new Map<string, string>();

  constructor(private readonly api: Pick<KioskApi, 'call'>) {}

  /** Stores a JPEG with the agent; resolves to its sha256, or null when it could not be kept. */
  async add(submissionId: string, jpeg: Blob): Promise<string | null> {
    const dataBase64 = await toBase64(jpeg);
    const result = await this.api.call('attachment.add', { submissionId, mimeType: 'image/jpeg', dataBase64 });
    if (!result.ok) return null;
    const sha256 = result.value.sha256;
    if (!this.urls.has(sha256)) this.urls.set(sha256, URL.createObjectURL(jpeg));
    return sha256;
  }

  async remove(submissionId: string, sha256: string): Promise<void> {
    await this.api.call('attachment.remove', { submissionId, sha256 });
    const url = this.urls.get(sha256);
    if (url) URL.revokeObjectURL(url);
    this.urls.delete(sha256);
  }

  /** A thumbnail for a photo taken in this visit; after a reload only the agent has the file. */
  url(sha256: string): string | null {
    return this.urls.get(sha256) ?? null;
  }

  clear(): void {
    for (const url of this.urls.values()) URL.revokeObjectURL(url);
    this.urls.clear();
  }
}

async function toBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

export const PhotoShelfContext = createContext<PhotoShelf | null>(null);
export function usePhotoShelf(): PhotoShelf {
  const shelf = useContext(PhotoShelfContext);
  if (!shelf) throw new Error('usePhotoShelf outside the app');
  return shelf;
}
