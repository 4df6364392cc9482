import type { DetectedCloud } from '../core/credentials/discovery';
import type { Cloud } from '../core/profile';
import type { StringKey } from './strings';

/** The label of a cloud, as the profile's serverauthority names it (core/profile.ts) or as discovery detects it. */
export const CLOUD_KEYS: Record<Cloud | DetectedCloud, StringKey> = {
    commercial: 'Cloud_Commercial',
    usGov: 'Cloud_UsGov',
    china: 'Cloud_China',
    automatic: 'Cloud_Automatic',
    unknown: 'Cloud_Unknown',
    gcc: 'Cloud_Gcc',
    gccHigh: 'Cloud_GccHigh',
    dod: 'Cloud_Dod',
    'usGov-unknown': 'Cloud_UsGov',
};
