/**
 * The Store port, categories: a workspace's topics with their example phrases. Names are unique per
 * workspace (adapters answer `ConflictError` `category_taken`).
 *
 * @module
 */
import type { Category } from "../categories/category.ts";

/** Workspace categories. */
export interface CategoryRepo {
  /** The workspace's categories by name. */
  list(workspaceId: string): Promise<Category[]>;
  get(workspaceId: string, id: string): Promise<Category | null>;
  insert(category: Category): Promise<void>;
  update(
    workspaceId: string,
    id: string,
    patch: Partial<Pick<Category, "name" | "description" | "examples" | "counterExamples">> & { updatedAt: Date },
  ): Promise<Category | null>;
  remove(workspaceId: string, id: string): Promise<boolean>;
}
