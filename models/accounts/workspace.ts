/**
 * Workspace: the tenant (the seed's `company`). Sign-up creates one; every
 * other record belongs to exactly one workspace and every query filters by it.
 *
 * @module
 */

/** A tenant. */
export interface Workspace {
  id: string;
  name: string;
  createdAt: Date;
  updatedAt: Date;
}
