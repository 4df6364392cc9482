import * as React from 'react';
import { DefaultButton, Stack, Text, type IButton } from '@fluentui/react';
import { useGetString } from '../texts';
import { SecretExpiry, type ExpiryProblem } from './SecretExpiry';
import { SecretForm } from './SecretForm';

/** Props of the client secret panel. It never reads the stored secret: Dynamics only says whether one is set. */
export type SecretPanelProps = {
    /** isoauthclientsecretset. */
    isSecretSet: boolean;
    /** Writes oauthclientsecret; the value is not kept anywhere in the UI once this is called. */
    onSaveSecret: (value: string) => Promise<void>;
    /** Valid IDs from the Connection fields, so a secret equal to one of them is refused. */
    tenantId?: string;
    applicationId?: string;
    expiryDate?: Date | null;
    onSaveExpiry?: (date: Date | null) => void;
    /** Reading or saving the expiry note failed. */
    expiryProblem?: ExpiryProblem | null;
    /** Injected "today" (the UI reads no clock of its own in tests). */
    today: Date;
    /** Remind this many days before expiry (default 30). */
    reminderDays?: number;
    isReadOnly?: boolean;
};

/** "A secret is set" / "No secret is set", "Replace secret" with an inline form, and the expiry reminder. */
export const SecretPanel = React.memo(function SecretPanel(props: SecretPanelProps) {
    const { isSecretSet } = props;
    const getString = useGetString();
    const isReadOnly = props.isReadOnly ?? false;
    const [isEditing, setEditing] = React.useState(false);
    // After a successful save the record may not have been re-read yet; we know a secret is set now.
    const [savedNow, setSavedNow] = React.useState(false);
    // The form's Save or Cancel goes away with the form: the focus goes back to the button that opened it.
    const openButton = React.useRef<IButton>(null);
    const [isClosing, setClosing] = React.useState(false);
    React.useEffect(() => {
        if (isClosing && !isEditing) {
            openButton.current?.focus();
            setClosing(false);
        }
    }, [isClosing, isEditing]);
    const close = React.useCallback(() => {
        setClosing(true);
        setEditing(false);
    }, []);
    const onSaved = React.useCallback(() => {
        setSavedNow(true);
        close();
    }, [close]);
    const isSet = isSecretSet || savedNow;
    return (
        <Stack tokens={{ childrenGap: 8 }}>
            <Text block role="status">
                {getString(isSet ? 'Secret_IsSet' : 'Secret_NotSet')}
            </Text>
            {isEditing ? (
                <SecretForm {...props} onSaved={onSaved} onCancel={close} />
            ) : (
                !isReadOnly && (
                    <DefaultButton
                        componentRef={openButton}
                        styles={{ root: { alignSelf: 'flex-start' } }}
                        onClick={() => setEditing(true)}
                    >
                        {getString(isSet ? 'Secret_Replace' : 'Secret_Enter')}
                    </DefaultButton>
                )
            )}
            <SecretExpiry {...props} isReadOnly={isReadOnly} reminderDays={props.reminderDays ?? 30} />
        </Stack>
    );
});
SecretPanel.displayName = 'SecretPanel';
