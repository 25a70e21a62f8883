import { useEffect, useRef } from 'react';
import { PLUGIN_ID } from '../pluginId';

/** Marks the plugin ready. (It renders before login, so it makes no API calls.) */
const Initializer = ({ setPlugin }: { setPlugin: (id: string) => void }) => {
  const ref = useRef(setPlugin);
  useEffect(() => {
    ref.current(PLUGIN_ID);
  }, []);
  return null;
};

export { Initializer };
