/** The record of every /v5 and upload request the emulator received, and how it was answered. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Lower-case names; `authorization` cut to its first 4 characters + '…'. */
  headers: Record<string, string>;
  /**
   * The parsed body (JSON/form), the raw text when unparseable, or for uploads the fields and file
   * size.
   */
  body: unknown;
  /**
   * The user whose valid access token the request carried (several accounts: which account
   * called); absent without one.
   */
  userId?: string;
  /** The status answered; null while in flight or when the connection was dropped. */
  status: number | null;
  /** ISO time on the emulator's clock. */
  time: string;
  /** The operationId the request matched, if any. */
  operationId?: string;
  /** The id of the fault rule applied, if any. */
  fault?: number;
  /**
   * Set when the emulator's own answer did not fit the spec's response schema (an emulator bug: the
   * known spec contradictions are let through in spec-exceptions.ts).
   */
  specMismatch?: string;
}

/** An answer of the emulator's own that broke the spec (what `specMismatches()` lists). */
export interface SpecMismatch {
  method: string;
  path: string;
  operationId: string;
  /** The status the handler meant to answer (strict mode sent a 500 instead). */
  status: number;
  problem: string;
  /** ISO time on the emulator's clock. */
  time: string;
}

export interface RequestFilter {
  path?: string | null;
  method?: string | null;
}

const globToRegExp = (glob: string) =>
  new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);

export function filterRequests(
  requests: readonly RecordedRequest[],
  f: RequestFilter
): RecordedRequest[] {
  const path = f.path ? globToRegExp(f.path) : null;
  const method = f.method?.toUpperCase();
  return requests.filter((r) => (!path || path.test(r.path)) && (!method || r.method === method));
}
