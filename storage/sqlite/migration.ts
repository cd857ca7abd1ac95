/**
 * One schema step, as the migration lists (`migrations_*.ts`) declare them
 * and `migrations.ts` applies them. Apart from both so neither imports the other.
 *
 * @module
 */

/** One schema step. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}
