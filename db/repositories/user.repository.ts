import { sql } from 'kysely';
import type { Db } from '../connection';
import type { NewUser, User } from '../database';

export async function findUserById(db: Db, id: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findUserByEmail(db: Db, email: string): Promise<User | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where(sql`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();
}

export async function findUserByExternalSubject(db: Db, subject: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('external_subject', '=', subject).executeTakeFirst();
}

/** Inserts a user; returns undefined when the email (case-insensitive) is taken. */
export async function insertUser(db: Db, user: NewUser): Promise<User | undefined> {
  return db
    .insertInto('users')
    .values(user)
    .onConflict((oc) => oc.expression(sql`lower(email)`).doNothing())
    .returningAll()
    .executeTakeFirst();
}
