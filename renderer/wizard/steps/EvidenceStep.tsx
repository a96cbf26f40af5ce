import { EVIDENCE_MAX, PHOTOS_PER_EVIDENCE_MAX } from '../../../shared/application.js';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { evidenceFields } from '../questions.js';
import { CameraDialog } from '../evidence/CameraDialog.js';
import { usePhotoShelf } from '../evidence/photoShelf.js';
import { FieldList } from '../fields/FieldList.js';
import { FieldError } from '../fields/FieldMessage.js';
import { translateErrorKey } from '../../i18n/index.js';
import { WizardFrame } from '../WizardFrame.js';
import { useWizard } from '../wizardView.js';

/** Evidence list: what each item is, what it proves, and photos of it taken by the kiosk camera. */
export function EvidenceStep() {
  const { t, i18n } = useTranslation();
  const { context, answer } = useWizard();
  const shelf = usePhotoShelf();
  const [cameraFor, setCameraFor] = useState<number | null>(null);
  const items = context.application.evidence ?? [];
  const err = (path: string) => (context.errors[path] ? translateErrorKey(i18n, context.errors[path]) : null);
  const submissionId = context.submissionId!;

  const addPhoto = async (index: number, jpeg: Blob) => {
    const sha = await shelf.add(submissionId, jpeg);
    if (!sha) return false;
    const photos = items[index]?.photos ?? [];
    if (!photos.includes(sha)) answer(`evidence.${index}.photos`, [...photos, sha]);
    return true;
  };
  const removePhoto = (index: number, sha: string) => {
    answer(
      `evidence.${index}.photos`,
      (items[index]?.photos ?? []).filter((p) => p !== sha),
    );
    void shelf.remove(submissionId, sha);
  };
  const removeItem = (index: number) => {
    for (const sha of items[index]?.photos ?? []) void shelf.remove(submissionId, sha);
    answer(
      'evidence',
      items.filter((_, i) => i !== index),
    );
  };

  return (
    <WizardFrame step="evidence" title={t('steps.evidence.title')} intro={t('steps.evidence.intro')}>
      {items.length === 0 && <p className="empty-note">{t('steps.evidence.none')}</p>}
      {items.map((item, i) => (
        <section key={i} className="item-card" aria-labelledby={`evidence-${i}-title`} data-testid={`evidence-${i}`}>
          <header className="item-card-header">
            <h2 id={`evidence-${i}-title`} className="item-card-title">
              {t('steps.evidence.item', { number: i + 1 })}
            </h2>
            <button type="button" className="button button-secondary" data-testid={`remove-evidence-${i}`} onClick={() => removeItem(i)}>
              {t('steps.evidence.remove')}
            </button>
          </header>
          <div className="form-grid">
            <FieldList specs={evidenceFields} base={`evidence.${i}`} answers={item} application={context.application} errors={context.errors} onAnswer={answer} />
          </div>
          <div className="photo-strip" data-testid={`evidence-${i}-photos`}>
            {(item.photos ?? []).map((sha, n) => {
              const url = shelf.url(sha);
              return (
                <figure key={sha} className="photo-thumb">
                  {url ? <img src={url} alt={t('steps.evidence.photoAlt', { number: n + 1 })} /> : <span className="photo-kept">{t('steps.evidence.photoKept', { number: n + 1 })}</span>}
                  <button type="button" className="button button-secondary photo-remove" data-testid={`remove-photo-${i}-${n}`} onClick={() => removePhoto(i, sha)}>
                    {t('steps.evidence.removePhoto')}
                  </button>
                </figure>
              );
            })}
            {(item.photos ?? []).length < PHOTOS_PER_EVIDENCE_MAX && (
              <button type="button" className="button button-secondary button-camera" data-testid={`photo-${i}`} onClick={() => setCameraFor(i)}>
                {t('steps.evidence.takePhoto')}
              </button>
            )}
          </div>
          <FieldError path={`evidence.${i}.photos`} message={err(`evidence.${i}.photos`)} />
        </section>
      ))}
      <FieldError path="evidence" message={err('evidence')} />
      {items.length < EVIDENCE_MAX && (
        <button type="button" className="button button-secondary button-add" data-testid="add-evidence" onClick={() => answer('evidence', [...items, { photos: [] }])}>
          {t('steps.evidence.add')}
        </button>
      )}
      {cameraFor !== null && <CameraDialog title={t('camera.title', { number: cameraFor + 1 })} onCapture={(jpeg) => addPhoto(cameraFor, jpeg)} onClose={() => setCameraFor(null)} />}
    </WizardFrame>
  );
}
