import { maskPhone } from '../../shared/masking.js';
import type { IntakeRecord } from './store.js';

// What lists and queues show of an intake (the console's list, the mediator's queue): who, how to
// reach them (masked), what kind of dispute, and what it is about.

export interface Summary {
  disputeType: string;
  applicantName: string;
  mobileMasked: string;
  description: string;
}

export function intakeSummary(intake: Pick<IntakeRecord, 'form'>): Summary {
  const { form } = intake;
  return { disputeType: form.disputeType, applicantName: form.applicantName, mobileMasked: maskPhone(form.mobile), description: form.description };
}
