import * as React from 'react';
import type { GetString } from '../strings';

/**
 * The strings to render with: the host's, or — while the control reads the user's language itself (src/pcf/strings.ts)
 * — undefined until that file arrives, then its strings. If the file cannot be read, the host's strings stay.
 */
export function useLoadedStrings(host: GetString, pending: Promise<GetString> | undefined): GetString | undefined {
    const [loaded, setLoaded] = React.useState<{ from: Promise<GetString>; getString: GetString | null }>();
    React.useEffect(() => {
        if (!pending) return undefined;
        let isCurrent = true;
        pending
            .then((getString) => isCurrent && setLoaded({ from: pending, getString }))
            .catch(() => isCurrent && setLoaded({ from: pending, getString: null }));
        return () => {
            isCurrent = false;
        };
    }, [pending]);
    if (!pending) return host;
    if (loaded?.from !== pending) return undefined;
    return loaded.getString ?? host;
}
