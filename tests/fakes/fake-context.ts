/** The one shared fake PCF context for unit tests (house style: one fake, not one per test). */
import type { IInputs } from '../../generated/ManifestTypes';

export type FakeContextOptions = {
    entityId?: string;
    disabled?: boolean;
    tenantId?: string | null;
    applicationId?: string | null;
    pauseAfterMinutes?: number | null;
};

/** getString returns "[[key]]" so tests can see which key was used without depending on resx text. */
export const fakeGetString = (key: string): string => `[[${key}]]`;

function stringProperty(raw: string | null): ComponentFramework.PropertyTypes.StringProperty {
    return {
        raw,
        formatted: raw ?? '',
        error: false,
        errorMessage: '',
        type: 'SingleLine.Text',
        attributes: undefined,
    } as unknown as ComponentFramework.PropertyTypes.StringProperty;
}

/** A typed Context<IInputs> with only what the control reads. */
export function createFakeContext(options: FakeContextOptions = {}): ComponentFramework.Context<IInputs> {
    const context = {
        parameters: {
            tenantId: stringProperty(options.tenantId ?? null),
            applicationId: stringProperty(options.applicationId ?? null),
            pauseAfterMinutes: { raw: options.pauseAfterMinutes ?? null },
        },
        mode: {
            isControlDisabled: options.disabled ?? false,
            isVisible: true,
            contextInfo: { entityId: options.entityId, entityTypeName: 'emailserverprofile' },
        },
        page: { entityId: options.entityId },
        resources: { getString: fakeGetString },
        userSettings: { userId: '{00000000-0000-0000-0000-0000000000AA}', languageId: 1033, isRTL: false },
    };
    return context as unknown as ComponentFramework.Context<IInputs>;
}
