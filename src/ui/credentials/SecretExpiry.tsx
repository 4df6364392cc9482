import { h, memo } from '../react';
import { DatePicker, defaultDatePickerStrings } from '@fluentui/react';
import { DefaultButton, MessageBar, MessageBarType, Stack } from '../fluent';
import { describeDeadline } from '../../core/readiness/deadline';
import { toLocalDay, toUtcDay, useDayFormatter } from '../hooks/use-credentials-dates';
import { format, type GetString } from '../strings';

/** Props of the secret expiry date and its reminder. */
export type SecretExpiryProps = {
    /** The secret's expiry as a UTC-midnight day; Dynamics cannot read it (entra §2.3), so the admin enters it. */
    expiryDate?: Date | null;
    /** Receives the chosen day as UTC midnight, or null when removed; without it the date is read-only. */
    onSaveExpiry?: (date: Date | null) => void;
    today: Date;
    reminderDays: number;
    locale?: string;
    isReadOnly: boolean;
    getString: GetString;
};

function Reminder({ expiryDate, today, reminderDays, locale, getString }: SecretExpiryProps & { expiryDate: Date }) {
    const formatDay = useDayFormatter(locale);
    const { daysLeft, status } = describeDeadline(expiryDate, today);
    if (status === 'passed') {
        return (
            <MessageBar messageBarType={MessageBarType.error}>
                {format(getString('Secret_ExpiryPassed'), formatDay(expiryDate))}
            </MessageBar>
        );
    }
    if (daysLeft > reminderDays) return null;
    return (
        <MessageBar messageBarType={MessageBarType.warning}>
            {format(getString('Secret_ExpiryReminder'), formatDay(expiryDate), daysLeft)}
        </MessageBar>
    );
}

/** Optional expiry date of the secret, with a reminder when it is near or passed. */
export const SecretExpiry = memo(function SecretExpiry(props: SecretExpiryProps) {
    const { expiryDate, onSaveExpiry, isReadOnly, locale, getString } = props;
    const formatDay = useDayFormatter(locale);
    const canEdit = !isReadOnly && onSaveExpiry !== undefined;
    return (
        <Stack tokens={{ childrenGap: 4 }}>
            <DatePicker
                label={getString('Secret_ExpiryLabel')}
                value={expiryDate ? toLocalDay(expiryDate) : undefined}
                formatDate={(d) => (d ? formatDay(toUtcDay(d)) : '')}
                onSelectDate={(d) => onSaveExpiry?.(d ? toUtcDay(d) : null)}
                disabled={!canEdit}
                strings={defaultDatePickerStrings}
            />
            {expiryDate && canEdit && (
                <DefaultButton onClick={() => onSaveExpiry?.(null)}>{getString('Secret_ExpiryClear')}</DefaultButton>
            )}
            {expiryDate && <Reminder {...props} expiryDate={expiryDate} />}
        </Stack>
    );
});
