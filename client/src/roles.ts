/** The role catalogue (titles in zh and en), loaded once. */
import { useEffect, useState } from 'react';
import { graphql } from './graphql';
import { request } from './api';

const RolesDocument = graphql(`
  query Roles {
    roles { name zh en }
  }
`);

type Role = { name: string; zh: string; en: string };
let cache: Promise<Role[]> | null = null;

export function useRoleTitle(): (name: string | null | undefined, lang: 'zh' | 'en') => string {
  const [roles, setRoles] = useState<Role[]>([]);
  useEffect(() => {
    cache ??= request(RolesDocument).then((d) => d.roles).catch(() => ((cache = null), []));
    cache.then(setRoles);
  }, []);
  return (name, lang) => {
    if (!name) return '';
    const r = roles.find((x) => x.name === name);
    return r ? (lang === 'zh' ? r.zh : r.en) : name;
  };
}
