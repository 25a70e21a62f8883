/**
 * Which attributes of a content type may feed each part of a pin, and whether a mapping's paths
 * exist and fit: the settings page offers only compatible attributes (`candidatesFor`), a save is
 * refused with the path and the reason (`mappingProblems`), and start-up warns about a config
 * mapping that names what does not exist. Pure: reads schemas through `attributesOf`.
 */
import type { ContentTypeMapping } from '../config/schema';
import { linkPaths, sourceList, type AttributeInfo, type AttributesOf } from './entry-values';

/** The parts of a pin an attribute can feed. */
export type MappingRole = 'title' | 'description' | 'content' | 'media' | 'link' | 'placeholder';

const TEXT = ['string', 'text', 'uid', 'email', 'enumeration'];
const ROLE_TYPES: Record<MappingRole, readonly string[]> = {
  title: TEXT,
  description: [...TEXT, 'richtext', 'blocks'],
  content: ['string', 'text', 'richtext', 'blocks', 'dynamiczone', 'component'],
  media: ['media'],
  link: ['string', 'text', 'uid'],
  placeholder: ['string', 'text', 'uid', 'integer', 'biginteger', 'enumeration'],
};

/** Relation kinds with a single value (a path can go through them). */
const TO_ONE = new Set(['oneToOne', 'manyToOne']);

export interface SchemaAttribute extends AttributeInfo {
  repeatable?: boolean;
  relation?: string;
  multiple?: boolean;
  private?: boolean;
}

/** The attribute a path names, or why it names none. */
export function resolvePath(
  uid: string,
  path: string,
  attributesOf: AttributesOf
): { ok: true; attribute: SchemaAttribute } | { ok: false; reason: string } {
  const [root, child, ...rest] = path.split('.');
  if (rest.length) return { ok: false, reason: 'a path goes one level deep at most' };
  const attribute: SchemaAttribute | undefined = attributesOf(uid)?.[root];
  if (!attribute) return { ok: false, reason: `there is no attribute “${root}”` };
  if (!child) return { ok: true, attribute };
  let innerUid: string | undefined;
  if (attribute.type === 'component' && !attribute.repeatable) innerUid = attribute.component;
  else if (attribute.type === 'relation' && TO_ONE.has(attribute.relation ?? ''))
    innerUid = attribute.target;
  if (!innerUid)
    return {
      ok: false,
      reason: `“${root}” is not a single component or a to-one relation, so it has no one “${child}”`,
    };
  const inner: SchemaAttribute | undefined = attributesOf(innerUid)?.[child];
  if (!inner) return { ok: false, reason: `“${root}” has no field “${child}”` };
  return { ok: true, attribute: inner };
}

/** Whether an attribute can feed a role (a media field must hold one file, not several). */
export const fits = (role: MappingRole, attribute: SchemaAttribute): boolean =>
  ROLE_TYPES[role].includes(attribute.type) && !(attribute.type === 'media' && attribute.multiple);

export interface Candidate {
  path: string;
  type: string;
}

/** Every path of `uid` (its attributes, one level into components and to-one relations). */
function allPaths(uid: string, attributesOf: AttributesOf): Candidate[] {
  const out: Candidate[] = [];
  for (const [name, a] of Object.entries(attributesOf(uid) ?? {})) {
    const attribute = a as SchemaAttribute;
    if (attribute.private) continue;
    out.push({ path: name, type: attribute.type });
    const innerUid =
      attribute.type === 'component' && !attribute.repeatable
        ? attribute.component
        : attribute.type === 'relation' && TO_ONE.has(attribute.relation ?? '')
          ? attribute.target
          : undefined;
    if (!innerUid) continue;
    for (const [childName, c] of Object.entries(attributesOf(innerUid) ?? {})) {
      const child = c as SchemaAttribute;
      if (child.private || child.type === 'relation' || child.type === 'component') continue;
      out.push({ path: `${name}.${childName}`, type: child.type });
    }
  }
  return out;
}

/** The paths the settings page offers for each role. */
export function candidatesFor(
  uid: string,
  attributesOf: AttributesOf
): Record<MappingRole, Candidate[]> {
  const paths = allPaths(uid, attributesOf);
  const roles = Object.keys(ROLE_TYPES) as MappingRole[];
  return Object.fromEntries(
    roles.map((role) => [
      role,
      paths.filter((c) => {
        const resolved = resolvePath(uid, c.path, attributesOf);
        return resolved.ok && fits(role, resolved.attribute);
      }),
    ])
  ) as Record<MappingRole, Candidate[]>;
}

export interface MappingProblem {
  /** The mapping key (`title`, `linkPattern`…) */
  field: string;
  message: string;
}

/** What in a mapping names nothing, or something that cannot feed that part of the pin. */
export function mappingProblems(
  uid: string,
  mapping: Pick<
    ContentTypeMapping,
    'title' | 'description' | 'content' | 'media' | 'link' | 'linkPattern' | 'altText'
  > & { linkFromPreview?: boolean },
  attributesOf: AttributesOf
): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const check = (field: string, role: MappingRole, paths: string[]) => {
    for (const path of paths) {
      const resolved = resolvePath(uid, path, attributesOf);
      if (!resolved.ok) problems.push({ field, message: `“${path}”: ${resolved.reason}` });
      else if (!fits(role, resolved.attribute))
        problems.push({
          field,
          message: `“${path}” is a ${resolved.attribute.type} attribute, which cannot feed the pin's ${field}`,
        });
    }
  };
  check('title', 'title', sourceList(mapping.title));
  check('description', 'description', sourceList(mapping.description));
  check('content', 'content', sourceList(mapping.content));
  check('media', 'media', [mapping.media]);
  check('altText', 'title', sourceList(mapping.altText));
  // the app's preview names no attribute
  if (mapping.linkFromPreview) return problems;
  if (mapping.linkPattern)
    check('linkPattern', 'placeholder', linkPaths({ linkPattern: mapping.linkPattern }));
  else check('link', 'link', linkPaths({ link: mapping.link }));
  return problems;
}
