/**
 * Injected faults: a matching request is answered with an error, delayed, dropped, or (with
 * `after: 'handler'`) handled for real and then answered with the fault.
 */
export interface FaultRule {
  /** HTTP method to match (any when absent). */
  method?: string;
  /** Exact path, or a glob with `*` (e.g. `/v5/pins*`); any when absent. */
  path?: string;
  /** Answer with this status (500 when the rule answers and gives none). */
  status?: number;
  /** Answer with this JSON body (default: `{code, message}` for the status). */
  body?: Record<string, unknown>;
  headers?: Record<string, string>;
  /** Wait this long first (alone: a slow answer, e.g. longer than the client's timeout). */
  delayMs?: number;
  /** Apply N times, then drop the rule. */
  times?: number;
  /**
   * Apply to this share of matching requests (a seeded PRNG: the same run gives the same picks).
   */
  probability?: number;
  /** Run the real handler first (the write happens), then answer with the fault. */
  after?: 'handler';
  /** Drop the connection without an answer. */
  destroySocket?: boolean;
  /** A 429 code 8 whose message_detail says the request looks like spam. */
  spam?: boolean;
  /** On `GET /v5/media/{id}`: the upload's processing ends in this status (e.g. `failed`). */
  mediaStatus?: 'failed' | 'succeeded' | 'processing';
}

export interface ActiveFault extends FaultRule {
  id: number;
  applied: number;
}

/** Whether the rule replaces the answer (rather than only delaying it or changing media status). */
export const faultAnswers = (r: FaultRule) =>
  r.status !== undefined || r.body !== undefined || r.spam === true || r.destroySocket === true;

export function faultBody(r: FaultRule): {
  status: number;
  body: Record<string, unknown>;
  headers: Record<string, string>;
} {
  if (r.spam) {
    return {
      status: r.status ?? 429,
      body: r.body ?? {
        code: 8,
        message: 'Your request was blocked.',
        message_detail: 'This request was flagged as spam: too many similar Pins in a short time.',
      },
      headers: r.headers ?? {},
    };
  }
  const status = r.status ?? 500;
  const defaults: Record<number, Record<string, unknown>> = {
    401: { code: 2, message: 'Authentication failed.' },
    403: { code: 29, message: 'You are not permitted to access that resource.' },
    429: { code: 8, message: 'You have exceeded your rate limit. Try again later.' },
  };
  return {
    status,
    body: r.body ??
      defaults[status] ?? {
        code: status,
        message: 'Injected fault: the emulator was told to fail this request.',
      },
    headers: r.headers ?? {},
  };
}

const globToRegExp = (glob: string) =>
  new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);

export function createFaults(seed = 0x5eed) {
  let rules: ActiveFault[] = [];
  let nextId = 1;
  // mulberry32: a small deterministic PRNG so probabilistic faults repeat run to run
  let s = seed >>> 0;
  const random = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  return {
    add(rule: FaultRule): ActiveFault {
      if (rule.probability !== undefined && (rule.probability < 0 || rule.probability > 1))
        throw new Error('probability must be between 0 and 1');
      if (rule.times !== undefined && (!Number.isInteger(rule.times) || rule.times < 1))
        throw new Error('times must be a positive integer');
      const active: ActiveFault = { ...rule, id: nextId++, applied: 0 };
      rules.push(active);
      return active;
    },
    clear() {
      rules = [];
      s = seed >>> 0;
    },
    list: (): readonly ActiveFault[] => rules,
    /** The first rule that applies to this request, if any (counted as applied). */
    take(method: string, path: string): ActiveFault | null {
      for (const rule of rules) {
        if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) continue;
        if (rule.path && !globToRegExp(rule.path).test(path)) continue;
        if (rule.probability !== undefined && random() >= rule.probability) continue;
        rule.applied += 1;
        if (rule.times !== undefined && rule.applied >= rule.times)
          rules = rules.filter((r) => r !== rule);
        return rule;
      }
      return null;
    },
  };
}

export type Faults = ReturnType<typeof createFaults>;
