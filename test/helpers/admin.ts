import request from 'supertest';
import type { Core } from '@strapi/strapi';

export const SUPER_ADMIN = {
  firstname: 'Ada',
  lastname: 'Admin',
  email: 'admin@example.com',
  password: 'Passw0rdPassw0rd',
};

/** Registers the first (super) admin and returns its JWT. */
export async function registerSuperAdmin(strapi: Core.Strapi): Promise<string> {
  const res = await request(strapi.server.httpServer)
    .post('/admin/register-admin')
    .send(SUPER_ADMIN);
  if (res.status !== 200)
    throw new Error(`register-admin answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.data.token as string;
}

/** Creates an admin with the given role code (e.g. strapi-author) and returns its JWT. */
export async function adminWithRole(
  strapi: Core.Strapi,
  roleCode: string,
  email: string
): Promise<{ token: string; roleId: number }> {
  const role = await strapi.db.query('admin::role').findOne({ where: { code: roleCode } });
  await strapi.service('admin::user').create({
    email,
    firstname: 'T',
    lastname: 'User',
    password: SUPER_ADMIN.password,
    isActive: true,
    roles: [role.id],
  });
  const login = await request(strapi.server.httpServer)
    .post('/admin/login')
    .send({ email, password: SUPER_ADMIN.password });
  if (login.status !== 200) throw new Error(`login answered ${login.status}`);
  return { token: login.body.data.token as string, roleId: role.id };
}

/** A full-access API token for the Content API. */
export async function fullAccessApiToken(strapi: Core.Strapi): Promise<string> {
  const token = await strapi
    .service('admin::api-token')
    .create({ name: `test-${Date.now()}`, type: 'full-access', lifespan: null, description: '' });
  return token.accessKey as string;
}
