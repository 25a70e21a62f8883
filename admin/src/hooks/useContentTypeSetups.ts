import { useEffect, useRef, useState } from 'react';
import {
  contentTypeSetupInputSchema,
  type ContentTypeSetupDTO,
  type ContentTypeSetupInput,
} from '../../../common/content-types';
import type { ContentTypeSample } from '../api/content-type-setup-schemas';
import { isApiError, useApiErrorText, useApiQuery, usePinterestApi, type FieldError } from '../api';

/** Every content type of the app as Settings → Pinterest → Content types shows it. */
export function useContentTypeSetups() {
  const api = usePinterestApi();
  const errorText = useApiErrorText();
  const { data, error } = useApiQuery(api.listContentTypeSetups);
  return { contentTypes: data, error: error ? errorText(error) : null };
}

/** What the server refused, per field; `[]` when it refused nothing field by field. */
export const fieldErrorsOf = (e: unknown): FieldError[] => (isApiError(e) ? e.fieldErrors : []);

/** The choices' own problems (the shared schema), before asking the server. */
export function localProblems(input: ContentTypeSetupInput): FieldError[] {
  const parsed = contentTypeSetupInputSchema.safeParse(input);
  return parsed.success
    ? []
    : parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message }));
}

interface SampleState {
  sample: ContentTypeSample | null;
  /** Why the sample could not be made (the server refused the choices, or the request failed). */
  error: string | null;
  fieldErrors: FieldError[];
  /** The choices (serialised) this answer is for. */
  answers: string | null;
}

/**
 * The sample pin for a content type with the page's unsaved choices, asked again (debounced) as
 * they change; nothing is asked while the choices are incomplete.
 */
export function useSamplePin(uid: string, input: ContentTypeSetupInput | null, delayMs = 500) {
  const api = usePinterestApi();
  const errorText = useApiErrorText();
  const [state, setState] = useState<SampleState>({
    sample: null,
    error: null,
    fieldErrors: [],
    answers: null,
  });
  const serialised = input ? JSON.stringify(input) : null;
  const seq = useRef(0);

  useEffect(() => {
    const mine = ++seq.current;
    if (!serialised) return;
    const timer = setTimeout(() => {
      api.sampleContentTypeSetup(uid, JSON.parse(serialised) as ContentTypeSetupInput).then(
        (sample) => {
          if (mine === seq.current)
            setState({ sample, error: null, fieldErrors: [], answers: serialised });
        },
        (e: unknown) => {
          if (mine === seq.current)
            setState({
              sample: null,
              error: errorText(e),
              fieldErrors: fieldErrorsOf(e),
              answers: serialised,
            });
        }
      );
    }, delayMs);
    return () => clearTimeout(timer);
  }, [api, uid, serialised, delayMs, errorText]);

  return { ...state, loading: serialised !== null && state.answers !== serialised };
}

export type { ContentTypeSetupDTO, ContentTypeSetupInput };
