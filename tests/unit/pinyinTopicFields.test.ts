import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { disputeTypes } from '../../shared/disputeTypes.js';
import { topicFor } from '../../renderer/keyboard/usePinyin.js';
import * as questions from '../../renderer/wizard/questions.js';
import type { FieldKind, FieldSpec } from '../../renderer/wizard/questions.js';

// Which fields the keyboard ranks in the filing's dispute type (usePinyin's topicFor): the dispute's
// own narrative only, never an answer that names or identifies someone or says something personal.

const root = join(fileURLToPath(import.meta.url), '..', '..', '..');
const isSpec = (x: unknown): x is FieldSpec => typeof x === 'object' && x !== null && 'key' in x && 'kind' in x;
const isSpecs = (x: unknown): x is FieldSpec[] => Array.isArray(x) && x.length > 0 && x.every(isSpec);

/** Every field questions.ts declares, as "export.key" (a type's questions as "typeQuestions.<type>.key"). */
const everyField: [string, FieldSpec][] = [];
for (const [name, value] of Object.entries(questions)) {
  if (isSpecs(value)) for (const spec of value) everyField.push([`${name}.${spec.key}`, spec]);
  else if (typeof value === 'object' && value !== null && !Array.isArray(value))
    for (const [group, specs] of Object.entries(value)) if (isSpecs(specs)) for (const spec of specs) everyField.push([`${name}.${group}.${spec.key}`, spec]);
}
for (const type of disputeTypes) for (const spec of questions.typeQuestionsFor(type)) everyField.push([`typeQuestionsFor(${type}).${spec.key}`, spec]);

describe("the dispute type as the keyboard's context", () => {
  it('goes to no field questions.ts declares: no name, ID, phone, address, organisation name or accessibility note', () => {
    // The enumeration reaches the fields the review named, and the type's own questions.
    const names = new Set(everyField.map(([name]) => name));
    for (const name of ['organisationIdentity.name', 'processFields.accessibilityNote', 'personContact.address', 'respondentFields.name', 'evidenceFields.proves', 'typeQuestions.family.relationship'])
      expect(names, name).toContain(name);
    for (const type of disputeTypes) {
      const given = everyField.filter(([, spec]) => topicFor(spec.kind, type) !== null).map(([name]) => name);
      expect(given, type).toEqual([]);
    }
  });

  it('goes to the multiline fields only, whatever their kind is named', () => {
    // Every kind listed (the compiler insists on a new one): true where the type is given.
    const given: Record<FieldKind, boolean> = {
      text: false,
      name: false,
      partyName: false,
      multiline: true,
      address: false,
      mobile: false,
      phone: false,
      id: false,
      code: false,
      reference: false,
      date: false,
      amount: false,
      rate: false,
      count: false,
      choice: false,
      multi: false,
      yesno: false,
      ethnicity: false,
    };
    for (const [kind, yes] of Object.entries(given) as [FieldKind, boolean][]) {
      expect(topicFor(kind, 'private_loan'), kind).toBe(yes ? 'private_loan' : null);
      expect(topicFor(kind, null), kind).toBeNull();
    }
  });

  it('the multiline fields are the facts and the claims', () => {
    // Where the wizard declares a multiline field (its steps render only what these declare).
    const declared: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (/\.tsx?$/.test(entry.name))
          for (const line of readFileSync(path, 'utf8').split('\n'))
            if (/kind: 'multiline'|kind="multiline"/.test(line)) declared.push(`${relative(root, path)}: ${/key: '(\w+)'/.exec(line)?.[1] ?? 'claims'}`);
      }
    };
    walk(join(root, 'renderer', 'wizard'));
    expect(declared.sort()).toEqual(['renderer/wizard/WizardScreens.tsx: facts', 'renderer/wizard/steps/ClaimsStep.tsx: claims']);
  });
});
