import { z } from 'zod';
import { EntityId } from '../cases/caseEvents.js';
import { PASSWORD_MAX_LENGTH } from '../staff/passwordStrength.js';
import { staffAbilities, staffRoles, type StaffAbility } from '../staff/roles.js';

// Staff sign-in and accounts through the court API. One sign-in for every door (console, counter,
// court systems' people); admins create accounts (the hub generates a first password that must be
// changed at the first sign-in), deactivate them, reset passwords, unlock them, and issue API
// tokens to service accounts (court systems reading cases).

export const Username = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{2,31}$/, { error: 'errors.username.format' });
const DisplayName = z.string().trim().max(100);
export const staffAbilityNames = Object.keys(staffAbilities) as [StaffAbility, ...StaffAbility[]];

export const SignInRequest = z.strictObject({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});

export const SessionInfo = z.object({
  username: z.string(),
  displayName: z.string(),
  role: z.enum(staffRoles),
  organisationId: z.string().nullable(),
  siteId: z.string().nullable(),
  mustChangePassword: z.boolean(),
  abilities: z.array(z.enum(staffAbilityNames)),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const PasswordChange = z.strictObject({
  currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  newPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});

export const staffKinds = ['person', 'service'] as const;

export const StaffAccountView = z.object({
  username: z.string(),
  displayName: z.string(),
  role: z.enum(staffRoles),
  kind: z.enum(staffKinds),
  organisationId: z.string().nullable(),
  siteId: z.string().nullable(),
  active: z.boolean(),
  mustChangePassword: z.boolean(),
  createdAt: z.string(),
  /** Set while failed sign-ins keep the account locked. */
  lockedUntil: z.string().nullable(),
});
export type StaffAccountView = z.infer<typeof StaffAccountView>;

/** Mediators belong to an organisation; counter staff to a site. */
function placeFits(a: { role?: string | undefined; organisationId?: string | null | undefined; siteId?: string | null | undefined }, ctx: z.RefinementCtx) {
  if (a.role === 'mediator' && !a.organisationId) ctx.addIssue({ code: 'custom', path: ['organisationId'], message: 'errors.organisationId.required' });
  if (a.role === 'counter_staff' && !a.siteId) ctx.addIssue({ code: 'custom', path: ['siteId'], message: 'errors.siteId.required' });
}

export const StaffCreate = z
  .strictObject({
    username: Username,
    displayName: DisplayName.default(''),
    role: z.enum(staffRoles),
    kind: z.enum(staffKinds).default('person'),
    organisationId: EntityId.nullable().optional(),
    siteId: EntityId.nullable().optional(),
  })
  .superRefine(placeFits);
export type StaffCreate = z.infer<typeof StaffCreate>;

/** The account and, for a person, the first password (shown once; it must be changed at first sign-in). */
export const StaffCreated = z.object({ account: StaffAccountView, initialPassword: z.string().nullable() });

export const StaffUpdate = z
  .strictObject({
    displayName: DisplayName.optional(),
    role: z.enum(staffRoles).optional(),
    organisationId: EntityId.nullable().optional(),
    siteId: EntityId.nullable().optional(),
    active: z.boolean().optional(),
  })
  .refine((u) => Object.keys(u).length > 0, { error: 'errors.update.empty' });
export type StaffUpdate = z.infer<typeof StaffUpdate>;

export const PasswordResetResult = z.object({ temporaryPassword: z.string() });

export const ApiTokenCreate = z.strictObject({
  label: z.string().trim().min(1).max(100),
  /** Days until it stops working; none: until revoked. */
  expiresInDays: z.int().min(1).max(3650).optional(),
});

export const ApiTokenView = z.object({
  tokenId: z.string(),
  label: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiTokenView = z.infer<typeof ApiTokenView>;

/** The token itself is shown once; the hub keeps only its sha256. Send it as `Authorization: Bearer <token>`. */
export const ApiTokenIssued = ApiTokenView.extend({ token: z.string() });

export const StaffList = z.object({ staff: z.array(StaffAccountView) });
export const ApiTokenList = z.object({ tokens: z.array(ApiTokenView) });
